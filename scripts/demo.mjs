// `npm run demo [-- --check]`: sets up what it needs (scripts/setup.mjs), packages the extension, then starts the
// simulator and code-server with the .vsix installed (test/harness/demo.ts).
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, setUpOrExit } from './setup.mjs';

const args = process.argv.slice(2);
setUpOrExit('demo', ['npm run demo', ...(args.length ? ['--', ...args] : [])].join(' '));
const step = (args) => {
  const status = spawnSync('npm', args, { cwd: REPO_ROOT, stdio: 'inherit' }).status ?? 1;
  if (status !== 0) process.exit(status);
};
step(['run', 'package']);
step(['run', 'compile-tests']);
const demo = spawnSync(process.execPath, ['out/test/harness/demo.js', ...args], { cwd: REPO_ROOT, stdio: 'inherit' });
process.exit(demo.status ?? 1);
