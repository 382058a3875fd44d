import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { type Browser, launchBrowser } from './browser';
import { type CodeServer, type CodeServerOptions, startCodeServer } from './codeServer';
import { chineseLanguagePack } from './languagePack';
import { REPO, RESULTS_DIR } from '../support/files';
import { until } from './wait';
import { awaitsResume } from '../../src/shared/jobStatus';

export interface WorkbenchOptions extends Partial<CodeServerOptions> {
  workspace: string;
  /** Run the installed .vsix instead of the development folder. */
  vsix?: string;
  screenshotPrefix: string;
}

/** The real VS Code workbench in Chromium, with the helpers our UI tests need. */
export class Workbench {
  private constructor(
    public server: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    private readonly options: WorkbenchOptions,
    private readonly home: string,
  ) {}

  private static payloadFor(server: CodeServer, options: WorkbenchOptions): Array<[string, string]> {
    const payload: Array<[string, string]> = [
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    if (!options.vsix) payload.unshift(['extensionDevelopmentPath', server.remoteUri(REPO)]);
    return payload;
  }

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const extraVsix = options.locale === 'zh-cn' ? [await chineseLanguagePack()] : [];
    // The workbench owns its user-data and extensions folders, so a server restart finds them again.
    const home = await mkdtemp(path.join(os.tmpdir(), 'wk-wb-'));
    const server = await startCodeServer({
      userDataDir: path.join(home, 'user-data'),
      extensionsDir: path.join(home, 'extensions'),
      ...options,
      extraVsix,
      logName: `${options.screenshotPrefix}-code-server`,
    });
    const browser = await launchBrowser(options.locale === 'zh-cn' ? 'zh-CN' : 'en-US');
    const page = await browser.context.newPage();
    const workbench = new Workbench(server, browser, page, options, home);
    await workbench.load(0);
    return workbench;
  }

  /**
   * Opens the workbench page and waits for the Explorer and for the extension. The Explorer shows before the
   * extension host has registered the extensions, and a menu opened then lacks our entries (CI saw exactly that
   * once): a new activation line in the extension's log proves registration is done.
   */
  private async load(activationsBefore: number, navigate = true): Promise<void> {
    if (navigate) await this.page.goto(this.server.url(this.options.workspace, Workbench.payloadFor(this.server, this.options)));
    else await this.page.reload();
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await until(async () => (await this.activations()) > activationsBefore, 'the extension to activate', 90_000, 250);
  }

  /** How many times the extension has logged its activation in this workbench's logs, restarts included. */
  private async activations(): Promise<number> {
    return (await this.extensionLog()).match(/Wan Keyframes \S+ activated/g)?.length ?? 0;
  }

  /** Reloads the page (the window, with its editors restored) and waits for the extension to activate again. */
  async reloadWindow(): Promise<void> {
    await this.load(await this.activations(), false);
  }

  /** Kills code-server (extension host and all) and starts it again on the same port and folders; reloads the page. */
  async restartServer(): Promise<void> {
    const { port, userDataDir, extensionsDir } = this.server;
    const activations = await this.activations();
    await this.server.stop();
    this.server = await startCodeServer({ ...this.options, userDataDir, extensionsDir, port, vsix: undefined, logName: `${this.options.screenshotPrefix}-code-server-restarted` });
    await this.load(activations);
  }

  async close(): Promise<void> {
    // The last picture of every run, so a failure can be seen as it was.
    await this.screenshot('zz-at-close').catch(() => undefined);
    await this.browser.close();
    await this.server.stop();
    await rm(this.home, { recursive: true, force: true }).catch(() => undefined);
  }

  /** The extension's own log of every window this workbench has had, oldest first: attached to failures. */
  async extensionLog(): Promise<string> {
    const root = path.join(this.server.userDataDir, 'logs');
    const entries = await readdir(root, { recursive: true }).catch(() => [] as string[]);
    const files = entries.filter((entry) => path.basename(entry) === 'Wan Keyframes.log').sort();
    const parts = await Promise.all(files.map(async (file) => `--- ${file}\n${await readFile(path.join(root, file), 'utf8').catch(() => '')}`));
    return parts.join('\n');
  }

  async screenshot(name: string): Promise<string> {
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${this.options.screenshotPrefix}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  explorerRow(name: string): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
    });
  }

  async expandFolder(name: string): Promise<void> {
    const row = this.explorerRow(name);
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    const deadline = Date.now() + 10_000;
    while ((await row.getAttribute('aria-expanded')) !== 'true') {
      if (Date.now() > deadline) throw new Error(`folder ${name} did not expand`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Selects rows (ctrl-click after the first) and waits until the tree reports exactly that selection. */
  async select(names: string[]): Promise<void> {
    const [first, ...rest] = names;
    if (!first) return;
    for (let attempt = 1; ; attempt++) {
      await this.explorerRow(first).click();
      await this.waitSelected([first]);
      for (const name of rest) await this.explorerRow(name).click({ modifiers: ['Control'] });
      try {
        await this.waitSelected(names);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  private async waitSelected(names: string[]): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const states = await Promise.all(names.map((name) => this.explorerRow(name).getAttribute('aria-selected')));
      if (states.every((state) => state === 'true')) return;
      if (Date.now() > deadline) throw new Error(`selection did not settle on ${names.join(', ')}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Right-clicks a row and returns the visible context menu's item labels. */
  async contextMenu(name: string): Promise<string[]> {
    await this.explorerRow(name).click({ button: 'right' });
    const menu = this.contextMenuLocator();
    await menu.waitFor();
    await this.page.waitForTimeout(400);
    const labels = await menu.locator('.action-label').allTextContents();
    return labels.map((label) => label.trim()).filter(Boolean);
  }

  /**
   * Selects `rows`, right-clicks the last one until its menu offers `item`, runs `then` on that entry and returns it.
   * A busy machine can open the menu before the Explorer's selection context keys have caught up (the item is then
   * missing) or swallow a click: up to three attempts, each from a fresh selection.
   */
  async menuOffering(rows: string[], item: string, then?: (entry: Locator, attempt: number) => Promise<void>): Promise<Locator> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.select(rows);
        await this.contextMenu(rows[rows.length - 1] as string);
        const entry = this.contextMenuLocator().getByRole('menuitem', { name: item });
        await entry.waitFor({ timeout: 5_000 });
        await then?.(entry, attempt);
        return entry;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.page.keyboard.press('Escape');
        await this.page.waitForTimeout(500);
      }
    }
  }

  /** Clicks `item` in the menu of `rows` (see menuOffering), then waits for the command's visible effect. */
  async menuCommand(rows: string[], item: string, effect: Locator): Promise<void> {
    await this.menuOffering(rows, item, async (entry, attempt) => {
      await entry.click();
      await effect.first().waitFor({ timeout: attempt < 3 ? 10_000 : 30_000 });
    });
  }

  /** A step of our Get Started walkthrough, by its id in package.json, in whichever walkthrough editor is open. */
  walkthroughStep(id: string): Locator {
    return this.page.locator(`.gettingStartedContainer .getting-started-step[data-step-id$="#${id}"]`);
  }

  /** Whether VS Code shows that step ticked off: the check box inside the step's button is `.codicon.complete`. */
  async walkthroughStepDone(id: string): Promise<boolean> {
    return (await this.walkthroughStep(id).locator('.codicon.complete').count()) > 0;
  }

  /** Runs a command from the Command Palette by its title. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input').first();
    // Focus may sit inside a webview or an image preview, which keep keys to themselves: click the status bar first.
    await this.page.locator('.part.statusbar').click({ position: { x: 600, y: 10 } });
    await this.page.keyboard.press('Control+Shift+P');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
    await input.press('Enter');
  }

  /**
   * The panel after a reload or restart. VS Code for the Web sometimes leaves a restored webview blank ("Found
   * unexpected service worker controller" in its own frame, before any of our code runs); a user then closes and
   * reopens the panel, and when the page's webview service worker stays broken (every new webview blank too),
   * reloads the page. So does this helper. Returns whether the restored one rendered by itself.
   */
  async ensurePanel(): Promise<boolean> {
    const form = this.webview().locator('[data-testid="generate"]');
    if (await shows(form, 20_000)) return true;
    // Said in the test output, so a run shows how often VS Code for the Web needed the remedy.
    console.log('# workbench: the panel stayed blank; closing and reopening it');
    await this.reopenPanel();
    if (await shows(form, 30_000)) return false;
    console.log('# workbench: the reopened panel stayed blank too; reloading the page');
    await this.page.reload();
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    if (await shows(form, 20_000)) return false;
    await this.reopenPanel();
    await form.waitFor({ timeout: 30_000 });
    return false;
  }

  private async reopenPanel(): Promise<void> {
    const tab = this.page.locator('.tabs-container .tab', { hasText: /Wan Keyframes|万相首尾帧/ });
    while ((await tab.count()) > 0) {
      await tab.first().hover();
      await tab.first().locator('.codicon-close').click();
      await this.page.waitForTimeout(300);
    }
    // Our status bar item (a job is running) opens the panel; otherwise the Command Palette does.
    const item = this.statusBarItem(/Wan: |万相：/);
    if ((await item.count()) > 0) await item.first().click();
    else await this.runCommand('Wan Keyframes: Open Keyframes Panel');
  }

  /**
   * Set as First/Last Frame on one image from the Explorer, until the host confirms it in the status bar, then the
   * panel that command opened, rendered (a new webview can come up blank in VS Code for the Web, see ensurePanel).
   */
  async setFrame(row: string, item: string, confirmation: string): Promise<void> {
    await this.menuCommand([row], item, this.statusBarItem(confirmation));
    await this.ensurePanel();
  }

  /**
   * Generate Video from Selection on two images (the first selected is the first frame), until the frames are set
   * and the panel it opened is rendered.
   */
  async useSelection(first: string, last: string): Promise<void> {
    await this.menuCommand([first, last], 'Generate Video from Selection', this.statusBarItem(`Frames: ${first} → ${last}`));
    await this.ensurePanel();
  }

  contextMenuLocator(): Locator {
    return this.page.locator('.context-view .monaco-menu');
  }

  async dismissMenu(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.contextMenuLocator().waitFor({ state: 'hidden' });
  }

  statusBar(): Locator {
    return this.page.locator('.statusbar-item');
  }

  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: text });
  }

  async clickNotificationButton(text: string | RegExp, label: string): Promise<void> {
    await this.notification(text).first().getByRole('button', { name: label }).click();
  }

  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item').filter({ hasText: text });
  }

  /** The panel's focused control: its data-testid, else its tag name. */
  async focusedControl(): Promise<string> {
    return this.webview()
      .locator('body')
      .evaluate(() => {
        const active = (globalThis as unknown as { document: { activeElement: { dataset?: { testid?: string }; tagName?: string } | null } }).document.activeElement;
        return active?.dataset?.testid ?? active?.tagName ?? '';
      });
  }

  /** Keyboard only: focuses `from` in the panel and presses Tab until `until` has focus (at most `steps` times). */
  async tabOrder(from: string, until: string, steps = 24): Promise<string[]> {
    await this.webview().locator(`[data-testid="${from}"]`).focus();
    const order: string[] = [];
    for (let i = 0; i < steps; i++) {
      order.push(await this.focusedControl());
      if (order.at(-1) === until) break;
      await this.page.keyboard.press('Tab');
    }
    return order;
  }

  /**
   * Types through an input method as Chromium's own IME does: each draft is a composition update (what a Pinyin
   * input method shows while the user types "n", "ni", "ni h"…), then the chosen text is committed. Goes to the
   * focused element, as a real input method would.
   */
  async compose(drafts: string[], commit: string): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      for (const draft of drafts) {
        await cdp.send('Input.imeSetComposition', { text: draft, selectionStart: draft.length, selectionEnd: draft.length });
        await this.page.waitForTimeout(60);
      }
      await cdp.send('Input.insertText', { text: commit });
    } finally {
      await cdp.detach();
    }
  }

  /** Picks a colour theme as a user does: Preferences: Color Theme, type its name as the picker shows it, Enter. */
  async colorTheme(name: string): Promise<void> {
    // Ctrl+K Ctrl+T, from the workbench (a webview keeps keys to itself).
    await this.page.locator('.part.statusbar').click({ position: { x: 600, y: 10 } });
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+T');
    // The picker replaces the command list in the same widget: wait for it, then type as a user would.
    await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor({ timeout: 15_000 });
    await this.page.keyboard.type(name);
    await this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).first().waitFor({ timeout: 15_000 });
    await this.page.keyboard.press('Enter');
  }

  /** The job records the extension keeps on disk (its file mirror of globalState, written at once). */
  async storedJobs(): Promise<unknown[]> {
    const file = path.join(this.server.userDataDir, 'User', 'globalStorage', 'wan-keyframes.wan-keyframes', 'jobs.json');
    const parsed = JSON.parse(await readFile(file, 'utf8').catch(() => '[]')) as unknown;
    return Array.isArray(parsed) ? parsed : [];
  }

  /**
   * Waits until every stored job has reached its end: from then on no window resumes, downloads or saves anything,
   * so what is on disk is final. This is how a test proves "nothing more happened", instead of sleeping.
   */
  async jobsSettled(timeoutMs = 60_000): Promise<void> {
    await until(async () => {
      const records = await this.storedJobs();
      return records.length > 0 && !records.some((record) => awaitsResume(record));
    }, 'every stored job to reach its end', timeoutMs);
  }

  webview(): FrameLocator {
    return this.webviewHost().frameLocator('#active-frame');
  }

  /**
   * Starts keeping, inside the panel's page, a copy of every message the extension host posts to it. The copy goes
   * with the page when VS Code reloads it: take what was kept often (after each test) and record again.
   */
  async recordWebviewMessages(): Promise<void> {
    await this.webview()
      .locator('body')
      .evaluate(() => {
        const self = globalThis as unknown as { wkPosted?: string[]; addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void };
        if (self.wkPosted) return;
        self.wkPosted = [];
        self.addEventListener('message', (event) => self.wkPosted?.push(JSON.stringify(event.data) ?? ''));
      }, undefined, { timeout: 5_000 });
  }

  /** What was kept since recordWebviewMessages() (and forgets it); nothing if the page was replaced since. */
  async takeWebviewMessages(): Promise<string[]> {
    return this.webview()
      .locator('body')
      .evaluate(() => {
        const self = globalThis as unknown as { wkPosted?: string[] };
        return (self.wkPosted ?? []).splice(0);
      }, undefined, { timeout: 5_000 });
  }

  /**
   * Where VS Code for the Web keeps state in the browser (IndexedDB: globalState, workspace state, webview state;
   * localStorage), searched for a secret. Returns how many values were read and where the secret was found.
   */
  async findInBrowserStorage(secret: string): Promise<{ valuesSearched: number; hits: string[] }> {
    return this.page.evaluate(async (needle) => {
      type Request<T> = { result: T; onsuccess: (() => void) | null; onerror: (() => void) | null };
      type Store = { getAllKeys(): Request<unknown[]>; getAll(): Request<unknown[]> };
      type Database = { objectStoreNames: ArrayLike<string>; transaction(name: string, mode: string): { objectStore(name: string): Store }; close(): void };
      const browser = globalThis as unknown as {
        indexedDB: { databases(): Promise<Array<{ name?: string }>>; open(name: string): Request<Database> };
        localStorage: { length: number; key(index: number): string | null; getItem(key: string): string | null };
      };
      const settle = <T>(request: Request<T>) => new Promise<T>((resolve, reject) => ((request.onsuccess = () => resolve(request.result)), (request.onerror = () => reject(new Error('indexedDB')))));
      let valuesSearched = 0;
      const hits: string[] = [];
      const text = (value: unknown) => (typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : JSON.stringify(value) ?? '');
      for (const { name } of await browser.indexedDB.databases()) {
        if (!name) continue;
        const db = await settle(browser.indexedDB.open(name));
        for (const storeName of Array.from(db.objectStoreNames)) {
          const store = () => db.transaction(storeName, 'readonly').objectStore(storeName);
          const [keys, values] = await Promise.all([settle(store().getAllKeys()), settle(store().getAll())]);
          values.forEach((value, index) => {
            valuesSearched++;
            if (text(value).includes(needle) || String(keys[index]).includes(needle)) hits.push(`${name}/${storeName}/${String(keys[index])}`);
          });
        }
        db.close();
      }
      for (let index = 0; index < browser.localStorage.length; index++) {
        const key = browser.localStorage.key(index) ?? '';
        valuesSearched++;
        if (`${key}${browser.localStorage.getItem(key) ?? ''}`.includes(needle)) hits.push(`localStorage/${key}`);
      }
      return { valuesSearched, hits };
    }, secret);
  }

  /** The frame VS Code wraps our page in; it relays the page's postMessage to the extension host. */
  webviewHost(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready[src*="extensionId=wan-keyframes.wan-keyframes"]');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function shows(locator: Locator, timeoutMs: number): Promise<boolean> {
  try {
    await locator.waitFor({ timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}
