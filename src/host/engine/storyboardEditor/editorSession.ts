import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StoryboardEditorLogic } from './editorLogic';
import type { EditorToHost, HostToEditor } from '../../../shared/storyboardEditorProtocol';
import type { Log } from '../../entry/log';
import { createNonce, escapeAttribute } from '../../../shared/htmlText';

/** Takes landing together (a batch's files, a take and its verdict) are rescanned once. */
const TAKE_RESCAN_DELAY_MS = 200;

/**
 * One storyboard open in the storyboard editor. The text document is the truth: the page shows a view made from
 * its text, and each edit the page asks for becomes one WorkspaceEdit of the whole, stably formatted text — so
 * undo, redo, the dirty dot, save and git diffs are VS Code's own. A text that does not read as a storyboard is shown
 * as the reader's message and never rewritten.
 */
export class StoryboardEditorSession {
  private readonly file: string;
  private readonly folder: vscode.Uri;
  private readonly disposables: vscode.Disposable[] = [];
  /** Views are made in order; an older one finishing late is not shown over a newer one. */
  private generation = 0;
  /** The page's requests, one at a time: each edit reads the text the edit before it left. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly logic: StoryboardEditorLogic,
    private readonly log: Log,
  ) {
    this.file = document.uri.fsPath;
    this.folder = vscode.Uri.joinPath(document.uri, '..');
  }

  async start(): Promise<void> {
    const { webview } = this.panel;
    // Files may have changed while no editor of this folder watched it: an editor opening reads its takes afresh.
    this.logic.forgetTakes(path.dirname(this.file));
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), this.folder] };
    this.disposables.push(
      webview.onDidReceiveMessage((message: unknown) => {
        this.queue = this.queue.then(() => this.receive(message)).catch((error: unknown) => this.log.error(`storyboard editor: ${String(error)}`));
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === this.document.uri.toString() && event.contentChanges.length > 0) void this.sendView();
      }),
      // A keyframe added, deleted or renamed beside the storyboard changes what the page can show.
      vscode.workspace.onDidCreateFiles(() => this.filesChanged()),
      vscode.workspace.onDidDeleteFiles(() => this.filesChanged()),
      vscode.workspace.onDidRenameFiles(() => this.filesChanged()),
      ...this.watchTakes(),
    );
    // The page's "ready" can only come once someone listens.
    webview.html = this.html(webview);
    this.panel.onDidDispose(() => {
      for (const disposable of this.disposables.splice(0)) disposable.dispose();
    });
  }

  /**
   * A take written beside the storyboard (by this window, another one, or the CLI) or deleted: the segments' take
   * lists are made again. JSON files only, and a burst of them (a take and its video landing) is one rescan.
   */
  private watchTakes(): vscode.Disposable[] {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.folder, '*.{json,mp4,mov}'));
    let pending: ReturnType<typeof setTimeout> | undefined;
    const rescan = (uri: vscode.Uri) => {
      if (uri.toString() === this.document.uri.toString() || pending !== undefined) return;
      pending = setTimeout(() => {
        pending = undefined;
        this.filesChanged();
      }, TAKE_RESCAN_DELAY_MS);
    };
    return [watcher, watcher.onDidCreate(rescan), watcher.onDidChange(rescan), watcher.onDidDelete(rescan), { dispose: () => clearTimeout(pending) }];
  }

  /** The folder's takes are read again only when its files change, never for an edit of the storyboard's text. */
  private filesChanged(): void {
    this.logic.forgetTakes(path.dirname(this.file));
    void this.sendView();
  }

  private post(message: HostToEditor): void {
    void this.panel.webview.postMessage(this.logic.toPage(message));
  }

  private async sendView(): Promise<void> {
    const generation = ++this.generation;
    const view = await this.logic.view(this.document.getText(), this.file, vscode.env.language, (file) => this.panel.webview.asWebviewUri(vscode.Uri.file(file)).toString());
    if (generation === this.generation) this.post({ type: 'view', view });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = this.logic.fromPage(raw);
    if (!message) return void this.log.warn('storyboard editor: a message from the page was dropped (not in the protocol)');
    await this.handle(message);
  }

  private async handle(message: EditorToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendView();
      case 'edit': {
        const result = this.logic.edit(this.document.getText(), this.file, message.edit);
        this.log.info(`storyboard editor: ${message.edit.kind} in ${path.basename(this.file)} → ${result.ok ? 'edited' : result.reason}`);
        if (result.ok) return this.replaceText(result.text);
        return this.refuse(result.reason);
      }
      case 'addFrames':
        return this.addFrames();
      case 'generate':
        return this.runCommand('wanKeyframes.generateStoryboard');
      case 'join':
        return this.runCommand('wanKeyframes.joinStoryboard');
      case 'openAsText':
        await vscode.commands.executeCommand('vscode.openWith', this.document.uri, 'default');
        return;
    }
  }

  private refuse(reason: string): void {
    const notice = this.logic.notice(reason, vscode.env.language);
    if (notice) this.post({ type: 'notice', message: notice });
    // The page may hold a state the text no longer has (a drag it already showed): set it straight.
    void this.sendView();
  }

  private async replaceText(text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    const whole = new vscode.Range(this.document.positionAt(0), this.document.positionAt(this.document.getText().length));
    edit.replace(this.document.uri, whole, text);
    if (!(await vscode.workspace.applyEdit(edit))) this.log.warn(`storyboard editor: VS Code refused the edit of ${this.file}`);
  }

  private async addFrames(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: true,
      defaultUri: this.folder,
      openLabel: this.logic.strings(vscode.env.language).addFrames.replace(/…$/, ''),
      filters: { Images: ['png', 'jpg', 'jpeg', 'webp', 'bmp'] },
    });
    if (!picked || picked.length === 0) return;
    const result = this.logic.addFrames(this.document.getText(), this.file, picked.filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath), vscode.env.language);
    if (result.ok) return this.replaceText(result.text);
    if (result.reason === 'not-images') return this.post({ type: 'notice', message: result.message });
    this.refuse(result.reason);
  }

  /** Generate and Join read the file: what the editor shows is saved first, so they run on it. */
  private async runCommand(command: 'wanKeyframes.generateStoryboard' | 'wanKeyframes.joinStoryboard'): Promise<void> {
    if (this.document.isDirty && !(await this.document.save())) return;
    await vscode.commands.executeCommand(command, this.document.uri);
  }

  private html(webview: vscode.Webview): string {
    const nonce = createNonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'storyboardWebview.js'));
    const codicons = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'codicons', 'codicon.css'));
    const csp = ["default-src 'none'", `img-src ${webview.cspSource}`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
    const strings = this.logic.strings(vscode.env.language);
    return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${codicons.toString()}" rel="stylesheet" id="vscode-codicon-stylesheet">
<title>${escapeAttribute(path.basename(this.file))}</title>
</head>
<body data-strings="${escapeAttribute(JSON.stringify(strings))}">
<wk-storyboard></wk-storyboard>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

// The bundle dist/storyboardLogic.js is this file: the session and the logic it drives, loaded on the first open.
export { storyboardEditorLogic } from './editorLogic';
