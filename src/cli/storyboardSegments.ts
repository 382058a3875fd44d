import * as path from 'node:path';
import type { Bilingual } from '../core/base/language';
import { clipLimits, MODELS, modelFamily } from '../core/catalog/models';
import { type Endpoint, priceRegion } from '../core/catalog/regions';
import { problemMessage } from '../core/inputs/problems';
import { type GenerationPlan, planGeneration, type PlanOptions } from '../core/inputs/request';
import { chainStopMessage } from '../core/storyboard/continuation';
import { planStoryboard, type SegmentPlan, type StoryboardPlan } from '../core/storyboard/storyboardPlan';
import { storyboardProblemMessage } from '../core/storyboard/storyboardProblems';
import { type ParsedStoryboard, readStoryboard } from '../core/storyboard/storyboardRead';
import { ROLE } from '../shared/mediaRoles';
import { tailClip } from './tailClip';

/** A segment ready to send: its index (0-based) and its checked plan. */
export interface ReadySegment {
  index: number;
  plan: GenerationPlan;
  /** What the run says of it before it is sent (a clip cut at a keyframe). */
  said?: Bilingual;
}

/**
 * What a storyboard needs now, every check done and nothing sent: `ready`, the segments that can be sent at once
 * (keyframe segments, and continued ones whose clip is there); `waiting`, continued segments whose clip is the take
 * of a segment still to make (they go in a later wave). `messages`: why some segment cannot be made (nothing is sent).
 */
export type SegmentWave =
  | { kind: 'refused'; messages: Bilingual[] }
  | { kind: 'planned'; parsed: ParsedStoryboard; plan: StoryboardPlan; ready: ReadySegment[]; waiting: number[] };

export interface WaveOptions extends PlanOptions {
  endpoint: Endpoint;
  /** A dry run: a clip that needs a cut is not cut (nothing is written), its segment is only counted. */
  dryRun: boolean;
}

/** `Segment 2: …` for each message. */
export function onSegment(index: number, messages: readonly Bilingual[]): Bilingual[] {
  return messages.map((message) => ({ en: `Segment ${index + 1}: ${message.en}`, zh: `第 ${index + 1} 段：${message.zh}` }));
}

/** The clip a continued segment sends: the previous take, or its last ≤ 10 s cut at a keyframe beside it. */
async function clipOf(segment: SegmentPlan, dryRun: boolean): Promise<{ file?: string; said?: Bilingual } | { messages: Bilingual[] }> {
  const clip = segment.clip;
  if (clip?.kind === 'whole') return { file: clip.video };
  if (clip?.kind !== 'tail') return { messages: onSegment(segment.index, [{ en: `the take of segment ${segment.index} is not there to continue yet`, zh: `第 ${segment.index} 段的视频尚未生成，无法续写` }]) };
  if (dryRun) return { said: { en: `Segment ${segment.index + 1} would continue ${path.basename(clip.video)} from its keyframe at ${Number(clip.cutAt.toFixed(3))} s.`, zh: `第 ${segment.index + 1} 段将从 ${Number(clip.cutAt.toFixed(3))} 秒处的关键帧续写 ${path.basename(clip.video)}。` } };
  const spec = MODELS[modelFamily(segment.request.model) ?? 'wan2.7-i2v'];
  const limits = clipLimits(spec, ROLE.clip);
  if (!limits) return { messages: [chainStopMessage({ code: 'model-cannot-continue', model: spec.id }, segment.index + 1)] };
  const cut = await tailClip(clip.video, limits.maxSeconds, limits.minSeconds);
  return 'problem' in cut ? { messages: onSegment(segment.index, [cut.problem]) } : cut;
}

/** One segment checked as `generate` checks a take; a continued one with its clip by role. */
async function prepare(segment: SegmentPlan, options: WaveOptions): Promise<ReadySegment | { messages: Bilingual[] } | undefined> {
  if (segment.chainStop) return { messages: [chainStopMessage(segment.chainStop, segment.index + 1)] };
  if (segment.problems.length > 0) return { messages: onSegment(segment.index, segment.problems.map(problemMessage)) };
  let request = segment.request;
  let said: Bilingual | undefined;
  if (segment.mode === 'continue') {
    const clip = await clipOf(segment, options.dryRun);
    if ('messages' in clip) return clip;
    said = clip.said;
    if (clip.file === undefined) return undefined;
    request = { ...request, inputs: { ...request.inputs, [ROLE.clip]: clip.file } };
  }
  const planned = await planGeneration(request, options.endpoint, options);
  if (!planned.plan) return { messages: onSegment(segment.index, planned.problems.map(problemMessage)) };
  return { index: segment.index, plan: planned.plan, said };
}

/**
 * Reads the storyboard as it is on disk now and prepares every segment that has no usable take: the first wave of a
 * run, and each next one after the takes before it landed (a continued segment waits for its predecessor's take).
 * A dry run may pass a storyboard not written yet.
 */
export async function planWave(source: string | ParsedStoryboard, options: WaveOptions): Promise<SegmentWave> {
  const file = typeof source === 'string' ? source : source.file;
  const read = typeof source === 'string' ? await readStoryboard(file) : { ok: true as const, parsed: source };
  if (!read.ok) return { kind: 'refused', messages: read.problems.map((problem) => storyboardProblemMessage(problem, path.basename(file))) };
  const plan = await planStoryboard(read.parsed, { region: priceRegion(options.endpoint) });
  const ready: ReadySegment[] = [];
  const waiting: number[] = [];
  const messages: Bilingual[] = [];
  const allowed = { ...options, allowedRoots: [...(options.allowedRoots ?? []), read.parsed.folder] };
  for (const index of plan.toGenerate) {
    const segment = plan.segments[index] as SegmentPlan;
    if (segment.mode === 'continue' && segment.clip?.kind === 'waits') {
      if (segment.chainStop) messages.push(chainStopMessage(segment.chainStop, index + 1));
      else if (plan.toGenerate.includes(index - 1)) waiting.push(index);
      else messages.push(...onSegment(index, [{ en: `the take of segment ${index} cannot be read as a video, so its length to continue from is unknown`, zh: `第 ${index} 段的视频无法读取，无法确定续写的起点` }]));
      continue;
    }
    const prepared = await prepare(segment, allowed);
    if (prepared === undefined) waiting.push(index);
    else if ('messages' in prepared) messages.push(...prepared.messages);
    else ready.push(prepared);
  }
  if (messages.length > 0) return { kind: 'refused', messages };
  return { kind: 'planned', parsed: read.parsed, plan, ready, waiting };
}
