import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';

describe(`简体中文界面 (${BUILD_LABEL})`, () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'zh', locale: 'zh-cn' });
  });
  after(() => session?.close());

  it('the menus, the form and the result speak Chinese', async () => {
    const { workbench, shots } = session;
    await workbench.select(['dawn.png']);
    const menu = await workbench.contextMenu('dawn.png');
    assert.ok(menu.includes('设为首帧') && menu.includes('设为尾帧'), `menu: ${menu.join(' | ')}`);
    await workbench.screenshot('01-context-menu');
    await workbench.dismissMenu();
    const view = workbench.webview();
    await workbench.setFrame('dawn.png', '设为首帧', '首帧：dawn.png');
    await workbench.setFrame('dusk.png', '设为尾帧', '尾帧：dusk.png');
    await view.locator('[data-testid="last-frame"] .frame-name', { hasText: 'dusk.png' }).waitFor({ timeout: 20_000 });
    await view.locator('[data-testid="first-frame"] h2', { hasText: '首帧' }).waitFor({ timeout: 60_000 });
    await view.locator('[data-testid="prompt"]').fill('镜头缓慢推进，天色由黎明转为黄昏。');
    const generate = view.locator('[data-testid="generate"]', { hasText: '生成' });
    await generate.waitFor();
    await generate.click();
    await workbench.statusBarItem(/万相：/).first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('02-progress');
    await workbench.notification(/已保存 dawn-to-dusk\.mp4/).waitFor({ timeout: 90_000 });
    const player = view.locator('[data-testid="video"]').first();
    await player.waitFor({ timeout: 20_000 });
    await player.scrollIntoViewIfNeeded();
    await workbench.screenshot('03-saved');
    assert.deepEqual((await readdir(shots)).filter((name) => name.endsWith('.mp4')), ['dawn-to-dusk.mp4']);
  });
});
