import * as vscode from 'vscode';
import type { StoryboardEditorLogic } from '../engine/storyboardEditor/editorLogic';
import { STORYBOARD_EDITOR_VIEW_TYPE } from '../../shared/commandIds';
import { registerCommand } from './commands';
import type { Log } from './log';
import { StoryboardEditorSession } from './storyboardEditorSession';

const STORYBOARD_FILE = /\.storyboard\.json$/i;

/**
 * The storyboard editor: a custom text editor for `*.storyboard.json` (an option: the JSON still opens as text by
 * default), and the two editor-title actions that switch between it and the text. Its logic is a bundle of its own
 * (dist/storyboardLogic.js), required when the first storyboard opens in it.
 */
export function registerStoryboardEditor(context: vscode.ExtensionContext, log: Log): vscode.Disposable {
  let logic: StoryboardEditorLogic | undefined;
  const loadLogic = (): StoryboardEditorLogic => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the editor's logic is its own bundle, loaded on demand
    logic ??= (require('./storyboardLogic.js') as typeof import('../engine/storyboardEditor/editorLogic')).storyboardEditorLogic;
    return logic;
  };
  const provider: vscode.CustomTextEditorProvider = {
    resolveCustomTextEditor: async (document, panel) => {
      const session = new StoryboardEditorSession(document, panel, context.extensionUri, loadLogic(), log);
      await session.start();
    },
  };
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(STORYBOARD_EDITOR_VIEW_TYPE, provider, { webviewOptions: { retainContextWhenHidden: false }, supportsMultipleEditorsPerDocument: true }),
    registerCommand('wanKeyframes.openStoryboardEditor', (uri) => openWith(uri, STORYBOARD_EDITOR_VIEW_TYPE), log),
    registerCommand('wanKeyframes.openStoryboardAsText', (uri) => openWith(uri, 'default'), log),
  );
}

/** The storyboard the action is about: the one clicked, else the active editor's (text or custom). */
function activeStoryboard(clicked: vscode.Uri | undefined): vscode.Uri | undefined {
  if (clicked instanceof vscode.Uri) return clicked;
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) return input.uri;
  return vscode.window.activeTextEditor?.document.uri;
}

async function openWith(clicked: vscode.Uri | undefined, viewType: string): Promise<void> {
  const uri = activeStoryboard(clicked);
  if (!uri || !STORYBOARD_FILE.test(uri.path)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open or right-click a .storyboard.json file (Wan Keyframes: New Storyboard from Selection makes one).'));
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', uri, viewType);
}
