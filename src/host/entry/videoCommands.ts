import * as vscode from 'vscode';

/** Videos a frame can be taken from (the page decodes them; the host checks each one's tracks first). */
const VIDEO_FILE = /\.(mp4|mov)$/i;

/**
 * "Extract Frame…": on an mp4 in the Explorer, or — from the Command Palette — a video picked in a dialog. The engine
 * checks the file (not a video, no video track, empty, a codec VS Code cannot decode) and opens the frame picker.
 */
export function extractFrame(clicked: vscode.Uri | undefined, open: (video: vscode.Uri) => Promise<void>): Promise<void> {
  return withVideo(clicked, vscode.l10n.t('Extract Frame'), vscode.l10n.t('Frames can be taken from files on this machine only.'), open);
}

/**
 * "Continue this Video…": on an mp4 in the Explorer, or a video picked in a dialog. The engine puts it in the form's
 * first-clip slot with wan2.7-i2v and checks it as a clip (length, sides, bytes) before anything is sent.
 */
export function continueVideo(clicked: vscode.Uri | undefined, open: (video: vscode.Uri) => Promise<void>): Promise<void> {
  return withVideo(clicked, vscode.l10n.t('Continue this Video'), vscode.l10n.t('A clip to continue must be a file on this machine (it is uploaded for the service).'), open);
}

async function withVideo(clicked: vscode.Uri | undefined, title: string, notLocal: string, open: (video: vscode.Uri) => Promise<void>): Promise<void> {
  let video = clicked;
  if (!video) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { [vscode.l10n.t('Video')]: ['mp4', 'mov'] }, title });
    video = picked?.[0];
  }
  if (!video) return;
  if (video.scheme !== 'file') {
    vscode.window.showWarningMessage(notLocal);
    return;
  }
  if (!VIDEO_FILE.test(video.path)) {
    vscode.window.showWarningMessage(vscode.l10n.t('{0} is not an mp4 or mov video.', video.path.split('/').pop() ?? ''));
    return;
  }
  await open(video);
}
