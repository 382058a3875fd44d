// `npm run demo [-- --check]`: sets up what it needs (scripts/setup.mjs), packages the extension, then starts the
// simulator and code-server with the .vsix installed (test/harness/demo.ts).
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, setUpOrExit, vsixPath } from './setup.mjs';

const args = process.argv.slice(2);
setUpOrExit('demo', ['npm run demo', ...(args.length ? ['--', ...args] : [])].join(' '));
const npmRun = (script) => {
  const status = spawnSync('npm', ['run', script], { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
  if (status !== 0) process.exit(status);
};
npmRun('package');
npmRun('compile-tests');
const demo = spawnSync(process.execPath, ['out/test/harness/demo.js', ...args], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...process.env, WK_DEMO_VSIX: vsixPath() },
});
process.exit(demo.status ?? 1);
