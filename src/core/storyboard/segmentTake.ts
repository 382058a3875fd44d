import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { readMediaInfo } from '../media/mediaInfo';
import { readTake } from '../output/takeReader';
import type { ParsedStoryboard } from './storyboardRead';

/** A segment's chosen take as it stands on disk. */
export type TakeState =
  | { kind: 'none' }
  /** Chosen, but its video is not there (moved, deleted). */
  | { kind: 'missing'; video: string }
  /** Chosen, but its take says rejected: the segment needs another. */
  | { kind: 'rejected'; video: string }
  /** `seconds`: the video's length, when read (a continued segment needs it). */
  | { kind: 'chosen'; video: string; seconds?: number; keyframes?: number[] };

/** The take's sidecar beside its video: `a-to-b.mp4` → `a-to-b.json`. */
export function sidecarOf(video: string): string {
  return path.join(path.dirname(video), `${path.basename(video, path.extname(video))}.json`);
}

/** The chosen take's video of segment `index`, resolved against the storyboard; undefined when none is chosen. */
export function chosenVideo(parsed: ParsedStoryboard, index: number): string | undefined {
  const take = parsed.storyboard.segments[index]?.take;
  return take === undefined ? undefined : path.resolve(parsed.folder, take);
}

/**
 * Where segment `index`'s chosen take stands: none, missing, rejected, or there. `withTimes` also reads the
 * video's length and keyframes (its header only), for the segment that continues it.
 */
export async function takeState(parsed: ParsedStoryboard, index: number, withTimes = false): Promise<TakeState> {
  const video = chosenVideo(parsed, index);
  if (video === undefined) return { kind: 'none' };
  try {
    if (!(await stat(video)).isFile()) return { kind: 'missing', video };
  } catch {
    return { kind: 'missing', video };
  }
  const take = await readTake(sidecarOf(video));
  if ('found' in take && take.found.take.verdict === 'rejected') return { kind: 'rejected', video };
  if (!withTimes) return { kind: 'chosen', video };
  const info = await readMediaInfo(video, { keyframes: true }).catch(() => undefined);
  if (info?.kind !== 'media' || !info.video) return { kind: 'chosen', video };
  return { kind: 'chosen', video, seconds: info.duration ?? info.video.end, keyframes: info.video.keyframes ?? [] };
}
