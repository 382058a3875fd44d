import type { GenerationPlan } from '../request';
import type { CreateBody, MediaItem } from './schemas';

export interface MediaUrls {
  first: string;
  last: string;
  audio?: string;
}

/** The create body for the plan's model: `input.media[]` for Wan 3.0 and 2.7, frame URL fields for kf2v. */
export function buildCreateBody(plan: GenerationPlan, urls: MediaUrls): CreateBody {
  const text: { prompt?: string; negative_prompt?: string } = {};
  if (plan.prompt.trim() !== '') text.prompt = plan.prompt;
  if (plan.spec.negativePrompt && plan.negativePrompt.trim() !== '') text.negative_prompt = plan.negativePrompt;
  const parameters: Record<string, unknown> = {
    resolution: plan.resolution,
    prompt_extend: plan.promptExtend,
    watermark: plan.watermark,
  };
  if (plan.seed !== undefined) parameters.seed = plan.seed;
  if (plan.spec.bodyStyle === 'media') {
    const media: MediaItem[] = [
      { type: 'first_frame', url: urls.first },
      { type: 'last_frame', url: urls.last },
    ];
    if (urls.audio) media.push({ type: 'driving_audio', url: urls.audio });
    // Wan 3.0's shape: `ratio`, `audio` (false = no sound track, same price) and `duration: -1` for the model's choice.
    const shape = plan.spec.shape ? { ratio: plan.ratio ?? plan.spec.shape.defaultRatio, audio: plan.sound ?? true } : {};
    return { model: plan.wireModel, input: { ...text, media }, parameters: { ...parameters, ...shape, duration: plan.duration } };
  }
  // kf2v's duration is fixed at 5 s and not a parameter the service takes.
  return { model: plan.wireModel, input: { ...text, first_frame_url: urls.first, last_frame_url: urls.last }, parameters };
}
