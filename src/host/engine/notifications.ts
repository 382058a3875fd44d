import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ErrorAction, errorActions } from '../../core/errorActions';
import { inLanguage } from '../../core/language';
import { canRetry } from '../../core/lifecycle';
import type { WanError } from '../../core/errors';
import { REGIONS } from '../../core/regions';
import type { Finished, JobManager, LiveJob } from './jobs';
import type { Log } from '../entry/log';
import { readSettings, switchRegion } from './settings';

/** Tells the user how a job ended, with the action that helps next. Subscribes to the manager's onDidFinish. */
export class JobNotifier implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly jobs: JobManager,
    private readonly log: Log,
    private readonly setApiKey: () => Promise<boolean>,
  ) {
    this.subscription = jobs.onDidFinish((finished) => this.finished(finished));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private finished({ job, error }: Finished): void {
    if (job.status === 'saved') this.saved(job);
    else if (error && job.status !== 'stopped') this.failed(job, error);
  }

  saved(job: LiveJob): void {
    const video = job.videoPath;
    if (!video) return;
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Reveal in Explorer');
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}', path.basename(video)), open, reveal).then(async (choice) => {
      if (choice === open) await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(video));
      if (choice === reveal) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(video));
    });
  }

  /** Lets the user pick another place for a video the first folder refused; the task is downloaded again there. */
  private async saveAs(job: LiveJob): Promise<void> {
    const suggested = vscode.Uri.file(path.join(job.record.outputDir, `${job.record.baseName || 'video'}.mp4`));
    const target = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { MP4: ['mp4'] }, title: vscode.l10n.t('Save the video as') });
    if (!target) return;
    await this.jobs.retry(job.id, { outputDir: path.dirname(target.fsPath), baseName: path.basename(target.fsPath).replace(/\.mp4$/i, '') });
  }

  failed(job: LiveJob, error: WanError): void {
    const t = vscode.l10n.t;
    const other = readSettings().region === 'cn-beijing' ? 'ap-southeast-1' : 'cn-beijing';
    const run: Record<ErrorAction, { label: string; run: () => unknown }> = {
      'set-api-key': { label: t('Set API Key'), run: () => this.setApiKey() },
      'switch-region': { label: t('Switch to {0}', inLanguage(REGIONS[other].name, vscode.env.language)), run: () => switchRegion(other) },
      'save-as': { label: t('Save As…'), run: () => this.saveAs(job) },
      'retry-download': { label: t('Retry Download'), run: () => this.jobs.retry(job.id) },
      retry: { label: t('Retry'), run: () => this.jobs.retry(job.id) },
      'show-log': { label: t('Show Log'), run: () => this.log.show() },
    };
    const actions = errorActions(error, Boolean(job.record.taskId), canRetry(job.status, job.record, error)).map((action) => run[action]);
    const text = `${job.title}: ${error.localized(vscode.env.language)}`;
    void vscode.window.showErrorMessage(text, ...actions.map((action) => action.label)).then((choice) => actions.find((action) => action.label === choice)?.run());
  }
}

