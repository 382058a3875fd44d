import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import { EditorToHostSchema, type EditorToHost, HostToEditorSchema, StoryboardEditorStringsSchema } from '../../shared/storyboardEditorProtocol';
import { StoryboardEditorView } from './storyboardEditor';

interface VsCodeApi {
  postMessage(message: EditorToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

customElements.define('wk-storyboard', StoryboardEditorView);

const vscode = acquireVsCodeApi();
const view = document.querySelector('wk-storyboard') as StoryboardEditorView;
view.strings = StoryboardEditorStringsSchema.parse(JSON.parse(document.body.dataset.strings ?? '{}'));
view.post = (message) => {
  // Checked on the way out too: a page bug shows here, not as a message the host drops.
  const checked = EditorToHostSchema.safeParse(message);
  if (checked.success) vscode.postMessage(checked.data);
  else console.error('storyboard editor: not sent', checked.error);
};
view.requestUpdate();

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = HostToEditorSchema.safeParse(event.data);
  if (parsed.success) view.receive(parsed.data);
});

vscode.postMessage({ type: 'ready' });
