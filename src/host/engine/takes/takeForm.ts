import { replayRequest } from '../../../core/job/replay';
import type { FoundTake } from '../../../core/output/takeReader';
import type { Inputs } from '../../../shared/mediaRoles';
import type { FormValues } from '../../../shared/protocol';

/** "Replay with changes": the form as the take was made (inputs, model, parameters, prompt), to edit. */
export function formOfTake(found: FoundTake, current: FormValues): { values: FormValues; inputs: Inputs<string> } {
  const { request } = replayRequest(found, 'changes');
  return {
    inputs: request.inputs,
    values: {
      ...current,
      model: found.take.family,
      prompt: request.prompt ?? '',
      negativePrompt: request.negativePrompt ?? '',
      resolution: request.resolution ?? current.resolution,
      duration: typeof request.duration === 'number' ? request.duration : current.duration,
      ratio: request.ratio ?? current.ratio,
      sound: request.sound ?? current.sound,
      promptExtend: request.promptExtend ?? true,
      watermark: request.watermark ?? false,
      seedMode: request.seed === undefined ? 'random' : 'fixed',
      seed: request.seed === undefined ? '' : String(request.seed),
    },
  };
}
