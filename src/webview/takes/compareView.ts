import { html, LitElement, nothing } from 'lit';
import type { TakeView, WebviewStrings } from '../../shared/protocol';
import { elapsed, format } from '../format';
import { FALLBACK_FPS, followerTime, frameAt, timeOfFrame } from './frameMath';

type Side = 'a' | 'b';
const SPEEDS = [0.25, 0.5, 1, 2];

/**
 * Two takes on one transport: side by side (one over the other when narrow), or wiped one across the other. The longer
 * video leads; the other follows it frame for frame, held on its last frame when it is shorter. One side is heard.
 */
export class CompareView extends LitElement {
  declare a: TakeView;
  declare b: TakeView;
  declare strings: WebviewStrings;
  declare close: () => void;
  declare private mode: 'side' | 'wipe';
  declare private hear: Side | 'none';
  declare private speed: number;
  declare private playing: boolean;
  declare private time: number;
  declare private wipe: number;
  private frame = 0;
  private dragging = false;

  static override properties = {
    a: { attribute: false },
    b: { attribute: false },
    strings: { attribute: false },
    close: { attribute: false },
    mode: { state: true },
    hear: { state: true },
    speed: { state: true },
    playing: { state: true },
    time: { state: true },
    wipe: { state: true },
  };

  constructor() {
    super();
    this.mode = 'side';
    this.hear = 'none';
    this.speed = 1;
    this.playing = false;
    this.time = 0;
    this.wipe = 50;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override updated(): void {
    // Through the CSSOM: the page's CSP refuses style attributes.
    this.querySelector<HTMLElement>('.compare-stage')?.style.setProperty('--wipe', `${this.wipe}%`);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.frame);
    for (const video of this.videos()) video.pause();
  }

  private player(side: Side): HTMLVideoElement | null {
    return this.querySelector<HTMLVideoElement>(`video[data-side="${side}"]`);
  }

  private videos(): HTMLVideoElement[] {
    return [this.player('a'), this.player('b')].filter((video): video is HTMLVideoElement => video !== null);
  }

  private get fps(): number {
    return Math.max(this.a.fps ?? 0, this.b.fps ?? 0) || FALLBACK_FPS;
  }

  /** The longer video leads the clock (an unknown length counts as 0 until its metadata arrives). */
  private roles(): { leader: HTMLVideoElement; follower: HTMLVideoElement } | undefined {
    const a = this.player('a');
    const b = this.player('b');
    if (!a || !b) return undefined;
    return (b.duration || 0) > (a.duration || 0) ? { leader: b, follower: a } : { leader: a, follower: b };
  }

  private get duration(): number {
    return Math.max(...this.videos().map((video) => video.duration || 0), 0);
  }

  /** Both players to time `t` (the follower held at its own end). */
  seek(t: number): void {
    const roles = this.roles();
    if (!roles) return;
    const time = Math.min(Math.max(0, t), this.duration || t);
    roles.leader.currentTime = time;
    roles.follower.currentTime = followerTime(time, roles.follower.duration || time, this.fps);
    this.time = time;
  }

  private step(by: number): void {
    this.pause();
    const duration = this.duration;
    if (!duration) return;
    this.seek(timeOfFrame(frameAt(this.time, this.fps, duration) + by, this.fps, duration));
  }

  private play(): void {
    const roles = this.roles();
    if (!roles) return;
    if (roles.leader.ended || this.time >= this.duration - 0.5 / this.fps) this.seek(0);
    for (const video of this.videos()) video.playbackRate = this.speed;
    void roles.leader.play();
    if (roles.follower.currentTime < (roles.follower.duration || 0) - 0.5 / this.fps) void roles.follower.play();
    this.playing = true;
    this.follow();
  }

  private pause(): void {
    for (const video of this.videos()) video.pause();
    this.playing = false;
    cancelAnimationFrame(this.frame);
  }

  /** While playing: once per displayed frame, the follower is pulled back to the leader when they drift a frame apart. */
  private follow(): void {
    cancelAnimationFrame(this.frame);
    const tick = () => {
      const roles = this.roles();
      if (!roles || !this.playing) return;
      const t = roles.leader.currentTime;
      const target = followerTime(t, roles.follower.duration || t, this.fps);
      if (Math.abs(roles.follower.currentTime - target) >= 1 / this.fps) roles.follower.currentTime = target;
      if (roles.follower.paused && target < (roles.follower.duration || 0) - 0.5 / this.fps) void roles.follower.play();
      this.time = t;
      if (roles.leader.ended) this.pause();
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private setSpeed(speed: number): void {
    this.speed = speed;
    for (const video of this.videos()) video.playbackRate = speed;
  }

  private setHear(side: Side | 'none'): void {
    this.hear = side;
    for (const video of this.videos()) video.muted = video.dataset.side !== side;
  }

  private keydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) return;
    if (event.key === ' ' && target.tagName !== 'VSCODE-BUTTON') {
      event.preventDefault();
      if (this.playing) this.pause();
      else this.play();
    } else if (event.key === ',' || event.key === '.') {
      event.preventDefault();
      this.step(event.key === ',' ? -1 : 1);
    } else if (event.key === 'Escape') this.close();
  }

  /** Dragging across the wiped picture moves the wipe. */
  private wipeTo(event: PointerEvent): void {
    if (this.mode !== 'wipe' || (!this.dragging && event.type !== 'pointerdown')) return;
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    this.wipe = Math.round(Math.min(100, Math.max(0, ((event.clientX - box.left) / box.width) * 100)));
  }

  private video(take: TakeView, side: Side) {
    return html`<video data-side=${side} data-testid="compare-${side}" preload="auto" playsinline .muted=${this.hear !== side} src=${take.videoSrc ?? ''}
      aria-label=${take.videoName} @loadedmetadata=${() => this.requestUpdate()} @ended=${() => this.requestUpdate()}></video>`;
  }

  protected override render(): unknown {
    const s = this.strings;
    const duration = this.duration;
    const fps = this.fps;
    const frames = duration ? frameAt(duration, fps, duration) + 1 : 0;
    const current = duration ? frameAt(this.time, fps, duration) + 1 : 0;
    const label = (take: TakeView, side: Side) => html`<figcaption><strong>${side.toUpperCase()}</strong> ${take.videoName}${take.seed !== undefined ? html` · ${format(s.seedOf, take.seed)}` : nothing}</figcaption>`;
    return html`
      <section class="compare ${this.mode}" data-testid="compare" aria-label=${s.compareTitle} tabindex="-1" @keydown=${(e: KeyboardEvent) => this.keydown(e)}>
        <div class="compare-head">
          <h2>${s.compareTitle}</h2>
          <vscode-button secondary icon=${this.mode === 'side' ? 'split-horizontal' : 'layout-sidebar-left'} data-testid="compare-mode"
            @click=${() => (this.mode = this.mode === 'side' ? 'wipe' : 'side')}>${this.mode === 'side' ? s.wipe : s.sideBySide}</vscode-button>
          <vscode-button secondary icon="close" data-testid="compare-close" aria-label=${s.close} title=${s.close} @click=${() => this.close()}></vscode-button>
        </div>
        <div class="compare-stage" @pointerdown=${(e: PointerEvent) => { this.dragging = true; this.wipeTo(e); }}
          @pointermove=${(e: PointerEvent) => this.wipeTo(e)} @pointerup=${() => (this.dragging = false)} @pointerleave=${() => (this.dragging = false)}>
          <figure class="compare-side">${this.video(this.a, 'a')}${label(this.a, 'a')}</figure>
          <figure class="compare-side">${this.video(this.b, 'b')}${label(this.b, 'b')}</figure>
          ${this.mode === 'wipe' ? html`<div class="compare-wipe-line" aria-hidden="true"></div>` : nothing}
        </div>
        ${this.mode === 'wipe'
          ? html`<label class="compare-row">${s.wipe} <input type="range" data-testid="compare-wipe" min="0" max="100" .value=${String(this.wipe)} @input=${(e: Event) => (this.wipe = Number((e.target as HTMLInputElement).value))}></label>`
          : nothing}
        <div class="compare-transport">
          <vscode-button icon=${this.playing ? 'debug-pause' : 'play'} data-testid="compare-play" aria-label=${this.playing ? s.pause : s.play} title=${this.playing ? s.pause : s.play}
            @click=${() => (this.playing ? this.pause() : this.play())}></vscode-button>
          <vscode-button secondary icon="chevron-left" data-testid="compare-step-back" aria-label=${s.stepBack} title="${s.stepBack} (,)" @click=${() => this.step(-1)}></vscode-button>
          <vscode-button secondary icon="chevron-right" data-testid="compare-step-forward" aria-label=${s.stepForward} title="${s.stepForward} (.)" @click=${() => this.step(1)}></vscode-button>
          <input type="range" class="compare-seek" data-testid="compare-seek" aria-label=${s.position} min="0" max=${String(duration || 0)} step=${String(1 / fps)} .value=${String(this.time)}
            @input=${(e: Event) => this.seek(Number((e.target as HTMLInputElement).value))}>
          <span class="compare-time" data-testid="compare-time">${elapsed(0, this.time * 1000)} / ${elapsed(0, duration * 1000)} · ${format(s.frameOf, current, frames)}</span>
        </div>
        <div class="compare-transport">
          <span class="hint">${s.speed}</span>
          ${SPEEDS.map((speed) => html`<vscode-button ?secondary=${speed !== this.speed} data-testid="compare-speed-${speed}" aria-pressed=${speed === this.speed ? 'true' : 'false'} @click=${() => this.setSpeed(speed)}>${speed}×</vscode-button>`)}
          <span class="hint">${s.hear}</span>
          ${(['a', 'b', 'none'] as const).map((side) => html`<vscode-button ?secondary=${side !== this.hear} data-testid="compare-hear-${side}" aria-pressed=${side === this.hear ? 'true' : 'false'} @click=${() => this.setHear(side)}>${side === 'none' ? s.hearNone : side.toUpperCase()}</vscode-button>`)}
        </div>
      </section>
    `;
  }
}
