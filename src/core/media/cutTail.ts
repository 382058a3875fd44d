import { basename, dirname, extname, join } from 'node:path';
import { mediabunny, type Mediabunny } from './mediabunny';
import { withMediaFile } from './mediaFile';
import { type MediaInfo, readMediaInfo } from './mediaInfo';
import { audioTrackPlan, interleave, packetsOf, Remux, videoTrackPlan } from './remux';
import { writeBeside } from './writeBeside';

/** Timestamps come from integer time bases (1/90000 s, 1/44100 s…) and do not add up exactly in floating point. */
export const TIME_TOLERANCE = 0.001;

/**
 * Where the last ≤ `maxSeconds` of a clip `duration` seconds long can start without re-encoding: its earliest
 * keyframe that close to the end, leaving at least `minSeconds`. Undefined when no keyframe qualifies.
 */
export function tailStart(keyframes: readonly number[], duration: number, maxSeconds: number, minSeconds = 0): number | undefined {
  return [...keyframes]
    .sort((a, b) => a - b)
    .find((time) => duration - time <= maxSeconds + TIME_TOLERANCE && duration - time >= minSeconds - TIME_TOLERANCE);
}

/** The cut's default name beside the clip: `take.mp4` → `take.last10s.mp4`. */
export function tailFileName(file: string, maxSeconds: number): string {
  const extension = extname(file);
  return join(dirname(file), `${basename(file, extension)}.last${maxSeconds}s${extension || '.mp4'}`);
}

export interface CutTailOptions {
  maxSeconds: number;
  /** The cut must keep at least this much (a clip the service would refuse as too short is no answer). */
  minSeconds?: number;
  /** Where to write it; by default `tailFileName` beside the clip. An existing file is never replaced. */
  target?: string;
  signal?: AbortSignal;
}

export type CutTailResult =
  /** `start`: the exact time in the original the new file begins at (a keyframe); `seconds`: the new file's length. */
  | { kind: 'cut'; file: string; start: number; seconds: number }
  | { kind: 'short-enough'; seconds: number }
  | { kind: 'no-keyframe'; seconds: number; maxSeconds: number; minSeconds: number }
  | { kind: 'target-exists'; file: string }
  /** Not an mp4 or mov with a video track: `info` says what it is. */
  | { kind: 'not-a-clip'; info: MediaInfo };

/**
 * The last ≤ `maxSeconds` of a clip, from a keyframe, as a new file beside it: packets copied, never re-encoded;
 * the original is only read. Sound is kept from the same moment (the audio packet that straddles the cut is kept
 * and its early part hidden by the new file's edit list).
 */
export async function cutTail(file: string, options: CutTailOptions): Promise<CutTailResult> {
  const minSeconds = options.minSeconds ?? 0;
  const info = await readMediaInfo(file, { keyframes: true });
  if (info.kind !== 'media' || (info.container !== 'mp4' && info.container !== 'mov') || !info.video) return { kind: 'not-a-clip', info };
  const seconds = info.duration ?? info.video.end;
  if (seconds <= options.maxSeconds + TIME_TOLERANCE) return { kind: 'short-enough', seconds };
  const start = tailStart(info.video.keyframes ?? [], seconds, options.maxSeconds, minSeconds);
  if (start === undefined) return { kind: 'no-keyframe', seconds, maxSeconds: options.maxSeconds, minSeconds };
  const target = options.target ?? tailFileName(file, options.maxSeconds);
  const container = info.container;
  const written = await writeBeside(target, async (temporary) => {
    await copyFrom(file, temporary, container, start, options.signal);
    const made = await readMediaInfo(temporary);
    if (made.kind !== 'media' || made.duration === undefined) throw new Error(`the cut of ${file} could not be read back`);
    return made.duration;
  });
  if (written.kind === 'target-exists') return { kind: 'target-exists', file: target };
  return { kind: 'cut', file: target, start, seconds: written.value };
}

async function copyFrom(file: string, temporary: string, container: 'mp4' | 'mov', start: number, signal: AbortSignal | undefined): Promise<void> {
  await withMediaFile(
    file,
    async ({ input }) => {
      const videoTrack = await input.getPrimaryVideoTrack();
      if (!videoTrack) throw new Error(`${file} has no video track`);
      const audioTrack = await input.getPrimaryAudioTrack();
      const videoSink = new (mediabunny().EncodedPacketSink)(videoTrack);
      const key = await videoSink.getKeyPacket(start, { verifyKeyPackets: true });
      if (!key || Math.abs(key.timestamp - start) > TIME_TOLERANCE) throw new Error(`${file} has no keyframe at ${start} s`);
      const audio = audioTrack ? await audioFrom(audioTrack, start) : undefined;
      const remux = await Remux.start(temporary, container, {
        video: await videoTrackPlan(videoTrack),
        audio: audio && audioTrack ? await audioTrackPlan(audioTrack) : undefined,
      });
      try {
        for await (const { kind, packet } of interleave(packetsOf(videoSink, key), audio ? packetsOf(audio.sink, audio.first) : undefined)) {
          signal?.throwIfAborted();
          const moved = packet.clone({ timestamp: packet.timestamp - start });
          if (kind === 'audio') await remux.addAudio(moved);
          // A frame decoded after the keyframe but shown before it belongs to the part cut away (an open GOP's leading frame).
          else if (packet.timestamp >= start - TIME_TOLERANCE) await remux.addVideo(moved);
        }
        await remux.finish();
      } catch (error) {
        await remux.cancel();
        throw error;
      }
    },
    'stream',
  );
}

/** The audio packet that straddles `start`, and one before it so the decoder is primed (the edit list hides both). */
async function audioFrom(track: Mediabunny.InputAudioTrack, start: number): Promise<{ sink: Mediabunny.EncodedPacketSink; first: Mediabunny.EncodedPacket } | undefined> {
  const sink = new (mediabunny().EncodedPacketSink)(track);
  const straddling = (await sink.getPacket(start)) ?? (await sink.getFirstPacket());
  if (!straddling) return undefined;
  const primer = await sink.getPacket(straddling.timestamp - straddling.duration / 2);
  return { sink, first: primer ?? straddling };
}
