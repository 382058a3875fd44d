import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Bilingual } from '../../../core/base/language';
import { clipLimits, MODELS, modelFamily } from '../../../core/catalog/models';
import type { Endpoint } from '../../../core/catalog/regions';
import { problemMessage } from '../../../core/inputs/problems';
import { type GenerationPlan, planGeneration, type PlanOptions } from '../../../core/inputs/request';
import { cutTail } from '../../../core/media/cutTail';
import { chainStopMessage } from '../../../core/storyboard/continuation';
import type { SegmentPlan } from '../../../core/storyboard/storyboardPlan';
import { ROLE } from '../../../shared/mediaRoles';

/** A segment made ready to send, or why it cannot be (one message per reason, both languages, nothing sent). */
export type PreparedSegment = { plan: GenerationPlan; clip?: string } | { problems: Bilingual[] };

const name = (file: string) => path.basename(file);
const segmentLabel = (index: number): Bilingual => ({ en: `Segment ${index + 1}`, zh: `第 ${index + 1} 段` });

/** `Segment 2: …` for each message. */
export function onSegment(index: number, messages: readonly Bilingual[]): Bilingual[] {
  const label = segmentLabel(index);
  return messages.map((message) => ({ en: `${label.en}: ${message.en}`, zh: `${label.zh}：${message.zh}` }));
}

/**
 * The clip a continued segment sends: the previous take as it is, or its last ≤ 10 s cut at a keyframe into a new
 * file beside it (the take itself is only read). A cut made before (a restart after the cut) is used again when it is
 * newer than the take; an older one may be of other footage and is never sent in its place.
 */
/** `stop`: a message that names the segment itself (where the chain stops); `problem`: one to say on the segment. */
async function clipOf(segment: SegmentPlan): Promise<{ file: string } | { problem: Bilingual } | { stop: Bilingual }> {
  const clip = segment.clip;
  if (clip?.kind === 'whole') return { file: clip.video };
  if (clip?.kind !== 'tail') return { problem: { en: `the take of segment ${segment.index} is not there to continue yet`, zh: `第 ${segment.index} 段的视频尚未生成，无法续写` } };
  const spec = MODELS[modelFamily(segment.request.model) ?? 'wan2.7-i2v'];
  const limits = clipLimits(spec, ROLE.clip);
  if (!limits) return { stop: chainStopMessage({ code: 'model-cannot-continue', model: spec.id }, segment.index + 1) };
  const cut = await cutTail(clip.video, { maxSeconds: limits.maxSeconds, minSeconds: limits.minSeconds, target: clip.file });
  switch (cut.kind) {
    case 'cut':
    case 'short-enough':
      return { file: cut.kind === 'cut' ? cut.file : clip.video };
    case 'target-exists': {
      const [source, made] = await Promise.all([stat(clip.video), stat(cut.file)]);
      if (made.mtimeMs >= source.mtimeMs) return { file: cut.file };
      return {
        problem: {
          en: `${name(cut.file)} is older than ${name(clip.video)}, so it may be cut from other footage: delete or rename it, then Generate Storyboard again`,
          zh: `${name(cut.file)} 比 ${name(clip.video)} 更旧，可能截自其他视频：请删除或重命名后再次生成故事板`,
        },
      };
    }
    case 'no-keyframe':
      return { stop: chainStopMessage({ code: 'no-keyframe-to-cut', seconds: cut.seconds, max: cut.maxSeconds, min: cut.minSeconds }, segment.index + 1) };
    case 'not-a-clip':
      return { problem: { en: `${name(clip.video)} is not an mp4 or mov video`, zh: `${name(clip.video)} 不是 mp4 或 mov 视频` } };
  }
}

/**
 * Makes a segment ready to send, every check done first: a keyframe segment from its two keyframes; a continued one
 * from the previous segment's take (or its last ≤ 10 s) as its clip (ROLE.clip) and the next keyframe as its last
 * frame, its total duration within the model's 15 s (where it does not fit, the chain stops here, said so).
 */
export async function prepareSegment(segment: SegmentPlan, endpoint: Endpoint, options: PlanOptions): Promise<PreparedSegment> {
  if (segment.chainStop) return { problems: [chainStopMessage(segment.chainStop, segment.index + 1)] };
  if (segment.problems.length > 0) return { problems: onSegment(segment.index, segment.problems.map(problemMessage)) };
  let request = segment.request;
  let clip: string | undefined;
  if (segment.mode === 'continue') {
    const found = await clipOf(segment);
    if ('stop' in found) return { problems: [found.stop] };
    if ('problem' in found) return { problems: onSegment(segment.index, [found.problem]) };
    clip = found.file;
    request = { ...request, inputs: { ...request.inputs, [ROLE.clip]: clip } };
  }
  const planned = await planGeneration(request, endpoint, options);
  if (!planned.plan) return { problems: onSegment(segment.index, planned.problems.map(problemMessage)) };
  return { plan: planned.plan, clip };
}
