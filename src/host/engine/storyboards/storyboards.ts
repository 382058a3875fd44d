import * as path from 'node:path';
import * as vscode from 'vscode';
import { inLanguage } from '../../../core/base/language';
import { type GenerationPlan, planGeneration } from '../../../core/inputs/request';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import { storyboardJoinMessage } from '../../../core/storyboard/joinMessages';
import { joinStoryboard } from '../../../core/storyboard/storyboardJoin';
import { planStoryboard, sumEstimates } from '../../../core/storyboard/storyboardPlan';
import { storyboardProblemMessage } from '../../../core/storyboard/storyboardProblems';
import { readStoryboard } from '../../../core/storyboard/storyboardRead';
import { STORYBOARD_SUFFIX, storyboardStem } from '../../../core/storyboard/storyboardSchema';
import { chooseTake, createStoryboard } from '../../../core/storyboard/storyboardWrite';
import { isEnded } from '../../../shared/jobStatus';
import type { Log } from '../../entry/log';
import { costQuestion, moneyText, readThreshold } from '../jobs/costConfirm';
import type { JobManager } from '../jobs/jobManager';
import type { LiveJob } from '../jobs/liveJob';
import { localizedProblem } from '../panel/inputFacts';
import { readSettings } from '../settings';

export interface StoryboardsDeps {
  jobs: JobManager;
  log: Log;
  remote(): RemoteProbeOptions;
  /** Shows the panel, where the segments' jobs run like any other. */
  showJobs(): Promise<void>;
}

const say = (text: { en: string; zh: string }) => inLanguage(text, vscode.env.language);
const stem = (file: string) => path.basename(file).replace(/\.[^.]+$/, '');

/**
 * Storyboards in the extension: a new one from images selected in the Explorer, "Generate Storyboard" (every
 * segment without a usable take, made from its two keyframes, in parallel within the account's concurrency), and the
 * join into one mp4 once every segment has its take. A segment's job has the storyboard as its parent (`chain`), so
 * a take that lands — in this window or after a reload — is chosen for its segment, and the film is joined again.
 */
export class Storyboards implements vscode.Disposable {
  private readonly chosen = new Set<string>();
  /** Storyboards being started: a second Generate while the first still checks and asks does nothing. */
  private readonly generating = new Set<string>();
  /** One join of a storyboard at a time: two segments landing together join once, then find it up to date. */
  private readonly joins = new Map<string, Promise<void>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: StoryboardsDeps) {
    this.subscription = deps.jobs.onDidFinish(({ job }) =>
      void this.landed(job).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        this.deps.log.warn(`storyboard: a segment's take could not be recorded: ${reason}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('A storyboard segment was saved as {0}, but the storyboard could not record it ({1}). Choose it with the CLI (storyboard take) or try Join Storyboard.', job.videoPath ?? '', reason));
      }),
    );
  }

  /** "New Storyboard from Selection": the images in the order selected, written beside the first. */
  async newFromSelection(images: readonly vscode.Uri[]): Promise<vscode.Uri | undefined> {
    const files = images.filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
    if (files.length < 2) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Select two or more images for a storyboard (in the order they play).'));
      return undefined;
    }
    const folder = path.dirname(files[0] as string);
    // "-film": the joined video is `<name>.mp4`, which must not be the name a take of the first and last frames gets.
    const base = `${stem(files[0] as string)}-to-${stem(files[files.length - 1] as string)}-film`;
    for (let n = 1; n < 100; n++) {
      const target = path.join(folder, `${base}${n === 1 ? '' : `-${n}`}${STORYBOARD_SUFFIX}`);
      const created = await createStoryboard(files, target);
      if (created.kind === 'target-exists') continue;
      if (created.kind === 'problems') {
        void vscode.window.showWarningMessage(created.problems.map((problem) => say(storyboardProblemMessage(problem, path.basename(target)))).join(' '));
        return undefined;
      }
      this.deps.log.info(`storyboard: ${target} (${files.length} keyframes)`);
      const uri = vscode.Uri.file(target);
      await vscode.window.showTextDocument(uri, { preview: false });
      return uri;
    }
    return undefined;
  }

  /** "Generate Storyboard": asks once at the whole estimate, then starts every segment that needs a take. */
  async generate(file: vscode.Uri): Promise<void> {
    if (this.generating.has(file.fsPath)) return;
    this.generating.add(file.fsPath);
    try {
      await this.generateNow(file);
    } finally {
      this.generating.delete(file.fsPath);
    }
  }

  private async generateNow(file: vscode.Uri): Promise<void> {
    const read = await readStoryboard(file.fsPath);
    if (!read.ok) {
      void vscode.window.showWarningMessage(read.problems.map((problem) => say(storyboardProblemMessage(problem, path.basename(file.fsPath)))).join(' '));
      return;
    }
    const settings = readSettings();
    const plan = await planStoryboard(read.parsed, { region: settings.endpoint.kind === 'custom' ? undefined : settings.endpoint.region });
    if (plan.toGenerate.length === 0) return this.join(file);
    const running = new Set(this.deps.jobs.list().filter((job) => this.segmentOf(job, file.fsPath) !== undefined && !isEnded(job.record.status)).map((job) => job.record.parent?.index));
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
    const plans: Array<{ index: number; plan: GenerationPlan }> = [];
    const problems: string[] = [];
    for (const index of plan.toGenerate) {
      if (running.has(index)) continue;
      const segment = plan.segments[index];
      if (!segment) continue;
      if (segment.mode === 'continue' && index > 0) {
        problems.push(vscode.l10n.t('Segment {0} continues the previous take, which Generate Storyboard does not do yet: use Continue… on the card of that take, then choose the new take for the segment (wan-keyframes storyboard take).', index + 1));
        continue;
      }
      const planned = await planGeneration(segment.request, settings.endpoint, { allowedRoots: [...roots, path.dirname(file.fsPath)], remote: this.deps.remote() });
      if (!planned.plan) problems.push(`${vscode.l10n.t('Segment {0}', index + 1)}: ${[...segment.problems, ...planned.problems].map(localizedProblem).join(' ')}`);
      else plans.push({ index, plan: planned.plan });
    }
    if (problems.length > 0) void vscode.window.showWarningMessage(problems.join(' '));
    if (plans.length === 0) return;
    if (!(await this.costAccepted(sumEstimates(plans.map(({ index }) => plan.segments[index]).filter((segment) => segment !== undefined)).total, plans.length))) return;
    // Looked at again after the checks and the question: a segment another window or a retry started meanwhile is left.
    const runningNow = new Set(this.deps.jobs.list().filter((job) => this.segmentOf(job, file.fsPath) !== undefined && !isEnded(job.record.status)).map((job) => job.record.parent?.index));
    const name = storyboardStem(file.fsPath);
    void this.deps.showJobs();
    for (const { index, plan: segmentPlan } of plans) {
      if (runningNow.has(index)) continue;
      const job = this.deps.jobs.start(segmentPlan, `${name} · ${vscode.l10n.t('Segment {0}', index + 1)}`, path.dirname(file.fsPath), { kind: 'chain', id: file.fsPath, index });
      this.deps.log.info(`storyboard ${name}: segment ${index + 1} → job ${job.id}`);
    }
    const total = plan.estimate.toGenerate.total;
    this.deps.log.info(`storyboard ${name}: ${plans.length} segment(s) started, estimate ${total ? moneyText(total) : 'unknown'}`);
  }

  /** "Join Storyboard": one mp4 beside the storyboard from every segment's take, without re-encoding. */
  join(file: vscode.Uri): Promise<void> {
    const previous = this.joins.get(file.fsPath) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.joinNow(file));
    this.joins.set(file.fsPath, next);
    return next;
  }

  private async joinNow(file: vscode.Uri): Promise<void> {
    const result = await joinStoryboard(file.fsPath);
    const message = say(storyboardJoinMessage(result, path.basename(file.fsPath)));
    this.deps.log.info(`storyboard join ${file.fsPath}: ${result.kind}`);
    if (result.kind === 'joined' || result.kind === 'up-to-date') {
      const open = vscode.l10n.t('Open');
      if ((await vscode.window.showInformationMessage(message, open)) === open) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(result.film));
    } else {
      void vscode.window.showWarningMessage(message);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** A segment's take landed: it becomes the segment's take, and the film is joined when every segment has one. */
  private async landed(job: LiveJob): Promise<void> {
    const parent = job.record.parent;
    if (parent?.kind !== 'chain' || parent.index === undefined || job.record.status !== 'saved' || !job.videoPath) return;
    const key = `${parent.id}\n${parent.index}\n${job.videoPath}`;
    if (this.chosen.has(key)) return;
    const update = await chooseTake(parent.id, parent.index, job.videoPath);
    this.deps.log.info(`storyboard ${parent.id}: segment ${parent.index + 1} ← ${job.videoPath} (${update.kind})`);
    if (update.kind !== 'written' && update.kind !== 'unchanged') throw new Error(`segment ${parent.index + 1}: ${update.kind}`);
    this.chosen.add(key);
    const read = await readStoryboard(parent.id);
    if (!read.ok) return;
    const plan = await planStoryboard(read.parsed, { region: undefined });
    if (plan.joinable) await this.join(vscode.Uri.file(parent.id));
  }

  private segmentOf(job: LiveJob, file: string): number | undefined {
    const parent = job.record.parent;
    return parent?.kind === 'chain' && parent.id === file ? parent.index : undefined;
  }

  private async costAccepted(total: { min: number; max: number } | null, segments: number): Promise<boolean> {
    const threshold = readThreshold(vscode.workspace.getConfiguration('wanKeyframes').get<unknown>('confirmCostAbove'));
    const question = costQuestion(total === null ? undefined : { total }, threshold);
    if (!question.ask) return true;
    const go = vscode.l10n.t('Generate');
    const message =
      question.total === 'unknown'
        ? vscode.l10n.t('The price of these {0} segments is unknown, so their cost cannot be estimated. Generate anyway?', segments)
        : vscode.l10n.t('The {0} segments to make are estimated to cost {1} in total (list price). Generate?', segments, moneyText(question.total));
    return (await vscode.window.showWarningMessage(message, { modal: true }, go)) === go;
  }
}
