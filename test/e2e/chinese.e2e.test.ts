import * as assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Workbench } from '../harness/workbench';
import { makeSampleWorkspace } from '../harness/workspace';
import { DEFAULT_TEST_KEY, Simulator } from '../sandbox/simulator';

const vsix = process.env.WK_E2E_VSIX;
const prefix = `${vsix ? 'vsix' : 'dev'}-zh`;

describe(`简体中文界面 (${vsix ? 'installed .vsix' : 'development build'})`, () => {
  let workspace: string;
  let simulator: Simulator;
  let workbench: Workbench;

  before(async () => {
    simulator = await Simulator.start({ pendingMs: 300, runningMs: 1000, fps: 5 });
    workspace = await makeSampleWorkspace();
    workbench = await Workbench.open({
      workspace,
      vsix,
      locale: 'zh-cn',
      screenshotPrefix: prefix,
      env: { DASHSCOPE_API_KEY: DEFAULT_TEST_KEY },
      userSettings: { 'wanKeyframes.baseUrl': simulator.baseUrl, 'wanKeyframes.defaultResolution': '480P' },
    });
    await workbench.expandFolder('shots');
  });

  after(async () => {
    await workbench?.close();
    await simulator?.stop();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('the menus, the form and the result speak Chinese', async () => {
    await workbench.select(['dawn.png']);
    const menu = await workbench.contextMenu('dawn.png');
    assert.ok(menu.includes('设为首帧') && menu.includes('设为尾帧'), `menu: ${menu.join(' | ')}`);
    await workbench.screenshot('01-context-menu');
    await workbench.dismissMenu();
    const view = workbench.webview();
    await workbench.menuCommand(['dawn.png'], '设为首帧', workbench.statusBarItem('首帧：dawn.png'));
    await workbench.menuCommand(['dusk.png'], '设为尾帧', view.locator('[data-testid="last-frame"] .frame-name', { hasText: 'dusk.png' }));
    await view.locator('[data-testid="first-frame"] h2', { hasText: '首帧' }).waitFor({ timeout: 60_000 });
    await view.locator('[data-testid="prompt"]').fill('镜头缓慢推进，天色由黎明转为黄昏。');
    const generate = view.locator('[data-testid="generate"]', { hasText: '生成' });
    await generate.waitFor();
    await generate.click();
    await workbench.statusBarItem(/万相：/).first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('02-progress');
    await workbench.notification(/已保存 dawn-to-dusk\.mp4/).waitFor({ timeout: 90_000 });
    await view.locator('[data-testid="video"]').first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('03-saved');
    assert.deepEqual((await readdir(path.join(workspace, 'shots'))).filter((name) => name.endsWith('.mp4')), ['dawn-to-dusk.mp4']);
  });
});
