import * as path from 'node:path';
import * as vscode from 'vscode';
import { inLanguage } from '../../../core/base/language';
import type { RemoteProbeOptions } from '../../../core/inputs/remoteImage';
import { storyboardJoinMessage } from '../../../core/storyboard/joinMessages';
import { joinStoryboard } from '../../../core/storyboard/storyboardJoin';
import { storyboardProblemMessage } from '../../../core/storyboard/storyboardProblems';
import { STORYBOARD_SUFFIX, storyboardStem } from '../../../core/storyboard/storyboardSchema';
import { createStoryboard } from '../../../core/storyboard/storyboardWrite';
import { STORYBOARD_EDITOR_VIEW_TYPE } from '../../../shared/commandIds';
import type { Log } from '../../entry/log';
import { costQuestion, moneyText, readThreshold } from '../jobs/costConfirm';
import type { JobManager } from '../jobs/jobManager';
import { readSettings } from '../settings';
import { StoryboardRun } from './storyboardRun';

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
 * Storyboards in the extension: a new one from images selected in the Explorer, "Generate Storyboard" (the
 * question at the whole estimate, then StoryboardRun: keyframe segments in parallel within the account's
 * concurrency, a continued segment once the take before it lands), and the join into one mp4 once every segment has
 * its take. A segment's job has the storyboard as its parent (`chain`), so a take that lands — in this window or
 * after a reload — is chosen for its segment, the next continued segment starts, and the film is joined again.
 */
export class Storyboards implements vscode.Disposable {
  private readonly run: StoryboardRun;
  /** Storyboards being started: a second Generate while the first still checks and asks does nothing. */
  private readonly generating = new Set<string>();
  /** One join of a storyboard at a time: two segments landing together join once, then find it up to date. */
  private readonly joins = new Map<string, Promise<void>>();

  constructor(private readonly deps: StoryboardsDeps) {
    this.run = new StoryboardRun({
      jobs: deps.jobs,
      log: deps.log,
      endpoint: () => readSettings().endpoint,
      roots: () => (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
      remote: deps.remote,
      title: (storyboard, index) => `${storyboardStem(storyboard)} · ${vscode.l10n.t('Segment {0}', index + 1)}`,
      joinable: (storyboard) => this.join(vscode.Uri.file(storyboard)),
      warn: (message) => void vscode.window.showWarningMessage(say(message)),
    });
  }

  /**
   * "New Storyboard from Selection": the images in the order selected, written beside the first, and opened as text
   * (or, from the panel's two frames, in the storyboard editor, where the keyframes between them are added).
   */
  async newFromSelection(images: readonly vscode.Uri[], open: 'text' | 'editor' = 'text'): Promise<vscode.Uri | undefined> {
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
      if (open === 'editor') await vscode.commands.executeCommand('vscode.openWith', uri, STORYBOARD_EDITOR_VIEW_TYPE);
      else await vscode.window.showTextDocument(uri, { preview: false });
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
    const prepared = await this.run.prepare(file.fsPath);
    const name = storyboardStem(file.fsPath);
    switch (prepared.kind) {
      case 'refused':
        void vscode.window.showWarningMessage(prepared.messages.map(say).join(' '));
        return;
      case 'join':
        return this.join(file);
      case 'under-way':
        this.deps.log.info(`storyboard ${name}: every segment to make is on its way`);
        return;
      case 'ready':
        break;
    }
    const count = prepared.now.length + prepared.waiting.length;
    if (!(await this.costAccepted(prepared.estimate.total, count))) return;
    void this.deps.showJobs();
    const started = prepared.start();
    const total = prepared.estimate.total;
    this.deps.log.info(`storyboard ${name}: ${started.length} segment(s) started, ${prepared.waiting.length} to continue, estimate ${total ? moneyText(total) : 'unknown'}`);
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
    this.run.dispose();
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
