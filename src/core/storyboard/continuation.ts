import type { Bilingual } from '../base/language';
import { clipLimits, isLegalCombination, type ModelSpec } from '../catalog/models';
import { TIME_TOLERANCE, tailFileName, tailStart } from '../media/cutTail';
import { ROLE } from '../../shared/mediaRoles';
import type { TakeState } from './segmentTake';

/** A continued segment must add at least this much after its clip (the "≥ the clip's length + 1 s"). */
export const MIN_NEW_SECONDS = 1;

/** What a continued segment starts from: the previous segment's take, all of it or its last part. */
export type ClipSource =
  | { kind: 'whole'; video: string; seconds: number }
  /** Its last ≤ max seconds, cut without re-encoding at the keyframe `cutAt`, written as `file` beside it. */
  | { kind: 'tail'; video: string; seconds: number; cutAt: number; file: string }
  /** The previous segment has no take yet: this one waits for it; `expectedSeconds` is its clip at most. */
  | { kind: 'waits'; segment: number; expectedSeconds: number };

/** Why a segment cannot continue the previous one: where the chain stops. */
export type ChainStop =
  | { code: 'model-cannot-continue'; model: string }
  | { code: 'clip-too-short'; seconds: number; min: number }
  | { code: 'no-keyframe-to-cut'; seconds: number; max: number; min: number }
  /** `duration` (the total, clip included) leaves less than a second after the clip, or the clip fills the most. */
  | { code: 'no-room'; duration: number; clipSeconds: number; max: number; expected: boolean };

export interface Continuation {
  clip?: ClipSource;
  stop?: ChainStop;
  /** Seconds the segment adds after its clip (the new motion), when the clip's length is known or expected. */
  newSeconds?: number;
}

/**
 * How segment `index` continues the one before: from that segment's chosen take (or its last ≤ 10 s, cut at a
 * keyframe), toward the next keyframe, within the model's total length. The output includes the clip, so `duration`
 * must leave room after it; a take that is not made yet is expected at its segment's length.
 */
export function planContinuation(spec: ModelSpec, duration: number, previous: TakeState, previousIndex: number, previousDuration: number): Continuation {
  const limits = clipLimits(spec);
  if (!limits || !isLegalCombination(spec, [ROLE.clip, ROLE.last])) return { stop: { code: 'model-cannot-continue', model: spec.id } };
  const max = spec.duration.max;
  const room = (clipSeconds: number, expected: boolean): Continuation => {
    const newSeconds = duration - clipSeconds;
    return newSeconds + TIME_TOLERANCE < MIN_NEW_SECONDS || duration > max ? { stop: { code: 'no-room', duration, clipSeconds, max, expected }, newSeconds } : { newSeconds };
  };
  if (previous.kind !== 'chosen' || previous.seconds === undefined) {
    const expectedSeconds = Math.min(previousDuration, limits.maxSeconds);
    return { clip: { kind: 'waits', segment: previousIndex, expectedSeconds }, ...room(expectedSeconds, true) };
  }
  const seconds = previous.seconds;
  if (seconds + TIME_TOLERANCE < limits.minSeconds) return { stop: { code: 'clip-too-short', seconds, min: limits.minSeconds } };
  if (seconds <= limits.maxSeconds + TIME_TOLERANCE) return { clip: { kind: 'whole', video: previous.video, seconds }, ...room(seconds, false) };
  const cutAt = tailStart(previous.keyframes ?? [], seconds, limits.maxSeconds, limits.minSeconds);
  if (cutAt === undefined) return { stop: { code: 'no-keyframe-to-cut', seconds, max: limits.maxSeconds, min: limits.minSeconds } };
  const clip: ClipSource = { kind: 'tail', video: previous.video, seconds: seconds - cutAt, cutAt, file: tailFileName(previous.video, limits.maxSeconds) };
  return { clip, ...room(clip.seconds, false) };
}

const s = (value: number) => `${Number(value.toFixed(3))} s`;

/** Where and why the chain stops, in both languages; `segment` is 1-based as people count. */
export function chainStopMessage(stop: ChainStop, segment: number): Bilingual {
  const at = { en: `Segment ${segment} cannot continue segment ${segment - 1}`, zh: `片段 ${segment} 无法接续片段 ${segment - 1}` };
  switch (stop.code) {
    case 'model-cannot-continue':
      return { en: `${at.en}: ${stop.model} does not continue clips (wan2.7-i2v does).`, zh: `${at.zh}：${stop.model} 不支持续写视频（wan2.7-i2v 支持）。` };
    case 'clip-too-short':
      return { en: `${at.en}: its take is ${s(stop.seconds)}, shorter than the ${s(stop.min)} a clip needs.`, zh: `${at.zh}：其视频时长 ${s(stop.seconds)}，短于续写所需的 ${s(stop.min)}。` };
    case 'no-keyframe-to-cut':
      return {
        en: `${at.en}: its take is ${s(stop.seconds)} and has no keyframe to cut its last ≤ ${s(stop.max)} at (keeping at least ${s(stop.min)}) without re-encoding.`,
        zh: `${at.zh}：其视频时长 ${s(stop.seconds)}，最后 ${s(stop.max)} 内没有可在不重新编码的情况下截取的关键帧（至少保留 ${s(stop.min)}）。`,
      };
    case 'no-room': {
      const clip = stop.expected ? { en: `the expected ${s(stop.clipSeconds)} clip`, zh: `预计 ${s(stop.clipSeconds)} 的视频片段` } : { en: `the ${s(stop.clipSeconds)} clip`, zh: `${s(stop.clipSeconds)} 的视频片段` };
      const least = Math.ceil(stop.clipSeconds + MIN_NEW_SECONDS - TIME_TOLERANCE);
      return least > stop.max
        ? { en: `${at.en}: ${clip.en} leaves no room within the ${s(stop.max)} total — the chain stops here.`, zh: `${at.zh}：${clip.zh}已占满 ${s(stop.max)} 的总时长上限——接续到此为止。` }
        : {
            en: `${at.en}: a ${s(stop.duration)} total leaves no room after ${clip.en}; choose ${least}–${stop.max} s (the output includes the clip).`,
            zh: `${at.zh}：总时长 ${s(stop.duration)} 在${clip.zh}之后没有余量；请选择 ${least}–${stop.max} 秒（输出包含该片段）。`,
          };
    }
  }
}
