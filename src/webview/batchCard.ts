import { html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { JobView, WebviewMessage, WebviewStrings } from '../shared/protocol';
import { elapsed, format } from './format';
import { hasRetryable, type SlotLook, slotCounts, slotLook } from './slots';

/**
 * The takes of one batch of variations as one card: a slot per take (queued, running with its ETA, saved with its
 * video, failed with why), per-take cancel and retry, cancel-all and retry-failed. Created once per batch (the list is
 * keyed) and patched as takes move; each slot is keyed by its job, so a video playing in one is never rebuilt.
 */
export class BatchCard extends LitElement {
  declare batchId: string;
  declare jobs: JobView[];
  declare strings: WebviewStrings;
  declare post: (message: WebviewMessage) => void;
  private ticking: ReturnType<typeof setTimeout> | undefined;

  static override properties = { batchId: { attribute: false }, jobs: { attribute: false }, strings: { attribute: false }, post: { attribute: false } };

  /** Light DOM: the page's stylesheet and the tests' selectors reach inside. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.ticking);
  }

  protected override updated(): void {
    this.dataset.testid = 'batch';
    clearTimeout(this.ticking);
    // Elapsed times move once a second while a take runs: a one-shot timer re-armed by each render.
    if (this.jobs.some((job) => slotLook(job.status) === 'running')) this.ticking = setTimeout(() => this.requestUpdate(), 1000);
  }

  protected override render(): unknown {
    const { jobs, strings: s } = this;
    const [first] = jobs;
    if (!first) return nothing;
    const count = Math.max(first.batch?.count ?? jobs.length, jobs.length);
    const summary = slotCounts(jobs).map(([look, n]) => format(summaryWord(s, look), n)).join(' · ');
    const batchAction = (action: 'cancelAll' | 'retryFailed') => () => this.post({ type: 'batchAction', batchId: this.batchId, action });
    return html`
      <article class="batch" aria-label=${format(s.batchTitle, first.title, count)}>
        <div class="batch-head">
          <strong class="batch-title">${format(s.batchTitle, first.title, count)}</strong>
          <vscode-badge class="job-model">${first.model}</vscode-badge>
        </div>
        <div class="batch-summary" data-testid="batch-summary" role="status">${summary}</div>
        <div class="batch-actions">
          ${jobs.some((job) => job.canCancel)
            ? html`<vscode-button secondary icon="close" data-testid="cancel-all" @click=${batchAction('cancelAll')}>${s.cancelAll}</vscode-button>`
            : nothing}
          ${hasRetryable(jobs) ? html`<vscode-button secondary icon="refresh" data-testid="retry-failed" @click=${batchAction('retryFailed')}>${s.retryFailed}</vscode-button>` : nothing}
        </div>
        <ol class="batch-slots">
          ${repeat(
            jobs,
            (job) => job.id,
            (job) => this.takeSlot(job),
          )}
        </ol>
      </article>
    `;
  }

  private takeSlot(job: JobView): unknown {
    const s = this.strings;
    const look = slotLook(job.status);
    const send = (type: 'cancel' | 'retry' | 'openVideo' | 'revealVideo') => () => this.post({ type, jobId: job.id });
    const label = [format(s.takeNumber, (job.batch?.index ?? 0) + 1), ...(job.seed !== undefined ? [format(s.seedOf, job.seed)] : [])].join(' · ');
    const status = look === 'running' ? `${job.phase} · ${elapsed(job.startedAt)}` : job.phase;
    return html`<li class="slot ${look}" data-testid="batch-slot" data-state=${look} aria-label=${label}>
      <div class="slot-head">
        ${look === 'running' ? html`<vscode-progress-ring class="job-spinner" aria-label=${job.phase}></vscode-progress-ring>` : nothing}
        <strong class="slot-label">${label}</strong>
        <span class="slot-status" data-testid="job-status">${status}</span>
        ${job.eta
          ? html`<span class="eta ${job.eta.late ? 'late' : ''}" data-testid="job-eta" title=${job.eta.detail} aria-label=${`${s.etaLabel}: ${job.eta.text} (${job.eta.detail})`}>${job.eta.text}</span>`
          : nothing}
      </div>
      ${job.taskId ? html`<div class="job-task">${s.taskId} <code>${job.taskId}</code></div>` : nothing}
      ${job.error ? html`<p class="error" data-testid="job-error">${job.error}</p>` : nothing}
      ${job.videoSrc ? html`<video class="video" data-testid="video" controls preload="metadata" aria-label=${job.videoName ?? 'video'} src=${job.videoSrc}></video>` : nothing}
      <div class="job-actions">
        ${job.action
          ? html`<vscode-button icon="link-external" data-testid="job-action" data-action=${job.action.id} @click=${() => job.action && this.post({ type: 'jobAction', jobId: job.id, action: job.action.id })}>${job.action.label}</vscode-button>`
          : nothing}
        ${job.canCancel ? html`<vscode-button secondary icon="close" data-testid="cancel" @click=${send('cancel')}>${s.cancel}</vscode-button>` : nothing}
        ${job.canRetry ? html`<vscode-button secondary icon="refresh" data-testid="retry" @click=${send('retry')}>${job.retryLabel ?? s.retry}</vscode-button>` : nothing}
        ${job.videoSrc
          ? html`<vscode-button secondary icon="play" data-testid="open-video" @click=${send('openVideo')}>${s.open}</vscode-button>
              <vscode-button secondary icon="folder-opened" data-testid="reveal-video" @click=${send('revealVideo')}>${s.reveal}</vscode-button>`
          : nothing}
      </div>
    </li>`;
  }
}

function summaryWord(s: WebviewStrings, look: SlotLook): string {
  switch (look) {
    case 'queued':
      return s.slotsQueued;
    case 'running':
      return s.slotsRunning;
    case 'saved':
      return s.slotsSaved;
    case 'canceled':
      return s.slotsCanceled;
    default:
      return s.slotsFailed;
  }
}
