import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { type Browser, launchBrowser } from './browser';
import { type CodeServer, type CodeServerOptions, startCodeServer } from './codeServer';
import { chineseLanguagePack } from './languagePack';
import { REPO_ROOT, RESULTS_DIR } from './paths';

export interface WorkbenchOptions extends Partial<CodeServerOptions> {
  workspace: string;
  /** Run the installed .vsix instead of the development folder. */
  vsix?: string;
  screenshotPrefix: string;
}

/** The real VS Code workbench in Chromium, with the helpers our UI tests need. */
export class Workbench {
  private constructor(
    readonly server: CodeServer,
    readonly browser: Browser,
    readonly page: Page,
    private readonly options: WorkbenchOptions,
  ) {}

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const extraVsix = options.locale === 'zh-cn' ? [await chineseLanguagePack()] : [];
    const server = await startCodeServer({ ...options, extraVsix, logName: `${options.screenshotPrefix}-code-server` });
    const browser = await launchBrowser(options.locale === 'zh-cn' ? 'zh-CN' : 'en-US');
    const page = await browser.context.newPage();
    const payload: Array<[string, string]> = [
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    if (!options.vsix) payload.unshift(['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]);
    await page.goto(server.url(options.workspace, payload));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new Workbench(server, browser, page, options);
  }

  async close(): Promise<void> {
    // The last picture of every run, so a failure can be seen as it was.
    await this.screenshot('zz-at-close').catch(() => undefined);
    await this.browser.close();
    await this.server.stop();
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
   * Right-clicks `row` (selected alone, or with `also` ctrl-selected first) and clicks `item`, then waits for the
   * command's visible effect; once more if a busy machine swallowed the click.
   */
  async menuCommand(rows: string[], item: string, effect: Locator): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.select(rows);
      await this.contextMenu(rows[rows.length - 1] as string);
      await this.clickMenuItem(item);
      try {
        await effect.first().waitFor({ timeout: attempt === 1 ? 8_000 : 30_000 });
        return;
      } catch (error) {
        if (attempt >= 2) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  contextMenuLocator(): Locator {
    return this.page.locator('.context-view .monaco-menu');
  }

  async clickMenuItem(name: string): Promise<void> {
    await this.contextMenuLocator().getByRole('menuitem', { name }).click();
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

  webview(): FrameLocator {
    return this.page
      .frameLocator('iframe.webview.ready[src*="extensionId=wan-keyframes.wan-keyframes"]')
      .frameLocator('#active-frame');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
