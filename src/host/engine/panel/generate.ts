import * as vscode from 'vscode';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import { estimate } from '../../../core/catalog/estimate';
import { type Endpoint, priceRegion } from '../../../core/catalog/regions';
import { type GenerationPlan, planGeneration } from '../../../core/inputs/request';
import { costQuestion, moneyText, readThreshold } from '../jobs/costConfirm';
import { baseName } from '../../../shared/imageFiles';
import { type Inputs, mapInputs, ROLE } from '../../../shared/mediaRoles';
import type { FormValues } from '../../../shared/protocol';
import type { ApiKeyStore } from '../../entry/secrets';
import type { Log } from '../../entry/log';
import type { JobManager } from '../jobs/jobManager';
import { readSettings } from '../settings';
import type { JobParent } from '../../../core/job/jobRecord';
import { continues, formRequest, formSpec } from './formRequest';
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
  /** The take a clip is the video of (its take file beside it): the continuation names it as its parent. */
  parentOf?(clip: vscode.Uri): JobParent | undefined;
}

/** An input as the request names it: a local path, or the image URL itself. */
function inputRef(uri: vscode.Uri): string {
  return imageUrlOf(uri) ?? uri.fsPath;
}

/** Validates everything again on the host, then hands a plan to the job manager; says why when it cannot. */
export async function generate(context: GenerateContext): Promise<void> {
  // A continuation starts from its clip (formRequest.ts leaves the first frame out); its last frame is optional.
  const clip = continues(formSpec(context.values), context.inputs) ? context.inputs[ROLE.clip] : undefined;
  const first = clip ?? context.inputs[ROLE.first];
  const last = context.inputs[ROLE.last];
  if (!first || (!last && !clip)) {
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
  const bothUrls = imageUrlOf(first) !== undefined && last !== undefined && imageUrlOf(last) !== undefined;
  const outputDir = bothUrls ? roots[0] : undefined;
  if (bothUrls && !outputDir) {
    vscode.window.showWarningMessage(vscode.l10n.t('Both frames are image URLs: open a folder, or use a local file for one frame, so the video has a place to go.'));
    return;
  }
  const count = context.values.count;
  const endpoint = readSettings().endpoint;
  if (!(await costAccepted(plan, count, endpoint))) {
    context.log.info(`generate: not confirmed at its estimate (${count} × ${plan.wireModel})`);
    return;
  }
  const title = last ? `${baseName(first.path)} → ${baseName(last.path)}` : baseName(first.path);
  if (count > 1) {
    const takes = context.jobs.startBatch(plan, title, count, outputDir);
    context.log.info(`generate: ${plan.wireModel} ${plan.resolution} ${plan.duration}s × ${count} → batch ${String(takes[0]?.record.parent?.id)} (seeds ${takes.map((take) => take.again?.plan.seed).join(', ')})`);
    return;
  }
  const job = context.jobs.start(plan, title, outputDir, clip ? context.parentOf?.(clip) : undefined);
  context.log.info(`generate: ${plan.wireModel} ${plan.resolution} ${plan.duration}s → job ${job.id}`);
}

/**
 * `wanKeyframes.confirmCostAbove`: one modal question before a Generate whose estimate is above it (or whose price
 * is unknown), naming the total. True to go on.
 */
async function costAccepted(plan: GenerationPlan, count: number, endpoint: Endpoint): Promise<boolean> {
  const threshold = readThreshold(vscode.workspace.getConfiguration('wanKeyframes').get<unknown>('confirmCostAbove'));
  let priced: ReturnType<typeof estimate> | undefined;
  try {
    priced = estimate({ model: plan.spec.id, region: priceRegion(endpoint), resolution: plan.resolution, duration: plan.duration, count });
  } catch {
    priced = undefined;
  }
  const question = costQuestion(priced, threshold);
  if (!question.ask) return true;
  const go = vscode.l10n.t('Generate');
  const message =
    question.total === 'unknown'
      ? count > 1
        ? vscode.l10n.t('The price of {0} is unknown, so the cost of these {1} takes cannot be estimated. Generate anyway?', plan.wireModel, count)
        : vscode.l10n.t('The price of {0} is unknown, so the cost of this take cannot be estimated. Generate anyway?', plan.wireModel)
      : count > 1
        ? vscode.l10n.t('These {0} takes are estimated to cost {1} in total (list price). Generate?', count, moneyText(question.total))
        : vscode.l10n.t('This take is estimated to cost {0} (list price). Generate?', moneyText(question.total));
  return (await vscode.window.showWarningMessage(message, { modal: true }, go)) === go;
}
