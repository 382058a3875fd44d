import * as vscode from 'vscode';
import { problemMessage, workspaceIdProblem } from '../../core/inputs/problems';
import { inLanguage } from '../../core/base/language';
import { checkWorkspaceId } from '../../core/catalog/regions';
import { readSettings, updateUserSetting } from './settings';

/**
 * Set Workspace ID: an input box that catches the console's `{WorkspaceId}` placeholder and a pasted host or URL
 * (offering the id inside it) before anything is saved. Saved to user settings: a workspace cannot choose it.
 */
export async function askWorkspaceId(): Promise<boolean> {
  const current = vscode.workspace.getConfiguration('wanKeyframes').inspect<string>('workspaceId')?.globalValue ?? '';
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Model Studio Workspace ID'),
    prompt: vscode.l10n.t('The id in your workspace host https://{WorkspaceId}.{region}.maas.aliyuncs.com (llm-…). Leave empty to use the region’s shared host.'),
    placeHolder: 'llm-…',
    value: current,
    ignoreFocusOut: true,
    validateInput: (input) => {
      const checked = checkWorkspaceId(input);
      if (checked.ok) return undefined;
      return inLanguage(problemMessage(workspaceIdProblem(checked)), vscode.env.language);
    },
  });
  if (value === undefined) return false;
  const checked = checkWorkspaceId(value);
  if (!checked.ok) return false;
  await updateUserSetting('workspaceId', checked.workspaceId ?? '');
  const endpoint = readSettings().endpoint;
  vscode.window.setStatusBarMessage(vscode.l10n.t('Requests go to {0}', endpoint.baseUrl || '—'), 5000);
  return true;
}
