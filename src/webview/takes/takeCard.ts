import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { ROLE } from '../../shared/mediaRoles';
import type { TakeAction, TakeView, WebviewMessage, WebviewStrings } from '../../shared/protocol';
import { ago, format } from '../format';

/**
 * One take as a triptych — first · result · last — with what made it and what can be done with it. Keyed by the
 * take's file in the list, so its `<video>` survives every update (a take someone watches keeps playing).
 */
export class TakeCard extends LitElement {
  declare take: TakeView;
  declare strings: WebviewStrings;
  declare post: (message: WebviewMessage) => void;
  /** Chosen for the compare view. */
  declare comparing: boolean;
  declare toggleCompare: (id: string) => void;

  static override properties = {
    take: { attribute: false },
    strings: { attribute: false },
    post: { attribute: false },
    comparing: { attribute: false },
    toggleCompare: { attribute: false },
  };

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override updated(): void {
    this.dataset.testid = 'take';
    this.dataset.verdict = this.take.verdict ?? 'none';
    this.dataset.kind = this.take.film ? 'film' : 'take';
  }

  private act(action: TakeAction): () => void {
    return () => this.post({ type: 'takeAction', take: this.take.id, action });
  }

  /** Plays the card's own video with its sound, where this player plays it (a browser); else the OS player. */
  private playWithSound(): void {
    const video = this.querySelector<HTMLVideoElement>('video.take-video');
    if (this.take.sound !== 'plays' || !video) return this.act('playWithSound')();
    video.muted = false;
    void video.play();
  }

  protected override render(): unknown {
    const { take, strings: s } = this;
    const first = take.inputs[ROLE.first];
    const last = take.inputs[ROLE.last];
    const judged = take.verdict === 'kept' ? s.kept : take.verdict === 'rejected' ? s.rejected : undefined;
    const { film } = take;
    const length = film && take.seconds !== undefined ? `${take.seconds.toFixed(1)} s` : take.duration !== undefined && take.duration > 0 ? `${take.duration} s` : undefined;
    const meta = [take.model, take.resolution, length, take.seed !== undefined ? format(s.seedOf, take.seed) : undefined, take.cost, ago(take.savedAt, s)].filter(Boolean).join(' · ');
    return html`
      <article class="take ${take.verdict ?? ''} ${film ? 'film' : ''} ${this.comparing ? 'comparing' : ''}" aria-label=${film ? `${take.videoName} · ${film.label}` : take.videoName}>
        <div class="triptych">
          ${still(first?.src, first?.name ?? s.firstFrame)}
          <div class="take-result">
            ${take.videoSrc
              ? html`<video class="take-video" data-testid="take-video" controls muted preload="metadata" aria-label=${take.videoName} src=${take.videoSrc}></video>`
              : html`<div class="take-missing" data-testid="take-missing" role="status"><vscode-icon name="warning"></vscode-icon> ${s.videoMissing}
                  ${take.canResume ? html`<vscode-button secondary icon="cloud-download" data-testid="take-resume" @click=${this.act('resumeDownload')}>${s.resumeDownload}</vscode-button>` : nothing}</div>`}
          </div>
          ${still(last?.src, last?.name ?? s.lastFrame)}
        </div>
        <div class="take-meta" data-testid="take-meta">
          <strong class="take-name">${take.videoName}</strong>
          ${judged ? html`<vscode-badge data-testid="take-verdict">${judged}</vscode-badge>` : nothing}
          <span class="hint">${meta}</span>
        </div>
        ${film ? html`<p class="take-film" data-testid="take-film" title=${film.storyboard}><vscode-icon name="device-camera-video"></vscode-icon> ${film.label}</p>` : nothing}
        ${take.prompt ? html`<p class="take-prompt">${take.prompt}</p>` : nothing}
        ${take.actualPrompt
          ? html`<vscode-collapsible class="actual" title=${s.actualPrompt}><p class="actual-prompt">${take.actualPrompt}</p>
              <vscode-button secondary icon="edit" data-testid="take-use-rewritten" @click=${this.act('useRewrittenPrompt')}>${s.useRewritten}</vscode-button></vscode-collapsible>`
          : nothing}
        ${soundLine(take, s, () => this.playWithSound())}
        <div class="take-actions">${film ? this.filmActions(film.openStoryboard) : this.takeActions()}</div>
      </article>
    `;
  }

  /** A film has no verdict and no request to replay: its storyboard is where it is made again. */
  private filmActions(openStoryboard: string): TemplateResult {
    const { take, strings: s } = this;
    return html`
          <vscode-button secondary icon="list-ordered" data-testid="take-open-storyboard" @click=${this.act('openStoryboard')}>${openStoryboard}</vscode-button>
          <vscode-button secondary icon="diff" data-testid="take-compare" aria-pressed=${this.comparing ? 'true' : 'false'} @click=${() => this.toggleCompare(take.id)}>${s.compare}</vscode-button>
          ${take.videoSrc ? html`<vscode-button secondary icon="device-camera" data-testid="take-frames" @click=${this.act('extract')}>${s.frames}</vscode-button>` : nothing}
          ${take.videoSrc ? html`<vscode-button secondary icon="debug-continue" data-testid="take-continue" title=${s.continueTake} @click=${this.act('continue')}>${s.continueTake}</vscode-button>` : nothing}
          <vscode-button secondary icon="folder-opened" data-testid="take-reveal" aria-label=${s.reveal} title=${s.reveal} @click=${this.act('reveal')}></vscode-button>`;
  }

  private takeActions(): TemplateResult {
    const { take, strings: s } = this;
    return html`
          ${take.verdict === 'kept' ? verdictButton(s.unjudge, 'pass-filled', 'take-unjudge', this.act('unjudge'), true) : verdictButton(s.keep, 'pass', 'take-keep', this.act('keep'), false)}
          ${take.verdict === 'rejected' ? verdictButton(s.unjudge, 'circle-slash', 'take-unjudge', this.act('unjudge'), true) : verdictButton(s.reject, 'circle-slash', 'take-reject', this.act('reject'), false)}
          <vscode-button secondary icon="diff" data-testid="take-compare" aria-pressed=${this.comparing ? 'true' : 'false'} @click=${() => this.toggleCompare(take.id)}>${s.compare}</vscode-button>
          <vscode-button secondary icon="debug-restart" data-testid="take-replay" title=${take.exact ? s.replayExact : s.replayNotExact} @click=${this.act('replayExact')}>${take.exact ? s.replayExact : s.replaySame}</vscode-button>
          <vscode-button secondary icon="edit" data-testid="take-replay-changes" @click=${this.act('replayChanges')}>${s.replayChanges}</vscode-button>
          ${take.videoSrc ? html`<vscode-button secondary icon="device-camera" data-testid="take-frames" @click=${this.act('extract')}>${s.frames}</vscode-button>` : nothing}
          ${take.videoSrc ? html`<vscode-button secondary icon="debug-continue" data-testid="take-continue" title=${s.continueTake} @click=${this.act('continue')}>${s.continueTake}</vscode-button>` : nothing}
          <vscode-button secondary icon="folder-opened" data-testid="take-reveal" aria-label=${s.reveal} title=${s.reveal} @click=${this.act('reveal')}></vscode-button>`;
  }
}

function still(src: string | undefined, name: string): TemplateResult {
  return html`<figure class="take-still">${src ? html`<img alt=${name} src=${src}>` : html`<div class="take-still-empty"><vscode-icon name="file-media"></vscode-icon></div>`}<figcaption>${name}</figcaption></figure>`;
}

function verdictButton(label: string, icon: string, testId: string, click: () => void, pressed: boolean): TemplateResult {
  return html`<vscode-button ?secondary=${!pressed} icon=${icon} data-testid=${testId} aria-pressed=${pressed ? 'true' : 'false'} @click=${click}>${label}</vscode-button>`;
}

/** Silent, has sound (played here), or has sound this player plays silently — with the way to hear it. */
function soundLine(take: TakeView, s: WebviewStrings, play: () => void): TemplateResult | typeof nothing {
  if (take.sound === 'unknown' || !take.videoSrc) return nothing;
  if (take.sound === 'silent') return html`<div class="take-sound hint" data-testid="take-sound" data-sound="silent"><vscode-icon name="mute"></vscode-icon> ${s.soundSilent}</div>`;
  return html`<div class="take-sound" data-testid="take-sound" data-sound=${take.sound}>
    <vscode-icon name="unmute"></vscode-icon> <span class=${take.sound === 'muted-here' ? 'warning' : 'hint'}>${take.sound === 'muted-here' ? s.soundMuted : s.soundPlays}</span>
    <vscode-button secondary icon="play" data-testid="take-play-sound" @click=${play}>${s.playWithSound}</vscode-button>
  </div>`;
}
