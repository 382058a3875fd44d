import * as assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Workbench } from '../harness/workbench';
import { makeSampleWorkspace } from '../harness/workspace';

const vsix = process.env.WK_E2E_VSIX;
const prefix = vsix ? 'vsix' : 'dev';

describe(`Explorer entries (${vsix ? 'installed .vsix' : 'development build'})`, () => {
  let workspace: string;
  let workbench: Workbench;

  before(async () => {
    workspace = await makeSampleWorkspace();
    workbench = await Workbench.open({ workspace, vsix, screenshotPrefix: prefix });
    await workbench.expandFolder('shots');
  });

  after(async () => {
    await workbench?.close();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('offers Set as First/Last Frame on a .png', async () => {
    const items = await workbench.contextMenu('dawn.png');
    await workbench.screenshot('01-context-menu-png');
    await workbench.dismissMenu();
    assert.ok(items.includes('Set as First Frame'), `menu: ${items.join(' | ')}`);
    assert.ok(items.includes('Set as Last Frame'), `menu: ${items.join(' | ')}`);
    assert.ok(!items.includes('Generate Video from Selection'), 'not with one file selected');
  });

  it('offers none of its entries on a .txt', async () => {
    const items = await workbench.contextMenu('notes.txt');
    await workbench.screenshot('02-context-menu-txt');
    await workbench.dismissMenu();
    assert.ok(items.length > 0, 'the menu opened');
    for (const entry of ['Set as First Frame', 'Set as Last Frame', 'Generate Video from Selection']) {
      assert.ok(!items.includes(entry), `${entry} must not show on a .txt (menu: ${items.join(' | ')})`);
    }
  });

  it('offers Generate Video from Selection with two images selected', async () => {
    // A busy workbench can lose the ctrl-click between selecting and opening the menu: select again, up to 3 times.
    let items: string[] = [];
    for (let attempt = 0; attempt < 3 && !items.includes('Generate Video from Selection'); attempt++) {
      if (attempt > 0) await workbench.dismissMenu();
      await workbench.select(['dawn.png', 'dusk.png']);
      items = await workbench.contextMenu('dusk.png');
    }
    await workbench.screenshot('03-context-menu-two-images');
    await workbench.dismissMenu();
    assert.ok(items.includes('Generate Video from Selection'), `menu: ${items.join(' | ')}`);
  });

  it('Set as First Frame records the frame and shows it', async () => {
    await workbench.setFrame('dawn.png', 'Set as First Frame', 'First frame: dawn.png');
    const card = workbench.webview().locator('[data-testid="first-frame"]');
    await card.locator('.frame-name', { hasText: 'dawn.png' }).waitFor({ timeout: 15_000 });
    await workbench.page.waitForTimeout(300);
    await workbench.screenshot('04-first-frame-set');
    const loaded = await card.locator('img.thumbnail').evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth);
    assert.equal(loaded, 480, 'the thumbnail loaded through asWebviewUri');
  });
});
