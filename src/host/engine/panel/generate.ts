import * as vscode from 'vscode';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import { planGeneration } from '../../../core/inputs/request';
import { baseName } from '../../../shared/imageFiles';
import { type Inputs, mapInputs, ROLE } from '../../../shared/mediaRoles';
import type { FormValues } from '../../../shared/protocol';
import type { ApiKeyStore } from '../../entry/secrets';
import type { Log } from '../../entry/log';
import type { JobManager } from '../jobs/jobManager';
import { readSettings } from '../settings';
import { formRequest } from './formRequest';
import { imageUrlOf, localizedProblem } from './inputFacts';

export interface GenerateContext {
  inputs: Inputs<vscode.Uri>;
  values: FormValues;
  keys: ApiKeyStore;
  setApiKey(): Promise<boolean>;
  jobs: JobManager;
  log: Pick<Log, 'info'>;
  remote(): RemoteProbeOptions;
  /** The form shows the problems the plan found. */
  refresh(): Promise<void>;
}

/** An input as the request names it: a local path, or the image URL itself. */
function inputRef(uri: vscode.Uri): string {
  return imageUrlOf(uri) ?? uri.fsPath;
}

/** Validates everything again on the host, then hands a plan to the job manager; says why when it cannot. */
export async function generate(context: GenerateContext): Promise<void> {
  const first = context.inputs[ROLE.first];
  const last = context.inputs[ROLE.last];
  if (!first || !last) {
    vscode.window.showWarningMessage(vscode.l10n.t('Choose a first and a last frame.'));
    return;
  }
  if (!(await context.keys.get())) {
    const setKey = vscode.l10n.t('Set API Key');
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Set a DashScope API key to generate. It is kept in VS Code secret storage.'), setKey);
    if (choice === setKey) await context.setApiKey();
    return;
  }
  const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
  const request = formRequest(context.values, mapInputs(context.inputs, inputRef));
  const { plan, problems } = await planGeneration(request, readSettings().endpoint, { allowedRoots: roots, remote: context.remote() });
  if (!plan) {
    await context.refresh();
    vscode.window.showWarningMessage(problems.map((problem) => localizedProblem(problem)).join(' '));
    return;
  }
  // Two image URLs have no folder of their own: the video goes to the first workspace folder.
  const bothUrls = imageUrlOf(first) !== undefined && imageUrlOf(last) !== undefined;
  const outputDir = bothUrls ? roots[0] : undefined;
  if (bothUrls && !outputDir) {
    vscode.window.showWarningMessage(vscode.l10n.t('Both frames are image URLs: open a folder, or use a local file for one frame, so the video has a place to go.'));
    return;
  }
  const job = context.jobs.start(plan, `${baseName(first.path)} → ${baseName(last.path)}`, outputDir);
  context.log.info(`generate: ${plan.wireModel} ${plan.resolution} ${plan.duration}s → job ${job.id}`);
}
