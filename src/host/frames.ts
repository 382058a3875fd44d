import * as vscode from 'vscode';

export type FrameRole = 'first' | 'last';

/** The frames the user picked, held by the host; the panel and the status bar listen to it. */
export class FrameSelection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private frames: { first?: vscode.Uri; last?: vscode.Uri } = {};
  private audioUri: vscode.Uri | undefined;

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
