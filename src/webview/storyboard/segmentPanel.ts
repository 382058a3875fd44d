import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { EditorFrame, EditorModel, EditorSegment, SegmentPatch, StoryboardEditorStrings } from '../../shared/storyboardEditorProtocol';
import { clampDuration, fill, mayContinue, modelPatch } from './segmentRules';

export interface SegmentContext {
  strings: StoryboardEditorStrings;
  models: readonly EditorModel[];
  /** The prompt as the user is typing it (the field has focus), which the host's view must not overwrite. */
  draft: string | undefined;
  patch(index: number, patch: SegmentPatch): void;
  /** A take chosen for the segment (as the storyboard writes it), or none: generate it again. */
  chooseTake(index: number, take: string | undefined): void;
  promptInput(index: number, event: InputEvent): void;
  promptDone(index: number, event: Event): void;
}

/**
 * One segment between two keyframes: its prompt (typed through any input method: the field's value is never set
 * while it has a draft), model, resolution, duration, mode, and the chosen take among the takes that can serve it (each
 * option's selectedness is set as a property: a select the user has changed no longer follows `selected` attributes).
 */
export function segmentPanel(segment: EditorSegment, index: number, from: EditorFrame, to: EditorFrame, context: SegmentContext): TemplateResult {
  const { strings } = context;
  const model = context.models.find((item) => item.id === segment.model);
  const id = (field: string) => `segment-${index}-${field}`;
  const resolutions = model && model.resolutions.length > 0 ? model.resolutions : [segment.resolution];
  const continues = mayContinue(index, model);
  return html`<section class="segment" data-testid="segment-${index}" aria-labelledby=${id('title')}>
    <h2 id=${id('title')}>${fill(strings.segment, index + 1, from.name, to.name)}</h2>
    <label for=${id('prompt')}>${strings.prompt}</label>
    <textarea
      id=${id('prompt')}
      data-testid="prompt-${index}"
      rows="3"
      placeholder=${strings.promptPlaceholder}
      .value=${live(context.draft ?? segment.prompt)}
      @input=${(event: InputEvent) => context.promptInput(index, event)}
      @compositionend=${(event: Event) => context.promptDone(index, event)}
      @blur=${(event: Event) => context.promptDone(index, event)}
    ></textarea>
    <div class="fields">
      <label
        >${strings.model}
        <select data-testid="model-${index}" @change=${(event: Event) => context.patch(index, modelPatch(segment, context.models.find((item) => item.id === value(event)), value(event)))}>
          ${context.models.map((item) => html`<option value=${item.id} .selected=${live(item.id === segment.model)}>${item.id}</option>`)}
        </select>
      </label>
      <label
        >${strings.resolution}
        <select data-testid="resolution-${index}" @change=${(event: Event) => context.patch(index, { resolution: value(event) })}>
          ${resolutions.map((item) => html`<option value=${item} .selected=${live(item === segment.resolution)}>${item}</option>`)}
        </select>
      </label>
      <label
        >${strings.duration}
        <input
          type="number"
          data-testid="duration-${index}"
          min=${model?.minDuration ?? 1}
          max=${model?.maxDuration ?? 60}
          step="1"
          .value=${live(String(segment.duration))}
          @change=${(event: Event) => context.patch(index, { duration: clampDuration(Number(value(event)), model) })}
        />
      </label>
      <label
        >${strings.mode}
        <select data-testid="mode-${index}" title=${index === 0 ? strings.modeContinueFirst : ''} @change=${(event: Event) => context.patch(index, { mode: value(event) === 'continue' ? 'continue' : 'keyframes' })}>
          <option value="keyframes" .selected=${live(segment.mode === 'keyframes')}>${strings.modeKeyframes}</option>
          <option value="continue" .selected=${live(segment.mode === 'continue')} ?disabled=${!continues && segment.mode !== 'continue'}>${strings.modeContinue}</option>
        </select>
      </label>
    </div>
    <label class="take"
      >${strings.take}
      <select
        data-testid="take-${index}"
        title=${segment.takes.find((take) => take.value === segment.take)?.label ?? strings.noTake}
        @change=${(event: Event) => context.chooseTake(index, value(event) === '' ? undefined : value(event))}>
        <option value="" .selected=${live(segment.take === undefined)}>${strings.noTake}</option>
        ${segment.takes.map((take) => html`<option value=${take.value} .selected=${live(take.value === segment.take)}>${take.label}</option>`)}
      </select>
    </label>
  </section>`;
}

function value(event: Event): string {
  return (event.target as HTMLSelectElement | HTMLInputElement).value;
}
