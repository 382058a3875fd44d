import { MODELS, modelFamily, type ModelSpec, takesRole } from '../../../core/catalog/models';
import type { GenerationRequest } from '../../../core/inputs/request';
import { type Inputs, mapInputs, type MediaRole, ROLE } from '../../../shared/mediaRoles';
import type { FormValues } from '../../../shared/protocol';

/** The model the form has chosen (the default family when the value is not one). */
export function formSpec(values: FormValues): ModelSpec {
  return MODELS[modelFamily(values.model) ?? 'wan2.2-kf2v-flash'];
}

/**
 * The form's values and inputs as a generation request. What the form hides for the chosen model is not sent: a
 * driving audio for a model that takes none, Wan 3.0's negative prompt, a duration a model fixes.
 */
export function formRequest(values: FormValues, inputs: Inputs<string>): GenerationRequest {
  const spec = formSpec(values);
  return {
    inputs: mapInputs(inputs, (value, role) => (takesRole(spec, role) && !(continues(spec, inputs) && CLIP_REPLACES.includes(role)) ? value : undefined)),
    model: spec.id,
    prompt: values.prompt,
    negativePrompt: spec.negativePrompt ? values.negativePrompt : '',
    resolution: values.resolution,
    duration: spec.duration.min === spec.duration.max ? undefined : values.duration,
    ratio: spec.shape ? values.ratio : undefined,
    sound: spec.shape ? values.sound : undefined,
    promptExtend: values.promptExtend,
    watermark: values.watermark,
    seed: values.seedMode === 'fixed' ? values.seed : undefined,
  };
}

/** A continuation starts from its clip: the first frame and the driving audio stay in the form but are not sent. */
const CLIP_REPLACES: readonly MediaRole[] = [ROLE.first, ROLE.audio];

/** The form continues a clip: one is chosen and the model takes it. */
export function continues(spec: ModelSpec, inputs: Inputs<unknown>): boolean {
  return inputs[ROLE.clip] !== undefined && takesRole(spec, ROLE.clip);
}
