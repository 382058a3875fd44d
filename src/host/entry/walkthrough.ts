import * as vscode from 'vscode';
import { ROLE } from '../../shared/mediaRoles';
import type { InputSelection } from './inputSelection';
import type { Log } from './log';
import type { ApiKeyStore } from './secrets';

export const WALKTHROUGH_ID = 'wanKeyframes.gettingStarted';
const OPENED_KEY = 'wanKeyframes.walkthroughOpened';

/** The walkthrough's steps complete on these context keys (package.json → walkthroughs → completionEvents). */
export const WALKTHROUGH_CONTEXT = {
  keyStored: 'wanKeyframes.walkthrough.keyStored',
  frameSet: 'wanKeyframes.walkthrough.frameSet',
  generated: 'wanKeyframes.walkthrough.generated',
  videoSaved: 'wanKeyframes.walkthrough.videoSaved',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_CONTEXT;

/** VS Code's Welcome and walkthrough editors: no input type the API knows, and their title (English or Chinese). */
function isWalkthroughTab(tab: vscode.Tab): boolean {
  return tab.input === undefined && /^(Welcome|Walkthrough: |欢迎|演练[:：])/.test(tab.label);
}

/**
 * "Get Started with Wan Keyframes": opens once after the first install (unless the user turned off
 * `workbench.welcomePage.walkthroughs.openOnInstall`), and completes each step when its event happens.
 * VS Code remembers a completed step itself, so a context key only ever needs to turn true.
 */
export class Walkthrough implements vscode.Disposable {
  private readonly done = new Set<WalkthroughStep>();
  private readonly subscriptions: vscode.Disposable[];
  private registered = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly keys: ApiKeyStore,
    private readonly frames: InputSelection,
    private readonly log: Pick<Log, 'info'>,
  ) {
    this.subscriptions = [
      keys.onDidChange(() => void this.checkKey()),
      frames.onDidChange(() => this.checkFrames()),
      vscode.window.tabGroups.onDidChangeTabs(({ opened }) => {
        if (opened.some(isWalkthroughTab)) this.whenRegistered();
      }),
    ];
  }

  /** After activation: nothing here blocks it (the key is read from secret storage asynchronously). */
  async start(): Promise<void> {
    if (vscode.window.tabGroups.all.some((group) => group.tabs.some(isWalkthroughTab))) this.whenRegistered();
    this.checkFrames();
    await this.checkKey();
    if (this.context.globalState.get<boolean>(OPENED_KEY)) return this.log.info('walkthrough: opened once before');
    await this.context.globalState.update(OPENED_KEY, true);
    // A machine-scoped setting: in a remote window it is read from the remote machine's settings, as VS Code does.
    if (vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall') === false) {
      return this.log.info('walkthrough: not opened (workbench.welcomePage.walkthroughs.openOnInstall is off)');
    }
    await this.open();
    this.log.info('walkthrough: opened after the first install');
  }

  async open(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${this.context.extension.id}#${WALKTHROUGH_ID}`, false);
    // Shown, so registered.
    this.whenRegistered();
  }

  mark(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    if (this.registered) this.tell(step);
  }

  /**
   * VS Code completes an `onContext` step only when the key turns true after its walkthroughs service registered
   * the walkthrough: a key already true then is only remembered as seen, and never completes the step in that window
   * (VS Code 1.99). The service starts with the first Welcome or walkthrough editor of the window, so the keys stay
   * unset until one has opened, and what was done before is told then.
   */
  private whenRegistered(): void {
    if (this.registered) return;
    this.registered = true;
    for (const step of this.done) this.tell(step);
  }

  private tell(step: WalkthroughStep): void {
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT[step], true);
  }

  private async checkKey(): Promise<void> {
    if ((await this.keys.source()) !== 'none') this.mark('keyStored');
  }

  private checkFrames(): void {
    if (this.frames.get(ROLE.first) || this.frames.get(ROLE.last)) this.mark('frameSet');
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
