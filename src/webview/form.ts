import type { AudioInfo, FormValues, FrameInfo, ModelInfo, WebviewMessage, WebviewStrings } from '../shared/protocol';
import { button, el, format, humanBytes } from './dom';

export interface FormView {
  strings: WebviewStrings;
  models: ModelInfo[];
  values: FormValues;
  first: FrameInfo | null;
  last: FrameInfo | null;
  audio: AudioInfo | null;
  aspectWarning: string | null;
  problems: string[];
  blocked: string | null;
  keySet: boolean;
}

export interface FormActions {
  change(values: FormValues): void;
  post(message: WebviewMessage): void;
}

/** The generation form. Rebuilt from state each time; focus is restored by the caller. */
export function renderForm(view: FormView, actions: FormActions): HTMLElement {
  const s = view.strings;
  const model = view.models.find((m) => m.id === view.values.model) ?? (view.models[0] as ModelInfo);
  const update = (patch: Partial<FormValues>) => actions.change({ ...view.values, ...patch });

  const frames = el(
    'div',
    { className: 'frames' },
    frameCard(s.firstFrame as string, view.first, 'first', s, actions),
    el('div', { className: 'swap-column' }, button(s.swap as string, () => actions.post({ type: 'swap' }), { testId: 'swap', disabled: !view.first && !view.last, title: s.swapTitle })),
    frameCard(s.lastFrame as string, view.last, 'last', s, actions),
  );

  const modelSelect = select('model', view.models.map((m) => [m.id, m.label]), model.id, (value) => {
    const next = view.models.find((m) => m.id === value) ?? model;
    const resolution = next.resolutions.includes(view.values.resolution) ? view.values.resolution : next.defaultResolution;
    const duration = Math.min(next.duration.max, Math.max(next.duration.min, view.values.duration || next.duration.default));
    update({ model: value, resolution, duration });
  });
  const resolutionSelect = select('resolution', model.resolutions.map((r) => [r, r]), view.values.resolution, (value) => update({ resolution: value }));

  const fixedDuration = model.duration.min === model.duration.max;
  const duration = el('input', { testId: 'duration', attrs: { type: 'number', id: 'duration', min: String(model.duration.min), max: String(model.duration.max), step: '1' } });
  duration.value = String(fixedDuration ? model.duration.min : view.values.duration);
  duration.disabled = fixedDuration;
  duration.addEventListener('change', () => update({ duration: Number(duration.value) }));

  const prompt = textArea('prompt', view.values.prompt, s.promptPlaceholder as string, (value) => update({ prompt: value }));
  const negative = textArea('negativePrompt', view.values.negativePrompt, s.negativePlaceholder as string, (value) => update({ negativePrompt: value }));

  const seedRandom = checkbox('seedRandom', s.seedRandom as string, view.values.seedMode === 'random', (checked) => update({ seedMode: checked ? 'random' : 'fixed' }));
  const seed = el('input', { testId: 'seed', attrs: { type: 'text', id: 'seed', inputmode: 'numeric', 'aria-label': s.seed as string, placeholder: '0 – 2147483647' } });
  seed.value = view.values.seed;
  seed.disabled = view.values.seedMode === 'random';
  seed.addEventListener('input', () => update({ seed: seed.value }));

  const audioRow = model.audio
    ? row(
        s.audio as string,
        'audio',
        view.audio
          ? el(
              'div',
              { className: 'audio', testId: 'audio' },
              el('span', { text: view.audio.seconds !== undefined ? `${view.audio.name} · ${view.audio.seconds.toFixed(1)} s` : view.audio.name }),
              button(s.remove as string, () => actions.post({ type: 'removeAudio' }), { testId: 'remove-audio' }),
              problemList(view.audio.problems),
            )
          : el('div', { className: 'audio' }, el('span', { className: 'hint', text: s.audioAuto }), button(s.chooseAudio as string, () => actions.post({ type: 'pickAudio' }), { testId: 'pick-audio' })),
      )
    : null;

  const generate = button(s.generate as string, () => actions.post({ type: 'generate', values: view.values }), { testId: 'generate', primary: true, disabled: view.blocked !== null });
  const footer = el(
    'div',
    { className: 'actions' },
    generate,
    view.blocked ? el('span', { className: 'blocked', text: view.blocked, testId: 'blocked', attrs: { role: 'status' } }) : null,
    !view.keySet ? button(s.setApiKey as string, () => actions.post({ type: 'setApiKey' }), { testId: 'set-key' }) : null,
  );

  return el(
    'section',
    { className: 'form', attrs: { 'aria-label': s.formLabel as string } },
    frames,
    view.aspectWarning ? el('p', { className: 'warning', text: view.aspectWarning, testId: 'aspect-warning' }) : null,
    row(s.model as string, 'model', modelSelect),
    row(s.prompt as string, 'prompt', prompt, counter(view.values.prompt, model.promptMax, 'prompt-counter')),
    row(s.negativePrompt as string, 'negativePrompt', negative, counter(view.values.negativePrompt, model.negativePromptMax, 'negative-counter')),
    row(s.resolution as string, 'resolution', resolutionSelect),
    row(fixedDuration ? format(s.durationFixed as string, model.duration.min) : format(s.duration as string, model.duration.min, model.duration.max), 'duration', duration),
    audioRow,
    el('div', { className: 'row checks' }, checkbox('promptExtend', s.promptExtend as string, view.values.promptExtend, (checked) => update({ promptExtend: checked })), checkbox('watermark', s.watermark as string, view.values.watermark, (checked) => update({ watermark: checked }))),
    row(s.seed as string, 'seed', el('div', { className: 'seed' }, seedRandom, seed)),
    view.problems.length > 0 ? problemList(view.problems, 'form-problems') : null,
    footer,
  );
}

function frameCard(label: string, frame: FrameInfo | null, role: 'first' | 'last', s: WebviewStrings, actions: FormActions): HTMLElement {
  const card = el('section', { className: 'frame', testId: `${role}-frame`, attrs: { 'aria-label': label } }, el('h2', { text: label }));
  if (!frame) {
    card.append(el('p', { className: 'hint', text: s.noFrame }), button(s.choose as string, () => actions.post({ type: 'pickFrame', role }), { testId: `pick-${role}` }));
    return card;
  }
  const image = el('img', { className: 'thumbnail', attrs: { alt: frame.name } });
  image.src = frame.src;
  const facts = [frame.format?.toUpperCase(), frame.width && frame.height ? `${frame.width}×${frame.height}` : undefined, frame.bytes !== undefined ? humanBytes(frame.bytes) : undefined].filter(Boolean).join(' · ');
  const problems = problemList(frame.problems, `${role}-problems`);
  card.append(image, el('div', { className: 'frame-name', text: frame.name }), el('div', { className: 'frame-facts', text: facts, testId: `${role}-facts` }));
  if (problems) card.append(problems);
  card.append(button(s.change as string, () => actions.post({ type: 'pickFrame', role }), { testId: `pick-${role}` }));
  return card;
}

function problemList(problems: string[], testId?: string): HTMLElement | null {
  if (problems.length === 0) return null;
  return el('ul', { className: 'problems', testId, attrs: { role: 'alert' } }, ...problems.map((problem) => el('li', { text: problem })));
}

function row(label: string, id: string, ...controls: Array<Node | null>): HTMLElement {
  return el('div', { className: 'row' }, el('label', { text: label, attrs: { for: id } }), el('div', { className: 'control' }, ...controls));
}

function select(id: string, options: Array<[string, string]>, value: string, onChange: (value: string) => void): HTMLSelectElement {
  const node = el('select', { testId: id, attrs: { id } }, ...options.map(([v, text]) => el('option', { text, attrs: { value: v } })));
  node.value = value;
  node.addEventListener('change', () => onChange(node.value));
  return node;
}

function textArea(id: string, value: string, placeholder: string, onInput: (value: string) => void): HTMLTextAreaElement {
  const node = el('textarea', { testId: id, attrs: { id, rows: id === 'prompt' ? '4' : '2', placeholder } });
  node.value = value;
  node.addEventListener('input', () => onInput(node.value));
  return node;
}

function checkbox(id: string, label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLElement {
  const input = el('input', { testId: id, attrs: { type: 'checkbox', id } });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return el('label', { className: 'check', attrs: { for: id } }, input, document.createTextNode(` ${label}`));
}

function counter(text: string, max: number, testId: string): HTMLElement {
  const length = [...text].length;
  return el('div', { className: length > max ? 'counter over' : 'counter', text: `${length} / ${max}`, testId });
}
