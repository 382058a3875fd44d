import * as vscode from 'vscode';
import { type FrameRole, type MediaRole, ROLE, ROLE_KIND } from '../../../shared/mediaRoles';
import type { InputSelection } from '../../entry/inputSelection';
import { askImageUrl } from './imageUrlPrompt';
import { imageUrlOf, type InputFacts } from './inputFacts';

/** An input as a request names it: a local path, or the image URL itself. */
export function inputRef(uri: vscode.Uri): string {
  return imageUrlOf(uri) ?? uri.fsPath;
}

/** The open dialog for an input of `role`: images for frames, WAV/MP3 for audio, MP4/MOV for a clip. */
export function pickerOf(role: MediaRole): vscode.OpenDialogOptions {
  const t = vscode.l10n.t;
  switch (ROLE_KIND[role]) {
    case 'image':
      return { filters: { [t('Images')]: ['png', 'jpg', 'jpeg', 'webp', 'bmp'] }, title: role === ROLE.first ? t('First frame') : t('Last frame') };
    case 'audio':
      return { filters: { [t('Audio')]: ['wav', 'mp3'] }, title: t('Driving audio') };
    case 'video':
      return { filters: { [t('Video')]: ['mp4', 'mov'] }, title: t('First clip') };
  }
}

/** Asks for a file for `role`; answers whether one was picked. */
export async function pickInput(selection: InputSelection, role: MediaRole): Promise<boolean> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, ...pickerOf(role) });
  if (picked?.[0]) selection.set(role, picked[0]);
  return picked?.[0] !== undefined;
}

/** Asks for an image URL for a frame; answers whether one was given. */
export async function pickInputUrl(selection: InputSelection, facts: InputFacts, role: FrameRole): Promise<boolean> {
  const url = await askImageUrl(role);
  if (!url) return false;
  facts.forget(url);
  selection.set(role, vscode.Uri.parse(url, true));
  return true;
}
