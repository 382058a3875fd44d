import * as vscode from 'vscode';
import { isImageUrl } from '../../../core/inputs/remoteImage';
import { type FrameRole, ROLE } from '../../../shared/mediaRoles';

/** "Use an image URL…": an http(s) URL, checked for its shape here and for its content by the form's refresh. */
export async function askImageUrl(role: FrameRole): Promise<string | undefined> {
  const url = await vscode.window.showInputBox({
    title: role === ROLE.first ? vscode.l10n.t('First frame from an image URL') : vscode.l10n.t('Last frame from an image URL'),
    prompt: vscode.l10n.t('A public http(s) image URL. Only its first 64 KB are read here, to check it; the service fetches the image itself.'),
    placeHolder: 'https://…/frame.png',
    ignoreFocusOut: true,
    validateInput: (value) => (isImageUrl(value) && URL.canParse(value.trim()) ? undefined : vscode.l10n.t('Enter an http:// or https:// address.')),
  });
  return url === undefined ? undefined : url.trim();
}
