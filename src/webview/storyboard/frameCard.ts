import { html, nothing, type TemplateResult } from 'lit';
import type { EditorFrame, StoryboardEditorStrings } from '../../shared/storyboardEditorProtocol';
import { fill } from './segmentRules';

export interface FrameContext {
  strings: StoryboardEditorStrings;
  count: number;
  keydown(index: number, event: KeyboardEvent): void;
  move(from: number, to: number): void;
  remove(index: number): void;
  dragStart(index: number, event: DragEvent): void;
  dragOver(index: number, event: DragEvent): void;
  drop(index: number, event: DragEvent): void;
  dragEnd(): void;
  dragging: number | undefined;
  dropTarget: number | undefined;
}

/** A keyframe: its thumbnail (or why there is none), its place, and the keyboard's and the mouse's ways to move it. */
export function frameCard(frame: EditorFrame, index: number, context: FrameContext): TemplateResult {
  const { strings, count } = context;
  const label = fill(strings.frame, index + 1, frame.name);
  const state = frame.state === 'missing' ? strings.missingImage : frame.state === 'remote' ? strings.remoteImage : frame.state === 'outside' ? strings.outsideFolder : undefined;
  const classes = ['frame', context.dragging === index ? 'dragging' : '', context.dropTarget === index && context.dragging !== index ? 'drop-target' : ''].join(' ');
  return html`<div
    class=${classes}
    tabindex="0"
    role="group"
    draggable="true"
    data-testid="frame-${index}"
    data-index=${index}
    aria-label=${label}
    aria-describedby="reorder-hint"
    @keydown=${(event: KeyboardEvent) => context.keydown(index, event)}
    @dragstart=${(event: DragEvent) => context.dragStart(index, event)}
    @dragover=${(event: DragEvent) => context.dragOver(index, event)}
    @drop=${(event: DragEvent) => context.drop(index, event)}
    @dragend=${() => context.dragEnd()}
  >
    <div class="thumb" aria-hidden="true">
      ${frame.src ? html`<img src=${frame.src} alt="" draggable="false" />` : html`<vscode-icon name=${frame.state === 'remote' ? 'globe' : 'file-media'} size="28"></vscode-icon>`}
    </div>
    <div class="name">
      <span class="number">${index + 1}</span><span data-testid="frame-name">${frame.name}</span>
      ${state ? html`<span class="state">${state}</span>` : nothing}
    </div>
    <div class="actions">
      <vscode-button icon="arrow-up" secondary title=${strings.moveEarlier} aria-label=${strings.moveEarlier} ?disabled=${index === 0} @click=${() => context.move(index, index - 1)}></vscode-button>
      <vscode-button icon="arrow-down" secondary title=${strings.moveLater} aria-label=${strings.moveLater} ?disabled=${index === count - 1} @click=${() => context.move(index, index + 1)}></vscode-button>
      <vscode-button
        icon="trash"
        secondary
        data-testid="remove-${index}"
        title=${count <= 2 ? strings.removeLast : fill(strings.removeFrame, index + 1)}
        aria-label=${fill(strings.removeFrame, index + 1)}
        ?disabled=${count <= 2}
        @click=${() => context.remove(index)}
      ></vscode-button>
    </div>
  </div>`;
}
