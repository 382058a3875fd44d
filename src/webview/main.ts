import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-ring/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { HostMessageSchema, type WebviewMessage, WebviewStringsSchema } from '../shared/protocol';
import { JobCard } from './jobCard';
import { BatchCard } from './batchCard';
import { CompareView } from './takes/compareView';
import { ExtractView } from './takes/extractView';
import { TakeCard } from './takes/takeCard';
import { Requests } from './requests';
import { GenerationPanelView } from './panel';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

customElements.define('wk-job', JobCard);
customElements.define('wk-batch', BatchCard);
customElements.define('wk-take', TakeCard);
customElements.define('wk-compare', CompareView);
customElements.define('wk-extract', ExtractView);
customElements.define('wk-panel', GenerationPanelView);

const vscode = acquireVsCodeApi();
const view = document.querySelector('wk-panel') as GenerationPanelView;
view.strings = WebviewStringsSchema.parse(JSON.parse(document.body.dataset.strings ?? '{}'));
view.post = (message) => vscode.postMessage(message);
const requests = new Requests((message) => vscode.postMessage(message));
view.request = (request) => requests.ask(request);
view.remember = (form) => vscode.setState({ form });

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = HostMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  if (parsed.data.type === 'reply') requests.settle(parsed.data);
  else view.receive(parsed.data);
});

/**
 * Says "ready" until the host has answered with the models, the form and a state: a message lost while the webview
 * and the extension host start (or restart) side by side must not leave an empty panel. It is the only message the
 * page sends on its own at start-up.
 */
function announce(attempt = 0): void {
  if (view.ready) return;
  vscode.postMessage({ type: 'ready' });
  if (attempt < 30) setTimeout(() => announce(attempt + 1), 1000);
}
announce();
