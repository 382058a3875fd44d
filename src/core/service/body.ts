import { type Inputs, type MediaRole, ROLE, rolesOf } from '../../shared/mediaRoles';
import type { GenerationPlan } from '../inputs/request';
import { type CreateBody, kf2vField, type MediaItem } from './schemas';

/**
 * The order a body lists its media: the API's, except that a continuation leads with its clip, as the contract lists
 * it (clip, then last frame: dashscope-api.md §4.2; the order appears not to matter, so we send the documented one).
 */
function mediaOrder(roles: readonly MediaRole[]): MediaRole[] {
  return roles.includes(ROLE.clip) ? [ROLE.clip, ...roles.filter((role) => role !== ROLE.clip)] : [...roles];
}

/**
 * The create body for the plan's model: `input.media[]` — one `{type: role, url}` per input — for Wan 3.0 and 2.7;
 * for kf2v each role's URL in its own field (`<role>_url`). A continuation's `duration` is the whole output, clip
 * included (the plan checked it against the clip: inputs/clipDuration.ts).
 */
export function buildCreateBody(plan: GenerationPlan, urls: Inputs<string>): CreateBody {
  const text: { prompt?: string; negative_prompt?: string } = {};
  if (plan.prompt.trim() !== '') text.prompt = plan.prompt;
  if (plan.spec.negativePrompt && plan.negativePrompt.trim() !== '') text.negative_prompt = plan.negativePrompt;
  const parameters: Record<string, unknown> = {
    resolution: plan.resolution,
    prompt_extend: plan.promptExtend,
    watermark: plan.watermark,
  };
  if (plan.seed !== undefined) parameters.seed = plan.seed;
  const roles = rolesOf(urls);
  if (plan.spec.bodyStyle === 'media') {
    const media: MediaItem[] = mediaOrder(roles).map((role) => ({ type: role, url: urls[role] as string }));
    // Wan 3.0's shape: `ratio`, `audio` (false = no sound track, same price) and `duration: -1` for the model's choice.
    const shape = plan.spec.shape ? { ratio: plan.ratio ?? plan.spec.shape.defaultRatio, audio: plan.sound ?? true } : {};
    return { model: plan.wireModel, input: { ...text, media }, parameters: { ...parameters, ...shape, duration: plan.duration } };
  }
  // kf2v's duration is fixed at 5 s and not a parameter the service takes.
  const fields = Object.fromEntries(roles.map((role) => [kf2vField(role), urls[role] as string]));
  return { model: plan.wireModel, input: { ...text, ...fields }, parameters } as CreateBody;
}

/**
 * The body as sent, without its URLs (signed upload names, data: URLs, image links): what a take keeps so that a
 * replay sends the same thing with fresh URLs. Each media item keeps its role; kf2v's URL fields keep their name.
 */
export function withoutUrls(body: CreateBody): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body.input)) {
    if (key === 'media' && Array.isArray(value)) input.media = (value as MediaItem[]).map((item) => ({ type: item.type }));
    // kf2v's URL fields: the field stays (so the take says which roles were sent), its URL goes.
    else input[key] = key.endsWith('_url') ? null : value;
  }
  return { model: body.model, input, parameters: body.parameters ?? {} };
}
