import { type FrameView, HostMessageSchema, type WebviewMessage, WebviewStringsSchema } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const strings = WebviewStringsSchema.parse(JSON.parse(document.body.dataset.strings ?? '{}'));
const app = document.getElementById('app') as HTMLElement;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function frameCard(label: string, frame: FrameView | null, testId: string): HTMLElement {
  const card = element('section', 'frame');
  card.dataset.testid = testId;
  card.append(element('h2', undefined, label));
  if (frame) {
    const image = element('img', 'thumbnail');
    image.src = frame.src;
    image.alt = frame.name;
    card.append(image, element('div', 'frame-name', frame.name));
  } else {
    card.append(element('div', 'frame-missing', strings.noFrame));
  }
  return card;
}

function render(first: FrameView | null, last: FrameView | null): void {
  const swap = element('button', 'swap', strings.swap);
  swap.type = 'button';
  swap.disabled = !first && !last;
  swap.addEventListener('click', () => vscode.postMessage({ type: 'swap' }));
  const frames = element('div', 'frames');
  frames.append(frameCard(strings.firstFrame, first, 'first-frame'), swap, frameCard(strings.lastFrame, last, 'last-frame'));
  app.replaceChildren(element('h1', undefined, strings.title), frames);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = HostMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  render(parsed.data.first, parsed.data.last);
});

render(null, null);
vscode.postMessage({ type: 'ready' });
