import * as assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Workbench } from '../harness/workbench';
import { makeSampleWorkspace } from '../harness/workspace';
import { DEFAULT_TEST_KEY, Simulator } from '../sandbox/simulator';

const vsix = process.env.WK_E2E_VSIX;
const prefix = `${vsix ? 'vsix' : 'dev'}-restart`;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe(`code-server restarted while a job is polling (${vsix ? 'installed .vsix' : 'development build'})`, () => {
  let workspace: string;
  let shots: string;
  let simulator: Simulator;
  let workbench: Workbench;

  before(async () => {
    simulator = await Simulator.start({ pendingMs: 300, runningMs: 1000, fps: 5 });
    workspace = await makeSampleWorkspace();
    shots = path.join(workspace, 'shots');
    workbench = await Workbench.open({
      workspace,
      vsix,
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

  const files = async () => (await readdir(shots)).filter((name) => /\.(mp4|part)$/.test(name)).sort();

  async function generate(): Promise<void> {
    const view = workbench.webview();
    await workbench.menuCommand(['dawn.png', 'dusk.png'], 'Generate Video from Selection', view.locator('[data-testid="first-frame"] .frame-name', { hasText: 'dawn.png' }));
    await view.locator('[data-testid="generate"]:not([disabled])').click({ timeout: 30_000 });
  }

  it('mid-poll: the job resumes after the restart and the video is saved once', async () => {
    simulator.setTiming({ runningMs: 60_000 });
    await generate();
    await until(() => [...simulator.tasks.values()].some((task) => task.status === 'RUNNING'), 'a running task');
    await workbench.restartServer();
    await workbench.ensurePanel();
    simulator.setTiming({ runningMs: 1000 });
    simulator.finishRunning();
    await until(async () => (await files()).includes('dawn-to-dusk.mp4'), 'the resumed video', 120_000);
    await workbench.screenshot('01-saved-after-restart');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    assert.deepEqual(await files(), ['dawn-to-dusk.mp4']);
    assert.equal(simulator.requestsFor('create').length, 1);
  });
});
