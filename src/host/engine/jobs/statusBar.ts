import * as vscode from 'vscode';
import type { JobManager } from './jobManager';
import type { LiveJob } from './liveJob';
import { jobEta, jobEtaOf, phaseLabel } from './jobViews';

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
    // The job that ends last decides when everything is done: its ETA is the one the bar names.
    const last = latestEta(running);
    const eta = last ? ` · ${last.text}` : '';
    // With an estimate the bar says what is left ("Wan: generating · ~1:40 left"); without one, what has passed.
    this.item.text =
      running.length === 1
        ? `$(sync~spin) ${vscode.l10n.t('Wan: {0} {1}', phaseLabel(first).toLowerCase(), last ? `· ${last.text}` : elapsed(first.startedAt))}`
        : `$(sync~spin) ${vscode.l10n.t('Wan: {0} jobs running', running.length)}${eta}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**${vscode.l10n.t('Wan Keyframes')}**\n\n`);
    for (const job of running) {
      const jobEtaView = jobEta(job);
      const etaText = jobEtaView ? ` — ${jobEtaView.text}${jobEtaView.detail ? ` (${jobEtaView.detail})` : ''}` : '';
      tooltip.appendText(`${job.title} — ${job.record.wireModel} — ${phaseLabel(job)} ${elapsed(job.startedAt)}${etaText}${job.record.taskId ? ` — ${job.record.taskId}` : ''}`);
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

/** Of the running jobs' ETAs, the one the bar shows: a late one first, else the one with the most time left (what "all done" waits on). */
function latestEta(jobs: readonly LiveJob[]): { text: string } | undefined {
  const now = Date.now();
  const known = jobs.flatMap((job) => {
    const eta = jobEtaOf(job, now);
    return eta ? [{ job, left: eta.estimate ? (eta.estimate.longerThanUsual ? Number.POSITIVE_INFINITY : eta.estimate.remainingMs.p50) : -1 }] : [];
  });
  const chosen = known.sort((a, b) => b.left - a.left)[0];
  return chosen && jobEta(chosen.job, now);
}
