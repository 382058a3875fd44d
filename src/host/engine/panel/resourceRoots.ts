import * as vscode from 'vscode';

/**
 * The folders the webview may load from. They stay as stable as possible: the workspace folders cover the usual
 * frames and videos, and only a file outside them adds its folder — every change of options can reload the webview,
 * which races with its start-up.
 */
export class ResourceRoots {
  private key = '';

  constructor(private readonly extensionUri: vscode.Uri) {}

  options(files: ReadonlyArray<vscode.Uri | undefined>): vscode.WebviewOptions {
    const workspaceFolders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri);
    const inWorkspace = (uri: vscode.Uri) => workspaceFolders.some((folder) => uri.path === folder.path || uri.path.startsWith(`${folder.path}/`));
    const outside = files.filter((uri): uri is vscode.Uri => uri !== undefined && uri.scheme === 'file' && !inWorkspace(uri)).map((uri) => vscode.Uri.joinPath(uri, '..'));
    return {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media'), ...workspaceFolders, ...outside],
    };
  }

  /** Widens the webview's roots only when a new folder appears. */
  update(webview: vscode.Webview, files: ReadonlyArray<vscode.Uri | undefined>): void {
    const options = this.options(files);
    const key = (options.localResourceRoots ?? []).map((uri) => uri.toString()).sort().join('|');
    if (key === this.key) return;
    this.key = key;
    webview.options = options;
  }

  /** A new page starts with whatever roots it is given. */
  reset(): void {
    this.key = '';
  }
}
