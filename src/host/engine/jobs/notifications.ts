import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WanError } from '../../../core/errors/wanError';
import type { ErrorActionRunner } from './errorActionRunner';
import type { JobManager } from './jobManager';
import type { Finished, LiveJob } from './liveJob';

/** Tells the user how a job ended, with the action that helps next. Subscribes to the manager's onDidFinish. */
export class JobNotifier implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    jobs: JobManager,
    private readonly actions: ErrorActionRunner,
  ) {
    this.subscription = jobs.onDidFinish((finished) => this.finished(finished));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private finished({ job, error }: Finished): void {
    if (job.record.status === 'saved') this.saved(job);
    else if (error && job.record.status !== 'stopped') this.failed(job, error);
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

  failed(job: LiveJob, error: WanError): void {
    const actions = this.actions.buttons(job, error);
    const text = `${job.title}: ${error.localized(vscode.env.language)}`;
    void vscode.window.showErrorMessage(text, ...actions.map((action) => action.label)).then((choice) => actions.find((action) => action.label === choice)?.run());
  }
}
