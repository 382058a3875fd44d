import type * as Mediabunny from 'mediabunny';

/** What the rest of the code may take from mediabunny at run time: what mediabunnyExports.ts lists. */
export type MediabunnyModule = typeof import('./mediabunnyExports');

let loaded: MediabunnyModule | undefined;

/**
 * mediabunny, loaded when the first media file is read or written rather than with the engine: most sessions never
 * touch a clip or a storyboard, and the library weighs more than the rest of the engine's media code by far.
 */
export function mediabunny(): MediabunnyModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports, no-restricted-syntax -- deferred on purpose, see above
  loaded ??= require('./mediabunnyExports') as MediabunnyModule;
  return loaded;
}

export type { Mediabunny };

/** A video or audio track's decoder configuration, as mediabunny reads it and takes it back when writing. */
export type VideoConfig = NonNullable<Awaited<ReturnType<Mediabunny.InputVideoTrack['getDecoderConfig']>>>;
export type AudioConfig = NonNullable<Awaited<ReturnType<Mediabunny.InputAudioTrack['getDecoderConfig']>>>;
