import * as vscode from 'vscode';

export type FrameRole = 'first' | 'last';

const SELECTION_KEY = 'wanKeyframes.frames.v1';

/**
 * The frames the user picked, held by the host; the panel listens to it. Kept in workspaceState (a memento read
 * is synchronous and in memory) so a window reload brings the form back with its frames.
 */
export class FrameSelection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private frames: { first?: vscode.Uri; last?: vscode.Uri } = {};
  private audioUri: vscode.Uri | undefined;

  constructor(private readonly memento?: vscode.Memento) {
    const saved = memento?.get<{ first?: string; last?: string; audio?: string }>(SELECTION_KEY);
    // Files, and image URLs given with "Use an image URL…".
    const parse = (value: unknown) => (typeof value === 'string' && /^(file|https?):/.test(value) ? vscode.Uri.parse(value, true) : undefined);
    if (saved && typeof saved === 'object') {
      this.frames = { first: parse(saved.first), last: parse(saved.last) };
      this.audioUri = parse(saved.audio);
    }
    this.changed.event(() => void this.memento?.update(SELECTION_KEY, { first: this.frames.first?.toString(), last: this.frames.last?.toString(), audio: this.audioUri?.toString() }));
  }

  get first(): vscode.Uri | undefined {
    return this.frames.first;
  }
  get last(): vscode.Uri | undefined {
    return this.frames.last;
  }
  get audio(): vscode.Uri | undefined {
    return this.audioUri;
  }

  set(role: FrameRole, uri: vscode.Uri): void {
    this.frames = { ...this.frames, [role]: uri };
    this.changed.fire();
  }

  setBoth(first: vscode.Uri, last: vscode.Uri): void {
    this.frames = { first, last };
    this.changed.fire();
  }

  swap(): void {
    this.frames = { first: this.frames.last, last: this.frames.first };
    this.changed.fire();
  }

  setAudio(uri: vscode.Uri | undefined): void {
    this.audioUri = uri;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
