import { MODELS, MODEL_IDS } from '../../../core/catalog/models';
import { ROLE, rolesOf } from '../../../shared/mediaRoles';
import type { FormValues, ModelInfo } from '../../../shared/protocol';
import { readSettings } from '../settings';

const MODEL_LABELS: Record<string, string> = {
  'wan3.0-video': 'Wan 3.0 · wan3.0-video',
  'wan3.0-video-prime': 'Wan 3.0 Prime (fast) · wan3.0-video-prime',
  'wan2.7-i2v': 'Wan 2.7 · wan2.7-i2v',
  'wan2.2-kf2v-flash': 'Wan 2.2 Flash · wan2.2-kf2v-flash',
  'wanx2.1-kf2v-plus': 'Wan 2.1 Plus · wanx2.1-kf2v-plus',
};

/** The form's starting values: the user's defaults, kept only where the default model has them. */
export function defaultValues(): FormValues {
  const settings = readSettings();
  const spec = MODELS[settings.defaultModel];
  const resolution = settings.defaultResolution && spec.resolutions.includes(settings.defaultResolution) ? settings.defaultResolution : spec.defaultResolution;
  const auto = settings.defaultDuration === -1 && spec.shape?.autoDuration === true;
  const duration = auto || (settings.defaultDuration >= spec.duration.min && settings.defaultDuration <= spec.duration.max) ? settings.defaultDuration : spec.duration.default;
  return {
    model: spec.id,
    prompt: '',
    negativePrompt: '',
    resolution,
    duration,
    ratio: spec.shape?.defaultRatio ?? 'adaptive',
    sound: true,
    promptExtend: settings.promptExtend,
    watermark: settings.watermark,
    seedMode: 'random',
    seed: '',
    count: 1,
  };
}

export function modelInfos(): ModelInfo[] {
  return MODEL_IDS.map((id) => {
    const spec = MODELS[id];
    return {
      id,
      label: MODEL_LABELS[id] ?? id,
      resolutions: [...spec.resolutions],
      defaultResolution: spec.defaultResolution,
      duration: spec.duration,
      promptMax: spec.promptMaxChars,
      negativePromptMax: spec.negativePromptMaxChars,
      // The form always shows the frames; these are the other roles it offers (a clip is not offered yet).
      roles: rolesOf(spec.inputs).filter((role) => role === ROLE.audio),
      hasSound: spec.hasSound,
      ratios: [...(spec.shape?.ratios ?? [])],
      defaultRatio: spec.shape?.defaultRatio ?? '',
      soundSwitch: spec.shape?.audioSwitch === true,
      autoDuration: spec.shape?.autoDuration === true,
      workspaceOnly: spec.workspaceOnly,
    };
  });
}
