import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import { planGeneration } from '../../../core/inputs/request';
import { inputStates, type Replay, replayRequest } from '../../../core/job/replay';
import type { FoundTake } from '../../../core/output/takeReader';
import { type Inputs, type MediaRole, ROLE_LABEL, rolesOf } from '../../../shared/mediaRoles';
import { inLanguage } from '../../../core/base/language';
import type { JobManager } from '../jobs/jobManager';
import { localizedProblem } from '../panel/inputFacts';
import { readSettings } from '../settings';

export interface ReplayContext {
  jobs: JobManager;
  remote(): RemoteProbeOptions;
  log(line: string): void;
}

const roleName = (role: MediaRole) => inLanguage(ROLE_LABEL[role], vscode.env.language);

/**
 * The take's inputs as they are now: a missing or changed input (its hash differs) stops the replay with a message
 * naming it, and offers to pick the file to use instead. Undefined when the user does not pick one.
 */
async function currentInputs(found: FoundTake, replay: Replay): Promise<Inputs<string> | undefined> {
  const states = await inputStates(found);
  const inputs = { ...replay.request.inputs };
  for (const role of rolesOf(states)) {
    const state = states[role];
    if (state !== 'missing' && state !== 'changed') continue;
    const name = path.basename(found.inputs[role]?.path ?? '');
    const choose = vscode.l10n.t('Choose File…');
    const message = state === 'missing' ? vscode.l10n.t('{0} of this take ({1}) is missing.', roleName(role), name) : vscode.l10n.t('{0} of this take ({1}) has changed since the take was made.', roleName(role), name);
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail: vscode.l10n.t('Nothing was sent. Choose the file to use instead, or cancel.') }, choose);
    if (answer !== choose) return undefined;
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, defaultUri: vscode.Uri.file(path.dirname(found.sidecarPath)), title: roleName(role) });
    if (!picked?.[0]) return undefined;
    inputs[role] = picked[0].fsPath;
  }
  return inputs;
}

/**
 * "Replay exactly": the same inputs, model, parameters and seed, the prompt the service used with rewriting off. A
 * take that cannot be replayed exactly says why and offers its same settings; a changed or missing input, or an image
 * URL that no longer answers, stops it before any request.
 */
export async function replayTake(found: FoundTake, context: ReplayContext): Promise<void> {
  const replay = replayRequest(found, 'exact');
  if (!replay.exact) {
    const same = vscode.l10n.t('Replay with the Same Settings');
    const why = replay.notExact.includes('seed-unknown') ? vscode.l10n.t('The take does not record the seed it was made with.') : vscode.l10n.t('The service rewrote the prompt of this take and did not say how, so its exact prompt is not known.');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('This take cannot be replayed exactly.'), { modal: true, detail: why }, same);
    if (answer !== same) return;
  }
  const inputs = await currentInputs(found, replay);
  if (!inputs) return;
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  const { plan, problems } = await planGeneration({ ...replay.request, inputs }, readSettings().endpoint, { allowedRoots: roots, remote: context.remote() });
  if (!plan) {
    vscode.window.showWarningMessage(problems.map(localizedProblem).join(' '));
    return;
  }
  const job = context.jobs.start(plan, vscode.l10n.t('Replay of {0}', path.basename(found.videoPath)), path.dirname(found.sidecarPath));
  context.log(`replay${replay.exact ? ' (exact)' : ''} of ${found.sidecarPath} → job ${job.id}`);
}
