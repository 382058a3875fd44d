import * as vscode from 'vscode';
import type { Log } from '../../entry/log';
import { TakeIndex } from './takeIndex';

/** The folders a take may be in: the workspace's, on disk. */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
}

/**
 * The workspace's takes, indexed once and kept current by VS Code's file watcher: a take written by the CLI or by
 * another window appears, a take or its video deleted in the Explorer goes, without reopening anything.
 */
export class TakeLibrary implements vscode.Disposable {
  readonly index: TakeIndex;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(log: Log) {
    this.index = new TakeIndex({ roots: workspaceRoots, log: (line) => log.info(line) });
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,mp4}');
    const changed = (uri: vscode.Uri) => void (uri.path.endsWith('.json') ? this.index.fileChanged(uri.fsPath) : this.index.videoChanged(uri.fsPath));
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(changed),
      watcher.onDidChange(changed),
      watcher.onDidDelete((uri) => void this.index.fileDeleted(uri.fsPath)),
      // A folder added to the workspace brings its takes: the index is built again from the files.
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.index.rebuild()),
    );
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.index.dispose();
  }
}
