import * as vscode from 'vscode';
import type { JobManager } from './jobManager';
import type { LiveJob } from './liveJob';
import { phaseLabel } from './jobViews';

/** One status bar item for running jobs: phase and elapsed time; click opens the panel. Hidden when idle. */
export class JobStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('wanKeyframes.jobs', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly jobs: JobManager) {
    this.item.name = vscode.l10n.t('Wan Keyframes jobs');
    this.item.command = 'wanKeyframes.openPanel';
    this.subscription = jobs.onDidChange(() => this.update());
    this.update();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    if (this.timer) clearTimeout(this.timer);
    const running = this.jobs.running();
    if (running.length === 0) {
      this.item.hide();
      return;
    }
    const [first] = running as [LiveJob];
    this.item.text =
      running.length === 1
        ? `$(sync~spin) ${vscode.l10n.t('Wan: {0} {1}', phaseLabel(first).toLowerCase(), elapsed(first.startedAt))}`
        : `$(sync~spin) ${vscode.l10n.t('Wan: {0} jobs running', running.length)}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Wan Keyframes')}**\n\n`);
    for (const job of running) {
      tooltip.appendText(`${job.title} — ${job.record.wireModel} — ${phaseLabel(job)} ${elapsed(job.startedAt)}${job.record.taskId ? ` — ${job.record.taskId}` : ''}`);
      tooltip.appendMarkdown('\n\n');
    }
    this.item.tooltip = tooltip;
    this.item.show();
    // The elapsed time ticks while something runs: a one-shot timer re-armed each second, never an interval.
    this.timer = setTimeout(() => this.update(), 1000);
  }
}

function elapsed(since: number): string {
  const seconds = Math.max(0, Math.round((Date.now() - since) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
