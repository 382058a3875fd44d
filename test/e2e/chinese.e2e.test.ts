import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { walkthroughStepIds } from '../harness/paths';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';

describe(`简体中文界面 (${BUILD_LABEL})`, () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'zh', locale: 'zh-cn' });
  });
  after(() => session?.close());

  it('the menus, the form and the result speak Chinese; a Pinyin composition leaves exactly 你好', async () => {
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
    // A Pinyin input method, as people here type: drafts first, then the chosen characters.
    for (const id of ['prompt', 'negativePrompt']) {
      const field = view.locator(`[data-testid="${id}"] textarea`);
      await field.click();
      await workbench.compose(['n', 'ni', 'ni h', 'ni ha', 'ni hao'], '你好');
      await workbench.page.waitForTimeout(400);
      assert.equal(await field.inputValue(), '你好', `${id}: exactly what was composed`);
    }
    await workbench.screenshot('02-ime-composed');
    await view.locator('[data-testid="negativePrompt"] textarea').fill('');
    await view.locator('[data-testid="prompt"] textarea').fill('镜头缓慢推进，天色由黎明转为黄昏。');
    const generate = view.locator('[data-testid="generate"]', { hasText: '生成' });
    await generate.waitFor();
    await generate.click();
    await workbench.statusBarItem(/万相：/).first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('03-progress');
    await workbench.notification(/已保存 dawn-to-dusk\.mp4/).waitFor({ timeout: 90_000 });
    const player = view.locator('[data-testid="video"]').first();
    await player.waitFor({ timeout: 20_000 });
    await player.scrollIntoViewIfNeeded();
    await workbench.screenshot('04-saved');
    assert.deepEqual((await readdir(shots)).filter((name) => name.endsWith('.mp4')), ['dawn-to-dusk.mp4']);
  });

  it('入门 (the walkthrough) is in Chinese, and after that generate every step is done', async () => {
    const { workbench } = session;
    await workbench.runCommand('Wan Keyframes: 入门');
    const walkthrough = workbench.page.locator('.gettingStartedContainer');
    await walkthrough.getByText('万相首尾帧入门').first().waitFor({ timeout: 30_000 });
    const steps = { setKey: '设置 API Key', pickFrames: '选择首帧和尾帧', generate: '生成', findResult: '找到生成的视频' };
    assert.deepEqual(walkthroughStepIds(), Object.keys(steps));
    for (const [id, title] of Object.entries(steps)) {
      // The key came from DASHSCOPE_API_KEY, the frames, the generate and the saved video from the test above.
      await workbench.walkthroughStep(id).filter({ hasText: title }).locator('.codicon.complete').waitFor({ timeout: 20_000 });
    }
    await workbench.screenshot('05-walkthrough');
  });
});
