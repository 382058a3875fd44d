import * as vscode from 'vscode';
import { STORYBOARD_EDITOR_VIEW_TYPE } from '../../shared/commandIds';
import { registerCommand } from './commands';
import type { Log } from './log';

const STORYBOARD_FILE = /\.storyboard\.json$/i;

/**
 * The storyboard editor: a custom text editor for `*.storyboard.json` (an option: the JSON still opens as text by
 * default), and the two editor-title actions that switch between it and the text. Its session and logic are a bundle
 * of their own (dist/storyboardLogic.js), required when the first storyboard opens in it.
 */
export function registerStoryboardEditor(context: vscode.ExtensionContext, log: Log): vscode.Disposable {
  let bundle: typeof import('../engine/storyboardEditor/editorSession') | undefined;
  const provider: vscode.CustomTextEditorProvider = {
    resolveCustomTextEditor: async (document, panel) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the editor is its own bundle, loaded on demand
      bundle ??= require('./storyboardLogic.js') as typeof import('../engine/storyboardEditor/editorSession');
      const session = new bundle.StoryboardEditorSession(document, panel, context.extensionUri, bundle.storyboardEditorLogic, log);
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
