import { html, LitElement, nothing } from 'lit';
import { ROLE } from '../../shared/mediaRoles';
import type { ExtractSource, Reply, Request, WebviewMessage, WebviewStrings } from '../../shared/protocol';
import { format } from '../format';
import { FALLBACK_FPS, frameCount, lastSecond, timeOfFrame } from './frameMath';

/** The PNG of what a video shows now, at the video's own size, as base64 (what the host's saveFrame takes). */
async function framePng(video: HTMLVideoElement): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context || !canvas.width || !canvas.height) throw new Error('no frame');
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('no frame');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary);
}

/**
 * Frames from a video: its first, its last, or one picked frame by frame over the last second (the very last frame
 * can be garbled). The page draws the frame it shows; the host checks the PNG and writes it beside the video; then it
 * can become the next first (or last) frame.
 */
export class ExtractView extends LitElement {
  declare video: ExtractSource;
  declare strings: WebviewStrings;
  declare post: (message: WebviewMessage) => void;
  declare request: (request: Request) => Promise<Reply>;
  declare close: () => void;
  declare private frame: number;
  declare private duration: number;
  declare private saved: string | undefined;
  declare private error: string | undefined;
  declare private busy: boolean;

  static override properties = {
    video: { attribute: false },
    strings: { attribute: false },
    post: { attribute: false },
    request: { attribute: false },
    close: { attribute: false },
    frame: { state: true },
    duration: { state: true },
    saved: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.frame = 0;
    this.duration = 0;
    this.busy = false;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('video')) {
      this.saved = undefined;
      this.error = undefined;
      this.duration = 0;
    }
  }

  private get fps(): number {
    return this.video.fps || FALLBACK_FPS;
  }

  private get player(): HTMLVideoElement | null {
    return this.querySelector<HTMLVideoElement>('video');
  }

  /** Shows frame `n` and waits until the player shows it. */
  async show(n: number): Promise<void> {
    const player = this.player;
    if (!player || !this.duration) return;
    const last = frameCount(this.duration, this.fps) - 1;
    this.frame = Math.min(last, Math.max(0, n));
    this.saved = undefined;
    const seeked = new Promise((resolve) => player.addEventListener('seeked', resolve, { once: true }));
    player.currentTime = timeOfFrame(this.frame, this.fps, this.duration);
    await seeked;
  }

  private async save(): Promise<void> {
    const player = this.player;
    if (!player || this.busy) return;
    this.busy = true;
    this.error = undefined;
    try {
      const last = frameCount(this.duration, this.fps) - 1;
      const which = this.frame === 0 ? 'first' : this.frame === last ? 'last' : 'frame';
      const reply = await this.request({ kind: 'saveFrame', video: this.video.id, which, frame: this.frame, png: await framePng(player) });
      if (reply.ok && reply.path) this.saved = reply.path;
      else this.error = reply.error ?? this.strings.cannotDraw;
    } catch {
      this.error = this.strings.cannotDraw;
    } finally {
      this.busy = false;
    }
  }

  private loaded(): void {
    const player = this.player;
    if (!player) return;
    this.duration = player.duration || 0;
    void this.show(frameCount(this.duration, this.fps) - 1);
  }

  protected override render(): unknown {
    const s = this.strings;
    const fps = this.fps;
    const frames = this.duration ? frameCount(this.duration, fps) : 0;
    const range = lastSecond(this.duration || 1, fps);
    const name = this.saved?.split(/[\\/]/).pop() ?? '';
    return html`
      <section class="extract" data-testid="extract" aria-label=${format(s.extractTitle, this.video.name)}>
        <div class="compare-head">
          <h2>${format(s.extractTitle, this.video.name)}</h2>
          <vscode-button secondary icon="close" data-testid="extract-close" aria-label=${s.close} title=${s.close} @click=${() => this.close()}></vscode-button>
        </div>
        <video class="extract-video" data-testid="extract-video" muted preload="auto" playsinline crossorigin="anonymous" src=${this.video.src}
          @loadedmetadata=${() => this.loaded()}></video>
        <div class="compare-transport">
          <vscode-button secondary icon="debug-step-back" data-testid="extract-first" ?disabled=${!frames} @click=${() => void this.show(0)}>${s.firstFrame}</vscode-button>
          <vscode-button secondary icon="debug-step-over" data-testid="extract-last" ?disabled=${!frames} @click=${() => void this.show(frames - 1)}>${s.lastFrame}</vscode-button>
          <span class="hint" data-testid="extract-frame">${frames ? format(s.frameOf, this.frame + 1, frames) : ''}</span>
        </div>
        <label class="compare-row">${s.lastSecond}
          <input type="range" data-testid="extract-scrub" min=${String(range.from)} max=${String(range.to)} step="1" .value=${String(Math.max(range.from, this.frame))} ?disabled=${!frames}
            @input=${(e: Event) => void this.show(Number((e.target as HTMLInputElement).value))}>
        </label>
        <div class="compare-transport">
          <vscode-button icon="save" data-testid="extract-save" ?disabled=${!frames || this.busy} @click=${() => void this.save()}>${s.saveFrame}</vscode-button>
          ${this.saved
            ? html`<span role="status" data-testid="extract-saved">${format(s.savedFrame, name)}</span>
                <vscode-button secondary icon="arrow-left" data-testid="extract-use-first" @click=${() => this.saved && this.post({ type: 'useFrame', path: this.saved, role: ROLE.first })}>${s.useAsFirst}</vscode-button>
                <vscode-button secondary icon="arrow-right" data-testid="extract-use-last" @click=${() => this.saved && this.post({ type: 'useFrame', path: this.saved, role: ROLE.last })}>${s.useAsLast}</vscode-button>`
            : nothing}
          ${this.error ? html`<span class="error" role="alert" data-testid="extract-error">${this.error}</span>` : nothing}
        </div>
      </section>
    `;
  }
}

