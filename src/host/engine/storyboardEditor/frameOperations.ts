import type { Segment, Storyboard } from '../../../core/storyboard/storyboardSchema';

/** The fewest keyframes a storyboard has (one segment between two frames). */
export const MIN_FRAMES = 2;

/**
 * A segment kept at its place when the frames around it change: its prompt and settings stay (the user wrote them
 * for that place in the film), its chosen take goes (it was made from other frames).
 */
function withoutTake(segment: Segment): Segment {
  const { take: _take, ...rest } = segment;
  return rest;
}

/** The segments for `keyframes`, reusing the old segment of each pair that was already there (take and all). */
function segmentsFor(before: Storyboard, keyframes: readonly string[]): Segment[] {
  const byPair = new Map<string, Segment>();
  before.segments.forEach((segment, at) => byPair.set(`${before.keyframes[at]}\u0000${before.keyframes[at + 1]}`, segment));
  return keyframes.slice(1).map((to, at) => {
    const same = byPair.get(`${keyframes[at]}\u0000${to}`);
    if (same) return same;
    const placed = before.segments[Math.min(at, before.segments.length - 1)] as Segment;
    return withoutTake(placed);
  });
}

export type FrameChange = { ok: true; storyboard: Storyboard } | { ok: false; reason: 'out-of-range' | 'too-few-frames' | 'unchanged' | 'not-a-take' };

/**
 * Moves keyframe `from` to position `to` (both 0-based). A segment between two frames that stay neighbours keeps
 * everything, its take included; a segment whose frames changed keeps its prompt and settings but not its take.
 */
export function moveFrame(storyboard: Storyboard, from: number, to: number): FrameChange {
  const count = storyboard.keyframes.length;
  if (!inRange(from, count) || !inRange(to, count)) return { ok: false, reason: 'out-of-range' };
  if (from === to) return { ok: false, reason: 'unchanged' };
  const keyframes = [...storyboard.keyframes];
  const [moved] = keyframes.splice(from, 1);
  keyframes.splice(to, 0, moved as string);
  return { ok: true, storyboard: { ...storyboard, keyframes, segments: segmentsFor(storyboard, keyframes) } };
}

/** Removes keyframe `index`; never below two frames. The two segments around it become one, without a take. */
export function removeFrame(storyboard: Storyboard, index: number): FrameChange {
  const count = storyboard.keyframes.length;
  if (!inRange(index, count)) return { ok: false, reason: 'out-of-range' };
  if (count <= MIN_FRAMES) return { ok: false, reason: 'too-few-frames' };
  const keyframes = storyboard.keyframes.filter((_, at) => at !== index);
  return { ok: true, storyboard: { ...storyboard, keyframes, segments: segmentsFor(storyboard, keyframes) } };
}

/**
 * Adds keyframes (as the storyboard writes them) at the end. Each new segment starts with the settings of the last
 * segment (model, resolution, duration), an empty prompt, no take, and the default mode.
 */
export function addFrames(storyboard: Storyboard, written: readonly string[]): FrameChange {
  if (written.length === 0) return { ok: false, reason: 'unchanged' };
  const last = storyboard.segments[storyboard.segments.length - 1];
  const keyframes = [...storyboard.keyframes, ...written];
  const template: Segment = last ? { model: last.model, resolution: last.resolution, duration: last.duration, prompt: '' } : { model: 'wan2.7-i2v', resolution: '720P', duration: 5, prompt: '' };
  const added = written.map((): Segment => ({ ...template }));
  return { ok: true, storyboard: { ...storyboard, keyframes, segments: [...storyboard.segments, ...added] } };
}

/** The fields of one segment the editor changes; fields left out (and fields it does not know) stay. */
export interface SegmentChange {
  prompt?: string;
  model?: string;
  resolution?: string;
  duration?: number;
  mode?: 'keyframes' | 'continue';
}

/**
 * Changes one segment. A change of what the video is made from (model, resolution, duration, mode) lets the chosen
 * take go, since that take no longer matches; a new prompt keeps it (the take is still the user's pick until a new
 * one is made). `keyframes` is the default mode and is written by leaving the field out.
 */
export function changeSegment(storyboard: Storyboard, index: number, change: SegmentChange): FrameChange {
  const segment = storyboard.segments[index];
  if (!segment) return { ok: false, reason: 'out-of-range' };
  const next: Segment = { ...segment };
  if (change.prompt !== undefined) next.prompt = change.prompt;
  if (change.model !== undefined) next.model = change.model;
  if (change.resolution !== undefined) next.resolution = change.resolution;
  if (change.duration !== undefined) next.duration = change.duration;
  if (change.mode !== undefined) {
    if (change.mode === 'keyframes') delete next.mode;
    else next.mode = change.mode;
  }
  const remade = (['model', 'resolution', 'duration', 'mode'] as const).some((key) => next[key] !== segment[key]);
  const changed = remade || next.prompt !== segment.prompt;
  if (!changed) return { ok: false, reason: 'unchanged' };
  const segments = storyboard.segments.map((item, at) => (at === index ? (remade ? withoutTake(next) : next) : item));
  return { ok: true, storyboard: { ...storyboard, segments } };
}

/**
 * Chooses segment `index`'s take: a video path relative to the storyboard (as the storyboard writes it), or none,
 * so Generate Storyboard makes that segment again. Only the join is redone for a new choice: nothing else changes.
 */
export function chooseTake(storyboard: Storyboard, index: number, take: string | undefined): FrameChange {
  const segment = storyboard.segments[index];
  if (!segment) return { ok: false, reason: 'out-of-range' };
  if (take !== undefined && !isRelativeFile(take)) return { ok: false, reason: 'not-a-take' };
  if (take === segment.take) return { ok: false, reason: 'unchanged' };
  const next: Segment = take === undefined ? withoutTake(segment) : { ...segment, take };
  return { ok: true, storyboard: { ...storyboard, segments: storyboard.segments.map((item, at) => (at === index ? next : item)) } };
}

/** A path written relative to the storyboard, forward slashes, naming a file (no drive, no root, no URL). */
function isRelativeFile(written: string): boolean {
  return written.trim() !== '' && !/^([a-z][a-z0-9+.-]*:|[\\/])/i.test(written) && !written.endsWith('/');
}

function inRange(index: number, count: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < count;
}
