/**
 * `npm run demo`: the whole product offline. The local DashScope simulator, code-server with the packaged
 * extension installed and pointed at it (base URL in the user settings, a demo key in the environment), and a
 * sample workspace with two images. Prints the URL to open and runs until Ctrl+C.
 * `npm run demo -- --check` drives the same flow headless and exits 0 once the mp4 is saved.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { DEFAULT_TEST_KEY, Simulator } from '../sandbox/simulator';
import { startCodeServer } from './codeServer';
import { Workbench } from './workbench';
import { makeSampleWorkspace } from './workspace';

/** Named by scripts/demo.mjs and scripts/test-all.mjs, which know where `npm run package` put it. */
const VSIX = process.env.WK_DEMO_VSIX ?? '';

async function check(): Promise<void> {
  const simulator = await Simulator.start({ pendingMs: 800, runningMs: 2000, fps: 10 });
  const workspace = await makeSampleWorkspace('wk-demo-');
  const workbench = await Workbench.open({
    workspace,
    vsix: VSIX,
    screenshotPrefix: 'demo',
    env: { DASHSCOPE_API_KEY: DEFAULT_TEST_KEY },
    userSettings: { 'wanKeyframes.baseUrl': simulator.baseUrl, 'wanKeyframes.defaultResolution': '480P' },
  });
  try {
    await workbench.expandFolder('shots');
    await workbench.useSelection('dawn.png', 'dusk.png');
    const view = workbench.webview();
    await view.locator('[data-testid="prompt"] textarea').fill('Dawn turns to dusk while the camera drifts right.');
    await view.locator('[data-testid="generate"]:not([disabled])').click({ timeout: 30_000 });
    await workbench.notification(/Saved dawn-to-dusk\.mp4/).waitFor({ timeout: 120_000 });
    await workbench.screenshot('saved');
    const saved = (await readdir(path.join(workspace, 'shots'))).filter((name) => name.endsWith('.mp4'));
    if (saved.length !== 1) throw new Error(`expected one video, found ${saved.join(', ') || 'none'}`);
    console.log(`demo check: saved ${path.join(workspace, 'shots', saved[0] as string)}`);
    console.log('demo: 1 passed, 0 failed');
  } finally {
    await workbench.close();
    await simulator.stop();
  }
}

async function serve(): Promise<void> {
  const simulator = await Simulator.start({ pendingMs: 3000, runningMs: 8000, fps: 30 });
  const workspace = await makeSampleWorkspace('wk-demo-');
  const server = await startCodeServer({
    workspace,
    vsix: VSIX,
    logName: 'demo-code-server',
    env: { DASHSCOPE_API_KEY: DEFAULT_TEST_KEY },
    // A first start, as after installing: the Get Started walkthrough opens (its key step is done: the demo key).
    userSettings: { 'wanKeyframes.baseUrl': simulator.baseUrl, 'workbench.welcomePage.walkthroughs.openOnInstall': true },
  });
  console.log(`\nWan Keyframes demo (offline: a local DashScope simulator at ${simulator.baseUrl}).\nOpen:\n\n  ${server.url(workspace)}\n`);
  console.log(`Sample images: ${path.join(workspace, 'shots')}. Right-click dawn.png → Set as First Frame, dusk.png → Set as Last Frame, then Generate.\nPress Ctrl+C to stop.`);
  const stop = async () => {
    await server.stop();
    await simulator.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (!VSIX || !existsSync(VSIX)) {
  console.error(`the packaged extension (${VSIX || 'WK_DEMO_VSIX unset'}) is missing: start the demo with \`npm run demo\`, which packages it.`);
  process.exit(1);
}
(process.argv.includes('--check') ? check() : serve()).catch((error: unknown) => {
  console.error(error);
  console.log('demo: 0 passed, 1 failed');
  process.exit(1);
});
