/**
 * `npm run demo`: code-server with this extension and a sample workspace, for a person to try in a browser.
 * It prints the URL and runs until Ctrl+C.
 */
import { startCodeServer } from './codeServer';
import { REPO_ROOT } from './paths';
import { makeSampleWorkspace } from './workspace';

async function main(): Promise<void> {
  const workspace = await makeSampleWorkspace('wk-demo-');
  const server = await startCodeServer({ workspace, logName: 'demo-code-server' });
  const url = server.url(workspace, [['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)]]);
  console.log(`\nWan Keyframes demo is running. Open:\n\n  ${url}\n\nSample images: ${workspace}/shots\nPress Ctrl+C to stop.`);
  if (process.argv.includes('--check')) {
    const response = await fetch(url);
    console.log(`demo check: workbench answered ${response.status}`);
    await server.stop();
    process.exit(response.ok ? 0 : 1);
  }
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
