import * as path from 'node:path';
import { urlFileName } from '../../../core/inputs/remoteImage';
import { ROLE } from '../../../shared/mediaRoles';
import type { TakeView } from '../../../shared/protocol';
import type { FoundFilm } from './filmFiles';
import type { FilmPair } from './filmPair';

/** How the panel shows files and words: a file's webview URI while it is there, the card's words in the display language. */
export interface FilmLook {
  src(file: string): Promise<string | undefined>;
  label(segments: number, storyboard: string): string;
  openStoryboard: string;
}

/** What is known of the film's video from its header, when read. */
export interface FilmExtras {
  sound: TakeView['sound'];
  fps?: number;
}

async function still(input: { url?: string; path?: string } | undefined, look: FilmLook): Promise<{ name: string; src?: string } | undefined> {
  if (!input) return undefined;
  if (input.url) return { name: urlFileName(input.url) };
  const file = input.path ?? '';
  return { name: path.basename(file), src: await look.src(file) };
}

/**
 * A film joined from a storyboard, as a card among the takes of its first → last frames: the first segment's first
 * frame · the film · the last segment's last frame, marked as a film of N segments with its storyboard's name.
 */
export async function filmView(found: FoundFilm, pair: FilmPair, extras: FilmExtras, look: FilmLook): Promise<TakeView> {
  const { film } = found;
  const [from, to, videoSrc] = await Promise.all([still(pair.first.inputs[ROLE.first], look), still(pair.last.inputs[ROLE.last], look), look.src(found.videoPath)]);
  const storyboard = path.basename(found.storyboardPath);
  return {
    id: found.sidecarPath,
    videoSrc,
    videoName: path.basename(found.videoPath),
    videoMissing: videoSrc === undefined,
    // A film is made again by joining its storyboard, never downloaded.
    canResume: false,
    inputs: { ...(from ? { [ROLE.first]: from } : {}), ...(to ? { [ROLE.last]: to } : {}) },
    model: [...new Set([pair.first.take.model, pair.last.take.model])].join(' + '),
    resolution: pair.first.take.parameters?.resolution,
    prompt: '',
    savedAt: Date.parse(film.joinedAt) || 0,
    sound: extras.sound,
    seconds: film.video.seconds,
    exact: false,
    fps: extras.fps,
    film: { segments: film.segments.length, storyboard, label: look.label(film.segments.length, storyboard), openStoryboard: look.openStoryboard },
  };
}
