import * as vscode from 'vscode';
import { baseName } from '../shared/imageFiles';
import { type FrameView, type HostMessage, type WebviewStrings, WebviewMessageSchema } from '../shared/protocol';
import type { FrameSelection } from './frames';
import type { Log } from './log';

export const PANEL_VIEW_TYPE = 'wanKeyframes.panel';

/** The one generation form. Opening again reveals it; the host owns the state and the webview renders it. */
export class GenerationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly frames: FrameSelection,
    private readonly log: Log,
  ) {
    this.subscriptions.push(frames.onDidChange(() => this.postState()));
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.webview.options = this.webviewOptions();
      this.panel.reveal(undefined, true);
      this.postState();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      vscode.l10n.t('Wan Keyframes'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.webviewOptions();
    panel.webview.html = this.html(panel.webview);
    panel.onDidDispose(() => (this.panel = undefined), undefined, this.subscriptions);
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), undefined, this.subscriptions);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private receive(raw: unknown): void {
    const parsed = WebviewMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`ignored a malformed webview message: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    switch (parsed.data.type) {
      case 'ready':
        this.postState();
        return;
      case 'swap':
        this.frames.swap();
        return;
    }
  }

  private postState(): void {
    const webview = this.panel?.webview;
    if (!webview) return;
    const view = (uri: vscode.Uri | undefined): FrameView | null =>
      uri ? { name: baseName(uri.path), src: webview.asWebviewUri(uri).toString() } : null;
    const message: HostMessage = { type: 'state', first: view(this.frames.first), last: view(this.frames.last) };
    webview.postMessage(message);
  }

  private webviewOptions(): vscode.WebviewOptions {
    const frameFolders = [this.frames.first, this.frames.last]
      .filter((uri): uri is vscode.Uri => uri !== undefined)
      .map((uri) => vscode.Uri.joinPath(uri, '..'));
    return {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
        ...frameFolders,
      ],
    };
  }

  private html(webview: vscode.Webview): string {
    const nonce = createNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css'));
    const strings: WebviewStrings = {
      title: vscode.l10n.t('First and last frame'),
      firstFrame: vscode.l10n.t('First frame'),
      lastFrame: vscode.l10n.t('Last frame'),
      noFrame: vscode.l10n.t('Not set: right-click an image in the Explorer.'),
      swap: vscode.l10n.t('Swap'),
    };
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      `media-src ${webview.cspSource}`,
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    // Strings travel as JSON in a data attribute and are set with textContent: no user text becomes markup.
    const encodedStrings = escapeAttribute(JSON.stringify(strings));
    return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${style.toString()}" rel="stylesheet">
<title>Wan Keyframes</title>
</head>
<body data-strings="${encodedStrings}">
<main id="app"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

function createNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let nonce = '';
  for (let index = 0; index < 32; index++) nonce += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  return nonce;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
