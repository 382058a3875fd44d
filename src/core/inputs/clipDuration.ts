import type { ModelSpec } from '../catalog/models';
import type { MediaRole } from '../../shared/mediaRoles';
import type { ClipFacts } from './inspect';
import type { Problem } from './problems';

/** What a continuation adds at the least: the contract's own example continues a 2 s clip by 10 s; less than 1 s is no video. */
export const MIN_NEW_SECONDS = 1;

/**
 * How far past a whole second a clip may run and still count as that second: an AAC track's priming and a
 * container's rounding make a "3 s" clip 3.008 s or 3.02 s long, and refusing 4 s for it would be pedantry.
 */
const CLIP_SLACK_SECONDS = 0.1;

/**
 * The shortest `duration` a continuation of this clip may ask: the clip's length plus a second of new video, rounded
 * up to a whole second (the parameter is an integer).
 */
export function shortestContinuation(clipSeconds: number): number {
  return Math.ceil(clipSeconds + MIN_NEW_SECONDS - CLIP_SLACK_SECONDS);
}

/**
 * A continuation's `duration` is the whole output, the clip included (dashscope-api.md §4.2, addendum §A6: a 3 s clip
 * with duration 15 gives a 15 s file). A duration that leaves no new video after the clip is a problem before any
 * request, naming the clip's length; over the model's longest is already `duration-invalid`.
 */
export function clipDurationProblems(role: MediaRole, clip: ClipFacts, duration: number, spec: ModelSpec): Problem[] {
  const seconds = clip.probe.seconds;
  if (seconds === undefined) return [];
  const min = shortestContinuation(seconds);
  const max = spec.duration.max;
  if (duration >= min && duration <= max) return [];
  return [{ code: 'clip-duration', role, seconds, duration, min, max }];
}
