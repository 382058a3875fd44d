import * as vscode from 'vscode';

/** The image open in the active editor (VS Code's image preview is a custom editor), for editor-title commands. */
export function activeImageUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return input.uri;
  return undefined;
}
