import { html, LitElement, nothing } from 'lit';
import type { JobView, WebviewMessage, WebviewStrings } from '../shared/protocol';
import { elapsed } from './format';
import { cardLook } from './slots';

export { cardLook } from './slots';

/**
 * One job, created once per job id (the list is keyed) and patched as the job moves: its `<video>` is the same node
 * from the first render to the last, so a video someone is watching keeps playing while other jobs poll.
 */
export class JobCard extends LitElement {
  declare job: JobView;
  declare strings: WebviewStrings;
  declare post: (message: WebviewMessage) => void;
  private ticking: ReturnType<typeof setTimeout> | undefined;

  static override properties = { job: { attribute: false }, strings: { attribute: false }, post: { attribute: false } };

  /** Light DOM: the page's stylesheet and the tests' selectors reach inside. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.ticking);
  }

  protected override updated(): void {
    this.dataset.testid = 'job';
    this.dataset.state = cardLook(this.job.status);
    clearTimeout(this.ticking);
    // The elapsed time moves once a second while the job runs: a one-shot timer re-armed by each render.
    if (cardLook(this.job.status) === 'running') this.ticking = setTimeout(() => this.requestUpdate(), 1000);
  }

  protected override render(): unknown {
    const { job, strings: s } = this;
    const send = (type: 'cancel' | 'retry' | 'openVideo' | 'revealVideo') => () => this.post({ type, jobId: job.id });
    const look = cardLook(job.status);
    const running = look === 'running';
    return html`
      <article class="job ${look}" aria-label=${job.title}>
        <div class="job-head">
          ${running ? html`<vscode-progress-ring class="job-spinner" aria-label=${job.phase}></vscode-progress-ring>` : nothing}
          <strong class="job-title">${job.title}</strong>
          <vscode-badge class="job-model">${job.model}</vscode-badge>
        </div>
        <div class="job-status" data-testid="job-status" role="status">
          ${running ? `${job.phase} · ${elapsed(job.startedAt)}` : job.phase}
          ${job.eta
            ? html`· <span class="eta ${job.eta.late ? 'late' : ''}" data-testid="job-eta" title=${job.eta.detail} aria-label=${`${s.etaLabel}: ${job.eta.text} (${job.eta.detail})`}>${job.eta.text}</span>`
            : nothing}
        </div>
        ${job.taskId ? html`<div class="job-task">${s.taskId} <code>${job.taskId}</code></div>` : nothing}
        ${job.error ? html`<p class="error" data-testid="job-error">${job.error}</p>` : nothing}
        ${job.videoSrc
          ? html`<video class="video" data-testid="video" controls preload="metadata" aria-label=${job.videoName ?? 'video'} src=${job.videoSrc}></video>
              ${job.hasSound ? html`<p class="hint">${s.soundHint}</p>` : nothing}`
          : nothing}
        ${job.actualPrompt
          ? html`<vscode-collapsible class="actual" title=${s.actualPrompt}><p class="actual-prompt" data-testid="actual-prompt">${job.actualPrompt}</p></vscode-collapsible>`
          : nothing}
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
          ${look === 'failed' ? html`<vscode-button secondary icon="output" @click=${() => this.post({ type: 'showLog' })}>${s.showLog}</vscode-button>` : nothing}
        </div>
      </article>
    `;
  }
}
