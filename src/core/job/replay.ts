import { type Inputs, mapInputs, rolesOf } from '../../shared/mediaRoles';
import { sha256File } from '../inputs/inspect';
import type { GenerationRequest } from '../inputs/request';
import type { FoundTake } from '../output/takeReader';

/** `exact`: the model gets the same input as the take's; `changes`: the take's settings, as a start to edit. */
export type ReplayMode = 'exact' | 'changes';

/** Why a replay cannot give the model exactly the take's input. */
export type NotExact = 'rewritten-prompt-unknown' | 'seed-unknown';

export interface Replay {
  request: GenerationRequest;
  /** True when the request gives the model the same input as the take (same inputs, parameters, seed, prompt). */
  exact: boolean;
  notExact: NotExact[];
}

/**
 * A take made again. Exactly: the same inputs, model, parameters and seed, and the prompt the service used — the
 * rewritten one (`actual_prompt`) with rewriting off, so it is not rewritten a second time. A take made with rewriting
 * on that has no `actual_prompt` (wan2.7, Wan 3.0 do not return it) cannot be exact: its prompt and settings are
 * replayed as they were, and the reply says so. With changes: the take's own settings and prompt, to edit.
 */
export function replayRequest(found: FoundTake, mode: ReplayMode): Replay {
  const { take } = found;
  const parameters = take.parameters;
  const seed = take.seed ?? parameters?.seed;
  const notExact: NotExact[] = [];
  if (seed === undefined) notExact.push('seed-unknown');
  let prompt = take.prompt;
  let promptExtend = parameters?.promptExtend ?? true;
  if (mode === 'exact' && promptExtend) {
    if (take.actualPrompt !== undefined) {
      prompt = take.actualPrompt;
      promptExtend = false;
    } else notExact.push('rewritten-prompt-unknown');
  }
  return {
    request: {
      inputs: replayInputs(found),
      model: take.model,
      prompt,
      negativePrompt: take.negativePrompt,
      resolution: parameters?.resolution,
      duration: parameters?.duration,
      ratio: parameters?.ratio,
      sound: parameters?.sound,
      promptExtend,
      watermark: parameters?.watermark ?? false,
      seed,
    },
    exact: mode === 'exact' && notExact.length === 0,
    notExact,
  };
}

/** Each input of the take as a request names it: the file where the take says it is, or the URL the service fetched. */
export function replayInputs(found: FoundTake): Inputs<string> {
  return mapInputs(found.inputs, (input) => input.url ?? input.path);
}

/** What became of an input since the take: there and unchanged, gone, changed (its hash differs), or a URL. */
export type InputState = 'same' | 'missing' | 'changed' | 'url';

/** Each input's state now, by its hash: a replay refuses a missing or changed input before anything is sent. */
export async function inputStates(found: FoundTake): Promise<Inputs<InputState>> {
  const roles = rolesOf(found.inputs);
  const states = await Promise.all(
    roles.map(async (role): Promise<InputState> => {
      const input = found.inputs[role];
      if (!input || input.url) return 'url';
      if (!input.path) return 'missing';
      try {
        return input.sha256 === undefined || (await sha256File(input.path)) === input.sha256 ? 'same' : 'changed';
      } catch {
        return 'missing';
      }
    }),
  );
  return Object.fromEntries(roles.map((role, index) => [role, states[index]]));
}
