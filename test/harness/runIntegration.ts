/**
 * `npm run test:vscode`: runs the mocha suite in test/integration inside a real VS Code extension host
 * (code-server in Debian's Chromium), with a network probe preloaded into the extension host.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { REPO } from '../support/files';
import { makeSampleWorkspace } from './workspace';

const TIMEOUT_MS = 180_000;

async function main(): Promise<number> {
  const workspace = await makeSampleWorkspace();
  const probeDir = await mkdtemp(path.join(os.tmpdir(), 'wk-probe-'));
  const probeFile = path.join(probeDir, 'connections.jsonl');
  const probeModule = path.join(REPO, 'out', 'test', 'harness', 'netProbe.js');
  const server = await startCodeServer({
    workspace,
    logName: 'integration-code-server',
    env: {
      NODE_OPTIONS: `--require ${probeModule}`,
      WK_NET_PROBE_FILE: probeFile,
      WK_NET_PROBE_MATCH: REPO,
    },
  });
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    const page = await browser.context.newPage();
    const exit = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`integration tests did not finish in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
      page.exposeFunction('codeAutomationExit', (code: number) => {
        clearTimeout(timer);
        resolve(code);
      });
      page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
        const line = format(...args).replace(/%c/g, '');
        if (line.includes('No extension host found that can launch the test runner')) {
          clearTimeout(timer);
          reject(new Error(line));
        }
        const result = /WK-RESULT (\{.*\})/.exec(line);
        if (result) ({ passed, failed } = JSON.parse(result[1] as string) as { passed: number; failed: number });
        else if (!line.startsWith('Ignoring fetching')) process.stdout.write(`${line}\n`);
      });
    });
    const payload: Array<[string, string]> = [
      ['extensionDevelopmentPath', server.remoteUri(REPO)],
      ['extensionTestsPath', server.remoteUri(path.join(REPO, 'out', 'test', 'integration', 'index.js'))],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    await page.goto(server.url(workspace, payload));
    const code = await exit;
    if (code !== 0 && failed === 0) failed = 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    failed = Math.max(failed, 1);
  } finally {
    await browser.close();
    await server.stop();
    await rm(workspace, { recursive: true, force: true });
    await rm(probeDir, { recursive: true, force: true });
  }
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  },
);
