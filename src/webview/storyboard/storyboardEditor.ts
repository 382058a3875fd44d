import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { EditorBoard, EditorToHost, EditorView, HostToEditor, SegmentPatch, StoryboardEditorStrings } from '../../shared/storyboardEditorProtocol';
import { editorStyles } from './editorStyles';
import { frameCard, type FrameContext } from './frameCard';
import { type SegmentContext, segmentPanel } from './segmentPanel';
import { fill, moved, movedTo } from './segmentRules';

/** A prompt is sent this long after the last key (or at once when the field is left): one edit per pause, not per key. */
const PROMPT_PAUSE_MS = 400;
const FRAME_DRAG_TYPE = 'application/x-wan-keyframes-frame';

/**
 * The storyboard editor's page: the keyframes in order with the segment between each two. It holds no storyboard of
 * its own: it shows the host's view of the document and asks the host for each edit; a move is shown at once and
 * the host's view that follows agrees with it.
 */
export class StoryboardEditorView extends LitElement {
  static override styles = editorStyles;
  static override properties = { view: { attribute: false }, notice: { state: true }, announcement: { state: true }, dragging: { state: true }, dropTarget: { state: true } };

  strings = {} as StoryboardEditorStrings;
  post: (message: EditorToHost) => void = () => undefined;
  declare view: EditorView | undefined;
  declare notice: string;
  declare announcement: string;
  declare dragging: number | undefined;
  declare dropTarget: number | undefined;
  /** Prompts being typed, by segment: the field shows these, not the view's, until it is left. */
  private readonly drafts = new Map<number, string>();
  private readonly promptTimers = new Map<number, ReturnType<typeof setTimeout>>();
  /** The keyframe to focus once the page shows its new place. */
  private focusFrame: number | undefined;

  constructor() {
    super();
    this.notice = '';
    this.announcement = '';
  }

  receive(message: HostToEditor): void {
    if (message.type === 'notice') {
      this.notice = message.message;
      this.announcement = message.message;
      return;
    }
    this.view = message.view;
  }

  protected override render(): TemplateResult {
    const { view, strings } = this;
    if (!view) return html`<p class="hint">${strings.loading}</p>`;
    if (view.kind === 'invalid') {
      return html`<div class="invalid" data-testid="invalid">
        <div class="toolbar"><h1>${view.name}</h1>${this.openAsTextButton()}</div>
        <p>${strings.invalidTitle}</p>
        <pre role="alert">${view.message}</pre>
      </div>`;
    }
    return html`${this.toolbar(view)}
      <p class="hint" id="reorder-hint">${strings.reorderHint}</p>
      ${this.notice ? html`<div class="notice" data-testid="notice">${this.notice}</div>` : nothing}
      <div class="sr-only" aria-live="polite" data-testid="announce">${this.announcement}</div>
      <ol class="board" aria-label=${strings.frames}>
        ${repeat(
          view.frames,
          (_, index) => index,
          (frame, index) => html`<li>
            ${frameCard(frame, index, this.frameContext(view))}
            ${index < view.segments.length ? segmentPanel(view.segments[index] as EditorBoard['segments'][number], index, frame, view.frames[index + 1] as EditorBoard['frames'][number], this.segmentContext(view, index)) : nothing}
          </li>`,
        )}
      </ol>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('view') || this.focusFrame === undefined) return;
    const frame = this.renderRoot.querySelector<HTMLElement>(`.frame[data-index="${this.focusFrame}"]`);
    this.focusFrame = undefined;
    frame?.focus();
  }

  private toolbar(view: EditorBoard): TemplateResult {
    const { strings } = this;
    return html`<div class="toolbar">
      <h1>${view.name}</h1>
      <vscode-button icon="add" secondary data-testid="add-frames" @click=${() => this.post({ type: 'addFrames' })}>${strings.addFrames}</vscode-button>
      <vscode-button icon="play" data-testid="generate" @click=${() => this.post({ type: 'generate' })}>${strings.generate}</vscode-button>
      <vscode-button icon="combine" secondary data-testid="join" @click=${() => this.post({ type: 'join' })}>${strings.join}</vscode-button>
      ${this.openAsTextButton()}
    </div>`;
  }

  private openAsTextButton(): TemplateResult {
    return html`<vscode-button icon="json" secondary data-testid="open-as-text" @click=${() => this.post({ type: 'openAsText' })}>${this.strings.openAsText}</vscode-button>`;
  }

  private frameContext(view: EditorBoard): FrameContext {
    return {
      strings: this.strings,
      count: view.frames.length,
      dragging: this.dragging,
      dropTarget: this.dropTarget,
      keydown: (index, event) => this.frameKey(view, index, event),
      move: (from, to) => this.move(view, from, to),
      remove: (index) => this.removeFrame(view, index),
      dragStart: (index, event) => {
        this.dragging = index;
        event.dataTransfer?.setData(FRAME_DRAG_TYPE, String(index));
        if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      },
      dragOver: (index, event) => {
        if (this.dragging === undefined) return;
        event.preventDefault();
        this.dropTarget = index;
      },
      drop: (index, event) => {
        event.preventDefault();
        const from = this.dragging ?? Number(event.dataTransfer?.getData(FRAME_DRAG_TYPE));
        this.dragging = this.dropTarget = undefined;
        if (Number.isInteger(from) && from !== index) this.move(view, from, index);
      },
      dragEnd: () => (this.dragging = this.dropTarget = undefined),
    };
  }

  private segmentContext(view: EditorBoard, index: number): SegmentContext {
    return {
      strings: this.strings,
      models: view.models,
      draft: this.drafts.get(index),
      patch: (at, patch) => this.patch(at, patch),
      chooseTake: (at, take) => this.post({ type: 'edit', edit: { kind: 'take', index: at, take } }),
      promptInput: (at, event) => {
        this.drafts.set(at, (event.target as HTMLTextAreaElement).value);
        // While an input method composes, the text is not the user's yet: it is sent when the composition ends.
        if (!event.isComposing) this.schedulePrompt(at, PROMPT_PAUSE_MS);
      },
      promptDone: (at, event) => {
        this.drafts.set(at, (event.target as HTMLTextAreaElement).value);
        if (event.type === 'blur') {
          this.sendPrompt(at);
          this.drafts.delete(at);
        } else {
          this.schedulePrompt(at, PROMPT_PAUSE_MS);
        }
      },
    };
  }

  private frameKey(view: EditorBoard, index: number, event: KeyboardEvent): void {
    if (event.target !== event.currentTarget) return;
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      const to = movedTo(index, view.frames.length, event.key);
      if (to === undefined) return;
      event.preventDefault();
      this.move(view, index, to);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      this.removeFrame(view, index);
    }
  }

  private move(view: EditorBoard, from: number, to: number): void {
    if (from === to || to < 0 || to >= view.frames.length) return;
    const frame = view.frames[from];
    this.flushPrompts();
    this.post({ type: 'edit', edit: { kind: 'move', from, to } });
    // Shown at once (the host's view follows), so a second Alt+↓ moves the frame on from where it now is.
    this.view = { ...view, frames: moved(view.frames, from, to) };
    this.focusFrame = to;
    this.announcement = fill(this.strings.moved, frame?.name ?? '', to + 1, view.frames.length);
    this.notice = '';
  }

  private removeFrame(view: EditorBoard, index: number): void {
    if (view.frames.length <= 2) {
      this.notice = this.announcement = this.strings.removeLast;
      return;
    }
    const frame = view.frames[index];
    this.flushPrompts();
    this.post({ type: 'edit', edit: { kind: 'remove', index } });
    this.focusFrame = Math.min(index, view.frames.length - 2);
    this.announcement = fill(this.strings.removed, frame?.name ?? '', view.frames.length - 1);
    this.notice = '';
  }

  private patch(index: number, patch: SegmentPatch): void {
    this.post({ type: 'edit', edit: { kind: 'segment', index, patch } });
  }

  private schedulePrompt(index: number, delay: number): void {
    clearTimeout(this.promptTimers.get(index));
    this.promptTimers.set(index, setTimeout(() => this.sendPrompt(index), delay));
  }

  private sendPrompt(index: number): void {
    clearTimeout(this.promptTimers.get(index));
    this.promptTimers.delete(index);
    const prompt = this.drafts.get(index);
    const view = this.view;
    if (prompt === undefined || view?.kind !== 'board' || view.segments[index]?.prompt === prompt) return;
    this.patch(index, { prompt });
  }

  /** Prompts typed and not yet sent go before a frame moves, so they land in the segment they were typed in. */
  private flushPrompts(): void {
    for (const index of [...this.promptTimers.keys()]) this.sendPrompt(index);
  }
}
