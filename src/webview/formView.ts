import { html, nothing, type TemplateResult } from 'lit';
import { type FrameRole, ROLE, ROLE_SLUG } from '../shared/mediaRoles';
import type { FormState, FormValues, InputInfo, ModelInfo, Reply, Request, WebviewMessage, WebviewStrings } from '../shared/protocol';
import { characters, format, humanBytes } from './format';

/** What the form's template needs: the values, what the host checked, and the ways to change them. */
export interface FormContext {
  strings: WebviewStrings;
  models: ModelInfo[];
  values: FormValues;
  state: FormState;
  change(patch: Partial<FormValues>): void;
  post(message: WebviewMessage): void;
  /** Asks the host and waits for its answer (a picker: whether something was picked). */
  request(request: Request): Promise<Reply>;
  generate(): void;
  /** The count as typed: a whole number from 1 to 8 goes to the form; anything else is said, and Generate waits. */
  setCount(text: string): void;
  countInvalid: boolean;
  /** A text field's input: ignored while an input method composes (the composition's end delivers the text). */
  typed(field: 'prompt' | 'negativePrompt' | 'seed', event: Event): void;
}

export function modelOf(context: Pick<FormContext, 'models' | 'values'>): ModelInfo {
  return context.models.find((m) => m.id === context.values.model) ?? (context.models[0] as ModelInfo);
}

/** First frame → Swap → last frame; side by side, stacked in a narrow panel (panel.css). */
export function framesView(c: FormContext): TemplateResult {
  const s = c.strings;
  // A clip to continue takes the first frame's place (the host sends it only for a model that takes one).
  const clip = c.state.inputs[ROLE.clip];
  return html`
    <div class="frames">
      ${clip ? clipCard(clip, c) : frameCard(s.firstFrame, c.state.inputs[ROLE.first], ROLE.first, c)}
      <div class="swap-column">
        ${clip ? nothing : html`<vscode-button secondary icon="arrow-swap" data-testid="swap" title=${s.swapTitle} aria-label=${s.swapTitle}
          ?disabled=${!c.state.inputs[ROLE.first] && !c.state.inputs[ROLE.last]} @click=${() => c.post({ type: 'swap' })}>${s.swap}</vscode-button>`}
      </div>
      ${frameCard(clip ? s.lastFrameOptional : s.lastFrame, c.state.inputs[ROLE.last], ROLE.last, c)}
    </div>
    ${c.state.aspectWarning ? html`<p class="warning" data-testid="aspect-warning">${c.state.aspectWarning}</p>` : nothing}
    ${!clip && c.state.inputs[ROLE.first] && c.state.inputs[ROLE.last]
      ? html`<div class="frames-actions"><vscode-button secondary icon="layers" data-testid="new-storyboard" title=${s.newStoryboardHint}
          @click=${() => c.post({ type: 'newStoryboard' })}>${s.newStoryboard}</vscode-button></div>`
      : nothing}
  `;
}

/** The clip a continuation starts from: its first second plays in place; over the model's longest, a cut is offered. */
function clipCard(clip: InputInfo, c: FormContext): TemplateResult {
  const s = c.strings;
  const facts = [clip.format?.toUpperCase(), clip.width && clip.height ? `${clip.width}×${clip.height}` : undefined, clip.seconds !== undefined ? `${clip.seconds.toFixed(1)} s` : undefined, clip.bytes !== undefined ? humanBytes(clip.bytes) : undefined]
    .filter(Boolean)
    .join(' · ');
  return html`
    <section class="frame clip ${clip.problems.length > 0 ? 'has-problems' : ''}" data-testid="clip-frame" aria-label=${s.firstClip}>
      <h2>${s.firstClip}</h2>
      <div class="thumbnail-box"><video class="thumbnail" preload="metadata" muted playsinline controls src=${clip.src} aria-label=${clip.name}></video></div>
      <div class="frame-name">${clip.name}</div>
      <div class="frame-facts" data-testid="clip-facts">${facts}</div>
      ${problemList(clip.problems, 'clip-problems')}
      ${clip.cut
        ? html`<vscode-button icon="scissors" data-testid="cut-clip" title=${format(s.cutClipDetail, clip.cut.at.toFixed(3), clip.cut.keeps.toFixed(1))}
            @click=${() => c.post({ type: 'cutClip' })}>${format(s.cutClip, clip.cut.max)}</vscode-button>`
        : nothing}
      <div class="frame-buttons"><vscode-button secondary icon="close" data-testid="remove-clip" aria-label="${s.remove} ${s.firstClip}" @click=${() => c.post({ type: 'removeInput', role: ROLE.clip })}>${s.remove}</vscode-button></div>
    </section>
  `;
}

function frameCard(label: string, frame: InputInfo | undefined, role: FrameRole, c: FormContext): TemplateResult {
  const s = c.strings;
  const slug = ROLE_SLUG[role];
  const pick = () => void c.request({ kind: 'pickInput', role });
  const pickUrl = html`<vscode-button secondary icon="link" data-testid="pick-${slug}-url" aria-label="${s.useUrl} ${label}" @click=${() => void c.request({ kind: 'pickInputUrl', role })}>${s.useUrl}</vscode-button>`;
  const facts = frame ? [frame.format?.toUpperCase(), frame.width && frame.height ? `${frame.width}×${frame.height}` : undefined, frame.bytes !== undefined ? humanBytes(frame.bytes) : undefined].filter(Boolean).join(' · ') : '';
  return html`
    <section class="frame ${frame && frame.problems.length > 0 ? 'has-problems' : ''}" data-testid="${slug}-frame" aria-label=${label}>
      <h2>${label}</h2>
      ${frame
        ? html`<div class="thumbnail-box"><img class="thumbnail" alt=${frame.name} src=${frame.src}></div>
            <div class="frame-name">${frame.name}</div>
            <div class="frame-facts" data-testid="${slug}-facts">${facts}</div>
            ${problemList(frame.problems, `${slug}-problems`)}
            <div class="frame-buttons"><vscode-button secondary icon="folder-opened" data-testid="pick-${slug}" aria-label="${s.change} ${label}" @click=${pick}>${s.change}</vscode-button>${pickUrl}</div>`
        : html`<div class="thumbnail-box empty"><vscode-icon name="file-media" size="32"></vscode-icon></div>
            <p class="hint">${s.noFrame}</p>
            <div class="frame-buttons"><vscode-button secondary icon="folder-opened" data-testid="pick-${slug}" aria-label="${s.choose} ${label}" @click=${pick}>${s.choose}</vscode-button>${pickUrl}</div>`}
    </section>
  `;
}

/** The chosen model's fields; each control is a VS Code element with a label that names it. */
export function fieldsView(c: FormContext): TemplateResult {
  const s = c.strings;
  const model = modelOf(c);
  const v = c.values;
  const fixedDuration = model.duration.min === model.duration.max;
  const durationLabel = fixedDuration ? format(s.durationFixed, model.duration.min) : format(s.duration, model.duration.min, model.duration.max);
  const chooseModel = (event: Event) => {
    const next = c.models.find((m) => m.id === (event.target as HTMLSelectElement).value) ?? model;
    const resolution = next.resolutions.includes(v.resolution) ? v.resolution : next.defaultResolution;
    const duration = v.duration === -1 && next.autoDuration ? -1 : Math.min(next.duration.max, Math.max(next.duration.min, v.duration > 0 ? v.duration : next.duration.default));
    const ratio = next.ratios.includes(v.ratio) ? v.ratio : next.defaultRatio || v.ratio;
    c.change({ model: next.id, resolution, duration, ratio });
  };
  const auto = model.autoDuration && v.duration === -1;
  return html`
    <div class="fields">
      ${row(s.model, 'model', html`
        <vscode-single-select id="model" data-testid="model" label=${s.model} .value=${model.id} @change=${chooseModel}>
          ${c.models.map((m) => html`<vscode-option value=${m.id} ?selected=${m.id === model.id}>${m.label}</vscode-option>`)}
        </vscode-single-select>`)}
      ${row(s.prompt, 'prompt', html`
        <vscode-textarea id="prompt" data-testid="prompt" rows="4" resize="vertical" label=${s.prompt}
          placeholder=${s.promptPlaceholder} .value=${v.prompt}
          @input=${(e: Event) => c.typed('prompt', e)} @compositionend=${(e: Event) => c.typed('prompt', e)}></vscode-textarea>
        <div class="prompt-tools">
          <vscode-button secondary icon="history" data-testid="prompt-history" title=${s.history} @click=${() => c.post({ type: 'promptHistory' })}>${s.history}</vscode-button>
          ${counter(v.prompt, model.promptMax, 'prompt-counter')}
        </div>`)}
      ${model.negativePromptMax > 0
        ? row(s.negativePrompt, 'negativePrompt', html`
            <vscode-textarea id="negativePrompt" data-testid="negativePrompt" rows="2" resize="vertical" label=${s.negativePrompt}
              placeholder=${s.negativePlaceholder} .value=${v.negativePrompt}
              @input=${(e: Event) => c.typed('negativePrompt', e)} @compositionend=${(e: Event) => c.typed('negativePrompt', e)}></vscode-textarea>
            ${counter(v.negativePrompt, model.negativePromptMax, 'negative-counter')}`)
        : nothing}
      ${row(s.resolution, 'resolution', html`
          <vscode-single-select id="resolution" data-testid="resolution" label=${s.resolution} .value=${v.resolution}
            @change=${(e: Event) => c.change({ resolution: (e.target as HTMLSelectElement).value })}>
            ${model.resolutions.map((r) => html`<vscode-option value=${r} ?selected=${r === v.resolution}>${r}</vscode-option>`)}
          </vscode-single-select>`)}
      ${model.ratios.length > 0
        ? row(s.ratio, 'ratio', html`
            <vscode-single-select id="ratio" data-testid="ratio" label=${s.ratio} .value=${v.ratio}
              @change=${(e: Event) => c.change({ ratio: (e.target as HTMLSelectElement).value })}>
              ${model.ratios.map((r) => html`<vscode-option value=${r} ?selected=${r === v.ratio}>${r === 'adaptive' ? s.ratioAdaptive : r}</vscode-option>`)}
            </vscode-single-select>`)
        : nothing}
        ${row(durationLabel, 'duration', html`
          <div class="duration">
            <vscode-textfield id="duration" data-testid="duration" type="number" label=${durationLabel} min=${model.duration.min} max=${model.duration.max}
              .value=${String(fixedDuration ? model.duration.min : auto ? model.duration.default : v.duration)} ?disabled=${fixedDuration || auto}
              @change=${(e: Event) => c.change({ duration: Number((e.target as HTMLInputElement).value) })}></vscode-textfield>
            ${model.autoDuration
              ? html`<vscode-checkbox id="durationAuto" data-testid="durationAuto" label=${s.durationAuto} .checked=${auto}
                  @change=${(e: Event) => c.change({ duration: (e.target as HTMLInputElement).checked ? -1 : model.duration.default })}></vscode-checkbox>`
              : nothing}
          </div>`)}
      ${model.soundSwitch
        ? row(s.sound, 'sound', html`
            <div class="sound">
              <vscode-checkbox id="sound" data-testid="sound" label=${s.soundOn} .checked=${v.sound}
                @change=${(e: Event) => c.change({ sound: (e.target as HTMLInputElement).checked })}></vscode-checkbox>
              <span class="hint">${s.soundSamePrice}</span>
            </div>`)
        : nothing}
      ${model.roles.includes(ROLE.audio) && !c.state.inputs[ROLE.clip] ? row(s.audio, 'audio', audioView(c.state.inputs[ROLE.audio], c)) : nothing}
      <div class="row checks">
        <vscode-checkbox id="promptExtend" data-testid="promptExtend" label=${s.promptExtend} .checked=${v.promptExtend}
          @change=${(e: Event) => c.change({ promptExtend: (e.target as HTMLInputElement).checked })}></vscode-checkbox>
        <vscode-checkbox id="watermark" data-testid="watermark" label=${s.watermark} .checked=${v.watermark}
          @change=${(e: Event) => c.change({ watermark: (e.target as HTMLInputElement).checked })}></vscode-checkbox>
      </div>
      ${row(s.seed, 'seed', html`
        <div class="seed">
          <vscode-checkbox id="seedRandom" data-testid="seedRandom" label=${s.seedRandom} .checked=${v.seedMode === 'random'}
            @change=${(e: Event) => c.change({ seedMode: (e.target as HTMLInputElement).checked ? 'random' : 'fixed' })}></vscode-checkbox>
          <vscode-textfield id="seed" data-testid="seed" inputmode="numeric" label=${s.seed} placeholder="0 – 2147483647"
            .value=${v.seed} ?disabled=${v.seedMode === 'random'} @input=${(e: Event) => c.typed('seed', e)}></vscode-textfield>
        </div>`)}
      ${problemList(c.state.problems, 'form-problems')}
      ${c.state.needsWorkspace
        ? html`<vscode-button secondary icon="server-environment" data-testid="set-workspace" @click=${() => c.post({ type: 'setWorkspaceId' })}>${s.setWorkspaceId}</vscode-button>`
        : nothing}
    </div>
  `;
}

function audioView(audio: InputInfo | undefined, c: FormContext): TemplateResult {
  const s = c.strings;
  if (!audio) {
    return html`<div class="audio"><span class="hint">${s.audioAuto}</span>
      <vscode-button secondary icon="unmute" data-testid="pick-audio" @click=${() => void c.request({ kind: 'pickInput', role: ROLE.audio })}>${s.chooseAudio}</vscode-button></div>`;
  }
  return html`<div class="audio" data-testid="audio">
    <span>${audio.seconds !== undefined ? `${audio.name} · ${audio.seconds.toFixed(1)} s` : audio.name}</span>
    <vscode-button secondary icon="trash" data-testid="remove-audio" @click=${() => c.post({ type: 'removeInput', role: ROLE.audio })}>${s.remove}</vscode-button>
    ${problemList(audio.problems)}
  </div>`;
}

/** Generate, and why it is off; it stays in view at the bottom of the panel (panel.css). */
export function generateBar(c: FormContext): TemplateResult {
  const s = c.strings;
  const blocked = c.state.blocked ?? (c.countInvalid ? s.countInvalid : null);
  return html`
    <div class="generate-bar">
      <vscode-button data-testid="generate" icon="play" ?disabled=${blocked !== null} aria-disabled=${blocked !== null ? 'true' : 'false'}
        title=${blocked ?? s.generateHint} @click=${() => c.generate()}>${s.generate}</vscode-button>
      <span class="count" title=${s.countHint}><vscode-label for="count">${s.count}</vscode-label>
        <vscode-textfield id="count" data-testid="count" type="number" min="1" max="8" label="${s.count}, ${s.countHint}" .value=${String(c.values.count)}
          @input=${(e: Event) => c.setCount((e.target as HTMLInputElement).value)}></vscode-textfield>
      </span>
      ${c.countInvalid ? html`<span class="error" role="alert" data-testid="count-invalid">${s.countInvalid}</span>` : nothing}
      ${c.state.estimate ? html`<span class="estimate" data-testid="estimate">${c.state.estimate}</span>` : nothing}
      ${blocked ? html`<span class="blocked" data-testid="blocked" role="status">${blocked}</span>` : html`<span class="hint keys">${s.generateHint}</span>`}
      ${!c.state.keySet ? html`<vscode-button secondary icon="key" data-testid="set-key" @click=${() => c.post({ type: 'setApiKey' })}>${s.setApiKey}</vscode-button>` : nothing}
    </div>
  `;
}

function row(label: string, id: string, control: TemplateResult): TemplateResult {
  return html`<div class="row"><vscode-label for=${id}>${label}</vscode-label><div class="control">${control}</div></div>`;
}

function problemList(problems: string[], testId?: string): TemplateResult | typeof nothing {
  if (problems.length === 0) return nothing;
  return html`<ul class="problems" data-testid=${testId ?? nothing} role="alert">${problems.map((problem) => html`<li>${problem}</li>`)}</ul>`;
}

function counter(text: string, max: number, testId: string): TemplateResult {
  const length = characters(text);
  return html`<div class="counter ${length > max ? 'over' : ''}" data-testid=${testId}>${length} / ${max}</div>`;
}
