import * as vscode from 'vscode';

/** A take file is small; anything larger beside an mp4 is not one of ours and is not read. */
const MAX_TAKE_BYTES = 1024 * 1024;
const OURS = /^wan-keyframes\/(take|sidecar)@\d+$/;

/** The verdict a take file's text records, or undefined (not ours, not JSON, no verdict). */
export function verdictIn(text: string): 'kept' | 'rejected' | undefined {
  try {
    const raw = JSON.parse(text) as { schema?: unknown; verdict?: unknown } | null;
    if (typeof raw?.schema !== 'string' || !OURS.test(raw.schema)) return undefined;
    return raw.verdict === 'kept' || raw.verdict === 'rejected' ? raw.verdict : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Explorer badges on a take's mp4: ✓ kept, ✗ rejected, read from the take file beside it when VS Code asks for a
 * visible file (never at activation), and asked again when a take file changes — a verdict written by this window, by
 * another, or by the CLI.
 */
export class VerdictDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const videoOf = (json: vscode.Uri) => this.changed.fire([json.with({ path: json.path.replace(/\.json$/i, '.mp4') })]);
    this.subscriptions = [this.watcher, this.watcher.onDidCreate(videoOf), this.watcher.onDidChange(videoOf), this.watcher.onDidDelete(videoOf), vscode.window.registerFileDecorationProvider(this)];
  }

  async provideFileDecoration(uri: vscode.Uri): Promise<vscode.FileDecoration | undefined> {
    if (uri.scheme !== 'file' || !/\.mp4$/i.test(uri.path)) return undefined;
    const take = uri.with({ path: uri.path.replace(/\.mp4$/i, '.json') });
    try {
      const info = await vscode.workspace.fs.stat(take);
      if (info.size > MAX_TAKE_BYTES) return undefined;
      const verdict = verdictIn(new TextDecoder().decode(await vscode.workspace.fs.readFile(take)));
      if (verdict === 'kept') return { badge: '✓', tooltip: vscode.l10n.t('Kept take'), color: new vscode.ThemeColor('charts.green') };
      if (verdict === 'rejected') return { badge: '✗', tooltip: vscode.l10n.t('Rejected take'), color: new vscode.ThemeColor('disabledForeground') };
    } catch {
      // No take file beside it: not a take.
    }
    return undefined;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
