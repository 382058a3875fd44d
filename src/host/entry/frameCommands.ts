import * as vscode from 'vscode';
import { baseName, isAudioFileName, isFrameFileName } from '../../shared/imageFiles';
import { activeImageUri } from './activeImage';
import { type FrameRole, ROLE } from '../../shared/mediaRoles';
import type { InputSelection } from './inputSelection';
import type { Log } from './log';

const STATUS_MESSAGE_MS = 6000;

/** What the Explorer entries do: record the frames, say so, and bring up the form. */
export class FrameCommands {
  constructor(
    private readonly frames: InputSelection,
    private readonly log: Log,
    private readonly openPanel: () => Promise<void>,
  ) {}

  async setFrame(role: FrameRole, clicked: vscode.Uri | undefined): Promise<void> {
    const uri = clicked ?? activeImageUri();
    if (!uri) {
      vscode.window.showWarningMessage(vscode.l10n.t('Right-click an image in the Explorer to use it as a frame.'));
      return;
    }
    if (!isFrameFileName(uri.path)) {
      vscode.window.showWarningMessage(
        vscode.l10n.t('{0} is not a PNG, JPEG, WEBP or BMP image.', baseName(uri.path)),
      );
      return;
    }
    this.frames.set(role, uri);
    const name = baseName(uri.path);
    const message = role === ROLE.first ? vscode.l10n.t('First frame: {0}', name) : vscode.l10n.t('Last frame: {0}', name);
    this.log.info(`${role} frame set to ${uri.fsPath}`);
    vscode.window.setStatusBarMessage(`$(file-media) ${message}`, STATUS_MESSAGE_MS);
    await this.openPanel();
  }

  async useSelection(clicked: vscode.Uri | undefined, selection: vscode.Uri[] | undefined): Promise<void> {
    const chosen = selection && selection.length > 0 ? selection : clicked ? [clicked] : [];
    const images = chosen.filter((uri) => isFrameFileName(uri.path));
    if (chosen.length !== 2 || images.length !== 2) {
      vscode.window.showWarningMessage(
        vscode.l10n.t('Select exactly two images (PNG, JPEG, WEBP or BMP): the first selected becomes the first frame.'),
      );
      return;
    }
    const [first, last] = images as [vscode.Uri, vscode.Uri];
    this.frames.setFrames(first, last);
    this.log.info(`frames set from selection: first ${first.fsPath}, last ${last.fsPath}`);
    const message = vscode.l10n.t('Frames: {0} → {1}', baseName(first.path), baseName(last.path));
    vscode.window.setStatusBarMessage(`$(file-media) ${message}`, STATUS_MESSAGE_MS);
    await this.openPanel();
  }

  async setAudio(clicked: vscode.Uri | undefined): Promise<void> {
    if (!clicked || !isAudioFileName(clicked.path)) {
      vscode.window.showWarningMessage(vscode.l10n.t('Choose a WAV or MP3 file as driving audio.'));
      return;
    }
    this.frames.set(ROLE.audio, clicked);
    this.log.info(`driving audio set to ${clicked.fsPath}`);
    vscode.window.setStatusBarMessage(`$(unmute) ${vscode.l10n.t('Driving audio: {0} (wan2.7-i2v only)', baseName(clicked.path))}`, STATUS_MESSAGE_MS);
    await this.openPanel();
  }
}
