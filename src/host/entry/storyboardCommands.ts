import * as vscode from 'vscode';

const STORYBOARD_FILE = /\.storyboard\.json$/i;

/**
 * "Generate Storyboard" and "Join Storyboard": on a `.storyboard.json` in the Explorer, or — from the Command
 * Palette — the storyboard open in the editor.
 */
export async function withStoryboard(clicked: vscode.Uri | undefined, run: (file: vscode.Uri) => Promise<void>): Promise<void> {
  const file = clicked ?? vscode.window.activeTextEditor?.document.uri;
  if (!file || file.scheme !== 'file' || !STORYBOARD_FILE.test(file.path)) {
    vscode.window.showWarningMessage(vscode.l10n.t('Open or right-click a .storyboard.json file (Wan Keyframes: New Storyboard from Selection makes one).'));
    return;
  }
  await run(file);
}

/** "New Storyboard from Selection": the selected images, in the order they were selected. */
export function selectedImages(clicked: vscode.Uri | undefined, selection: vscode.Uri[] | undefined): vscode.Uri[] {
  return selection && selection.length > 0 ? selection : clicked ? [clicked] : [];
}
