import {
  type FormValues,
  HostMessageSchema,
  type HostMessage,
  type ModelInfo,
  type WebviewMessage,
  WebviewStateSchema,
  WebviewStringsSchema,
} from '../shared/protocol';
import { renderForm } from './form';
import { renderJobs, tickElapsed } from './jobs';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const strings = WebviewStringsSchema.parse(JSON.parse(document.body.dataset.strings ?? '{}'));
const app = document.getElementById('app') as HTMLElement;

type StateMessage = Extract<HostMessage, { type: 'state' }>;
let models: ModelInfo[] = [];
let values: FormValues | undefined = WebviewStateSchema.safeParse(vscode.getState()).data?.form;
let state: StateMessage | undefined;
let formTimer: ReturnType<typeof setTimeout> | undefined;

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function change(next: FormValues): void {
  values = next;
  vscode.setState({ form: values });
  render();
  // Typing sends at most one message per 150 ms; the host answers with fresh checks.
  if (formTimer) clearTimeout(formTimer);
  formTimer = setTimeout(() => post({ type: 'form', values: next }), 150);
}

function render(): void {
  if (!values || !state || models.length === 0) return;
  const focused = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  const focusId = focused?.id;
  const selection = focused && 'selectionStart' in focused ? [focused.selectionStart, focused.selectionEnd] : undefined;
  const form = renderForm(
    {
      strings,
      models,
      values,
      first: state.first,
      last: state.last,
      audio: state.audio,
      aspectWarning: state.aspectWarning,
      problems: state.problems,
      blocked: state.blocked,
      keySet: state.keySet,
    },
    { change, post },
  );
  const jobs = renderJobs(state.jobs, strings, post);
  app.replaceChildren(form, ...(jobs ? [jobs] : []));
  if (focusId) {
    const again = document.getElementById(focusId) as HTMLInputElement | HTMLTextAreaElement | null;
    again?.focus();
    if (again && selection && 'setSelectionRange' in again && again.type !== 'number' && again.type !== 'checkbox') {
      try {
        again.setSelectionRange(selection[0] ?? null, selection[1] ?? null);
      } catch {
        // some inputs have no selection
      }
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = HostMessageSchema.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'init') {
    models = message.models;
    // The host's defaults carry a restored form after a reload; our own saved state wins while the panel lives.
    if (!values || !models.some((m) => m.id === values?.model)) values = message.defaults;
    vscode.setState({ form: values });
    post({ type: 'form', values });
    // A state may have arrived first (the host answers several events at once): show it now.
    render();
    return;
  }
  state = message;
  if (message.form) {
    values = message.form;
    vscode.setState({ form: values });
  }
  render();
});

function tick(): void {
  tickElapsed(app);
  setTimeout(tick, 1000);
}
tick();

/**
 * Says "ready" until the host has answered with both the models and a state: a message lost while the webview
 * and the extension host start (or restart) side by side must not leave an empty panel.
 */
function announce(attempt = 0): void {
  if (models.length > 0 && state) return;
  post({ type: 'ready' });
  if (attempt < 30) setTimeout(() => announce(attempt + 1), 1000);
}
app.textContent = strings.loading ?? '';
announce();
