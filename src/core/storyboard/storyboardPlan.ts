import type { Bilingual } from '../base/language';
import { estimate, type Estimate, type Range } from '../catalog/estimate';
import { MODELS, modelFamily, type ModelSpec } from '../catalog/models';
import { PRICE_CURRENCY } from '../catalog/prices';
import type { RegionId } from '../catalog/regions';
import type { Problem } from '../inputs/problems';
import { type GenerationRequest, parameterProblems } from '../inputs/request';
import { type Inputs, ROLE } from '../../shared/mediaRoles';
import { type ChainStop, type ClipSource, planContinuation } from './continuation';
import { takeState, type TakeState } from './segmentTake';
import type { Keyframe, ParsedStoryboard } from './storyboardRead';
import type { Segment, SegmentMode } from './storyboardSchema';

/** Why a segment needs a take, or that it has one. */
export type SegmentNeed = 'has-take' | 'no-take' | 'take-missing' | 'take-rejected';

export interface SegmentPlan {
  /** 0-based; people count from 1. */
  index: number;
  /** How it is made: `continue` on the first segment (nothing before it) is made from its keyframes. */
  mode: SegmentMode;
  take: TakeState;
  needs: SegmentNeed;
  /** What generating it sends: inputs by role (a continued segment's clip is absent while it waits for it). */
  request: GenerationRequest;
  /** Continue mode: what its clip (ROLE.clip) is, and the seconds it adds after it. */
  clip?: ClipSource;
  newSeconds?: number;
  /** Where the 15 s total (or the clip's rules) stops a chain at this segment. */
  chainStop?: ChainStop;
  /** The model, resolution, duration or prompt is not one the model takes. */
  problems: Problem[];
  notes: Bilingual[];
  /** One take of it at list prices; undefined when the model is unknown. */
  estimate: Estimate | undefined;
}

/** A sum of segment estimates: ranges kept; a segment without a price makes the total unknown (null), never 0. */
export interface StoryboardEstimate {
  currency: typeof PRICE_CURRENCY;
  segments: number;
  seconds: Range;
  total: Range | null;
  /** The sum of the segments that have a price. */
  priced: Range;
  /** Indexes (0-based) of the segments whose price is unknown. */
  unpriced: number[];
}

export interface StoryboardPlan {
  segments: SegmentPlan[];
  /** Indexes (0-based) of the segments that need a take, in order. */
  toGenerate: number[];
  estimate: { all: StoryboardEstimate; toGenerate: StoryboardEstimate };
  /** Every segment has a chosen take: the film can be joined. */
  joinable: boolean;
}

export interface PlanOptions {
  /** The endpoint's region; undefined (a custom endpoint) leaves prices unknown. */
  region: RegionId | undefined;
}

const NEED: Record<TakeState['kind'], SegmentNeed> = { none: 'no-take', missing: 'take-missing', rejected: 'take-rejected', chosen: 'has-take' };

const source = (keyframe: Keyframe | undefined): string => keyframe?.path ?? keyframe?.url ?? '';

function clipInput(clip: ClipSource | undefined): string | undefined {
  if (clip?.kind === 'whole') return clip.video;
  if (clip?.kind === 'tail') return clip.file;
  return undefined;
}

function check(segment: Segment, spec: ModelSpec | undefined, region: RegionId | undefined): { problems: Problem[]; estimateOf?: (clipSeconds?: number) => Estimate } {
  if (!spec) return { problems: [{ code: 'model-unknown', model: segment.model }] };
  const checked = parameterProblems({ inputs: {}, model: segment.model, prompt: segment.prompt, negativePrompt: segment.negativePrompt, resolution: segment.resolution, duration: segment.duration }, spec);
  const problems = [...checked.problems];
  if (region && spec.regionIds[region] === undefined) problems.push({ code: 'model-not-in-region', model: spec.id, region });
  return { problems, estimateOf: (clipSeconds) => estimate({ model: spec.id, region, resolution: checked.resolution, duration: checked.duration, count: 1, clipSeconds }) };
}

async function planSegment(parsed: ParsedStoryboard, index: number, states: TakeState[], options: PlanOptions): Promise<SegmentPlan> {
  const segment = parsed.storyboard.segments[index] as Segment;
  const family = modelFamily(segment.model);
  const spec = family ? MODELS[family] : undefined;
  const take = states[index] as TakeState;
  const notes: Bilingual[] = [];
  let mode: SegmentMode = segment.mode ?? 'keyframes';
  if (mode === 'continue' && index === 0) {
    mode = 'keyframes';
    notes.push({ en: 'Segment 1 has nothing before it to continue: it is made from its two keyframes.', zh: '片段 1 之前没有可接续的视频：由其两个关键帧生成。' });
  }
  const base = { prompt: segment.prompt, negativePrompt: segment.negativePrompt ?? '', model: segment.model, resolution: segment.resolution, duration: segment.duration };
  const { problems, estimateOf } = check(segment, spec, options.region);
  const next = source(parsed.keyframes[index + 1]);
  const plan = { index, mode, take, needs: NEED[take.kind], problems, notes };
  if (mode === 'keyframes' || !spec) {
    const inputs: Inputs<string> = mode === 'keyframes' ? { [ROLE.first]: source(parsed.keyframes[index]), [ROLE.last]: next } : { [ROLE.last]: next };
    return { ...plan, request: { ...base, inputs }, estimate: estimateOf?.() };
  }
  const previous = parsed.storyboard.segments[index - 1] as Segment;
  const continuation = planContinuation(spec, segment.duration, states[index - 1] as TakeState, index - 1, previous.duration);
  const clip = clipInput(continuation.clip);
  const inputs: Inputs<string> = clip === undefined ? { [ROLE.last]: next } : { [ROLE.clip]: clip, [ROLE.last]: next };
  const clipSeconds = continuation.clip?.kind === 'waits' ? continuation.clip.expectedSeconds : continuation.clip?.seconds;
  return { ...plan, request: { ...base, inputs }, ...continuation, chainStop: continuation.stop, estimate: estimateOf?.(clipSeconds) };
}

/** Sums one take of each segment: seconds and money as ranges, unknown prices kept apart. */
export function sumEstimates(segments: readonly SegmentPlan[]): StoryboardEstimate {
  const add = (a: Range, b: Range): Range => ({ min: a.min + b.min, max: a.max + b.max });
  const zero = (): Range => ({ min: 0, max: 0 });
  let seconds = zero();
  let priced = zero();
  const unpriced: number[] = [];
  for (const segment of segments) {
    const one = segment.estimate;
    if (one) seconds = add(seconds, one.seconds);
    if (one?.perTake) priced = add(priced, one.perTake);
    else unpriced.push(segment.index);
  }
  return { currency: PRICE_CURRENCY, segments: segments.length, seconds, total: unpriced.length > 0 ? null : priced, priced, unpriced };
}

/**
 * What a storyboard needs, sending nothing: each segment's take (none, missing, rejected, or chosen), what
 * generating it would send (first frame = keyframe i, last = keyframe i + 1; continued: the clip = the previous
 * segment's take or its last ≤ 10 s, the last frame = keyframe i + 1), where a chain stops, and the estimate for the
 * whole storyboard and for what is left to make.
 */
export async function planStoryboard(parsed: ParsedStoryboard, options: PlanOptions): Promise<StoryboardPlan> {
  const { segments } = parsed.storyboard;
  // A take is read down to its keyframes only where the next segment continues it.
  const states = await Promise.all(segments.map((_, index) => takeState(parsed, index, segments[index + 1]?.mode === 'continue')));
  const planned: SegmentPlan[] = [];
  for (const index of segments.keys()) planned.push(await planSegment(parsed, index, states, options));
  const toGenerate = planned.filter((segment) => segment.needs !== 'has-take');
  return {
    segments: planned,
    toGenerate: toGenerate.map((segment) => segment.index),
    estimate: { all: sumEstimates(planned), toGenerate: sumEstimates(toGenerate) },
    joinable: toGenerate.length === 0,
  };
}
