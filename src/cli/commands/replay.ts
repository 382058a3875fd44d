import * as path from 'node:path';
import { inputStates, type NotExact, replayRequest } from '../../core/job/replay';
import type { FoundTake } from '../../core/output/takeReader';
import { type Inputs, ROLE_LABEL, rolesOf } from '../../shared/mediaRoles';
import type { InputState } from '../../core/job/replay';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { runGeneration } from '../generation';
import { cliText } from '../messages';
import { requireVideo, takeOfVideo } from '../takeFile';
import { uploadModeOf } from './generate';

/** Why a replay cannot start, one sentence per input that is missing or changed since the take; empty when all are there. */
export function inputRefusals(found: FoundTake, states: Inputs<InputState>, zh: boolean): string[] {
  return rolesOf(states).flatMap((role) => {
    const state = states[role];
    if (state !== 'missing' && state !== 'changed') return [];
    const label = zh ? ROLE_LABEL[role].zh : ROLE_LABEL[role].en.toLowerCase();
    return [cliText(state === 'missing' ? 'inputMissing' : 'inputChanged', zh, label, found.inputs[role]?.path ?? '?')];
  });
}

const NOT_EXACT_TEXT: Record<NotExact, 'seedUnknown' | 'rewrittenUnknown'> = { 'seed-unknown': 'seedUnknown', 'rewritten-prompt-unknown': 'rewrittenUnknown' };

/**
 * `replay <video> [--exact]`: the take made again, beside it (or in --out). Exactly: the same inputs, model,
 * parameters and seed with the prompt the service used and rewriting off; refused when the take cannot say what that
 * was. Without --exact: the take's own settings and prompt. Either way an input that is missing or changed since the
 * take stops it before anything is sent.
 */
export async function replay(context: CliContext): Promise<number> {
  const { zh, say, values } = context;
  const read = await takeOfVideo(requireVideo(context, 'replay'), zh);
  if ('problem' in read) {
    say(read.problem);
    return EXIT.invalidInput;
  }
  const { found } = read;
  const refusals = inputRefusals(found, await inputStates(found), zh);
  if (refusals.length > 0) {
    for (const refusal of refusals) say(refusal);
    return EXIT.invalidInput;
  }
  const exact = values.exact === true;
  const replayed = replayRequest(found, exact ? 'exact' : 'changes');
  if (exact && !replayed.exact) {
    say(cliText('notExact', zh, replayed.notExact.map((why) => cliText(NOT_EXACT_TEXT[why], zh)).join(zh ? '；' : '; ')));
    return EXIT.invalidInput;
  }
  const takeMode = found.take.options?.uploadMode;
  const uploadMode = values.upload ? uploadModeOf(context) : takeMode === 'base64' ? 'base64' : 'oss';
  say(cliText('replaying', zh, found.videoPath, cliText(exact ? 'replayExact' : 'replaySame', zh)));
  return runGeneration(context, replayed.request, {
    count: values.count,
    dryRun: values['dry-run'] === true,
    uploadMode,
    out: path.resolve(values.out ?? path.dirname(found.videoPath)),
  });
}
