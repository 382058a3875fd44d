import * as vscode from 'vscode';
import { type Inputs, isMediaRole, MEDIA_ROLES, type MediaRole, ROLE } from '../../shared/mediaRoles';

const SELECTION_KEY = 'wanKeyframes.inputs.v2';
/** Version 1 kept `{first, last, audio}` (d5f53d2 and earlier): read once, so a reload after the upgrade keeps the frames. */
const SELECTION_KEY_V1 = 'wanKeyframes.frames.v1';

/**
 * The inputs the user picked, by role, held by the host; the panel listens to it. Kept in workspaceState (a memento
 * read is synchronous and in memory) so a window reload brings the form back with its frames.
 */
export class InputSelection implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private inputs: Inputs<vscode.Uri> = {};

  constructor(private readonly memento?: vscode.Memento) {
    // Files, and image URLs given with "Use an image URL…".
    const parse = (value: unknown) => (typeof value === 'string' && /^(file|https?):/.test(value) ? vscode.Uri.parse(value, true) : undefined);
    const saved = memento?.get<Record<string, unknown>>(SELECTION_KEY);
    if (saved && typeof saved === 'object') {
      for (const [role, value] of Object.entries(saved)) {
        const uri = parse(value);
        if (isMediaRole(role) && uri) this.inputs[role] = uri;
      }
    } else {
      const v1 = memento?.get<{ first?: unknown; last?: unknown; audio?: unknown }>(SELECTION_KEY_V1);
      if (v1 && typeof v1 === 'object') this.inputs = { [ROLE.first]: parse(v1.first), [ROLE.last]: parse(v1.last), [ROLE.audio]: parse(v1.audio) };
    }
    this.changed.event(() => void this.memento?.update(SELECTION_KEY, Object.fromEntries(MEDIA_ROLES.flatMap((role) => (this.inputs[role] ? [[role, this.inputs[role]?.toString()]] : [])))));
  }

  get(role: MediaRole): vscode.Uri | undefined {
    return this.inputs[role];
  }

  /** Every input that is set, by role. */
  all(): Inputs<vscode.Uri> {
    return { ...this.inputs };
  }

  set(role: MediaRole, uri: vscode.Uri | undefined): void {
    this.inputs = { ...this.inputs, [role]: uri };
    this.changed.fire();
  }

  setFrames(first: vscode.Uri, last: vscode.Uri): void {
    this.inputs = { ...this.inputs, [ROLE.first]: first, [ROLE.last]: last };
    this.changed.fire();
  }

  swapFrames(): void {
    this.inputs = { ...this.inputs, [ROLE.first]: this.inputs[ROLE.last], [ROLE.last]: this.inputs[ROLE.first] };
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
