// `npm test`: sets up what it needs (scripts/setup.mjs), builds once, runs every tier, and ends with one line that
// adds them up.
// Tiers: unit (plain Node, no network, no child process: fakes and virtual time; scripts/unit.mjs), repo (contracts
// on the repository: manifest, README, release, set-up, layers, the test mirror), core (the client, the job and the
// CLI against the simulator over real HTTP), vscode (mocha in a real extension host), e2e (Playwright on the
// workbench), package (the same e2e against the installed .vsix), demo (`npm run demo -- --check`). A tier that
// fails or runs no test fails the whole run.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { setUpOrExit, vsixPath } from './setup.mjs';

const only = process.argv.slice(2);
// The unit and core tiers alone need neither a browser nor code-server.
const plain = only.length > 0 && only.every((tier) => tier === 'unit' || tier === 'repo' || tier === 'core');
setUpOrExit(plain ? 'plain' : 'test', only.length ? `npm run test:${only[0]}` : 'npm test');
const vsix = vsixPath();

function runCommand(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk.toString();
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function nodeTestCounts(output) {
  const pass = [...output.matchAll(/^ℹ pass (\d+)$/gm)].pop();
  const fail = [...output.matchAll(/^ℹ fail (\d+)$/gm)].pop();
  return { passed: pass ? Number(pass[1]) : 0, failed: fail ? Number(fail[1]) : 0 };
}

function summaryCounts(output, tier) {
  const match = [...output.matchAll(new RegExp(`^${tier}: (\\d+) passed, (\\d+) failed$`, 'gm'))].pop();
  return { passed: match ? Number(match[1]) : 0, failed: match ? Number(match[2]) : 0 };
}

const e2eFiles = () =>
  readdirSync('out/test/e2e')
    .filter((name) => name.endsWith('.e2e.test.js'))
    .sort()
    .map((name) => path.join('out/test/e2e', name));
// The README's and the walkthrough's pictures show what users install, so that suite runs on the .vsix only.
const PACKAGE_ONLY = ['readme.e2e.test.js'];
const PACKAGE_SUITES = ['explorer.e2e.test.js', 'walkthrough.e2e.test.js', ...PACKAGE_ONLY];

const tiers = [
  { name: 'unit', run: () => runCommand(process.execPath, ['scripts/unit.mjs']), counts: (output) => summaryCounts(output, 'unit') },
  { name: 'repo', run: () => runCommand(process.execPath, ['scripts/run-unit.mjs', 'repo']), counts: nodeTestCounts },
  { name: 'core', run: () => runCommand(process.execPath, ['scripts/run-unit.mjs', 'core']), counts: nodeTestCounts },
  {
    name: 'vscode',
    run: () => runCommand(process.execPath, ['out/test/harness/runIntegration.js']),
    counts: (output) => summaryCounts(output, 'vscode'),
  },
  {
    name: 'e2e',
    run: () => runCommand(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...e2eFiles().filter((file) => !PACKAGE_ONLY.includes(path.basename(file)))]),
    counts: nodeTestCounts,
  },
  {
    name: 'package',
    run: async () => {
      const packaged = await runCommand('npm', ['run', 'package']);
      if (packaged.code !== 0) return packaged;
      const checked = await runCommand(process.execPath, ['scripts/check-vsix.mjs', vsix]);
      // Against the installed .vsix: the Explorer smoke suite, the first-install walkthrough and the README's
      // pictures; the demo tier drives the full flow on the .vsix too.
      const smoke = e2eFiles().filter((file) => PACKAGE_SUITES.includes(path.basename(file)));
      const e2e = await runCommand(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...smoke], {
        WK_E2E_VSIX: vsix,
      });
      return { code: checked.code || e2e.code, output: `${checked.output}\n${e2e.output}` };
    },
    counts: (output) => {
      const e2e = nodeTestCounts(output);
      const vsix = summaryCounts(output, 'vsix');
      return { passed: e2e.passed + vsix.passed, failed: e2e.failed + vsix.failed };
    },
  },
  {
    // `npm run demo -- --check`: the packaged extension, the simulator and code-server, the whole flow headless.
    name: 'demo',
    run: () => runCommand(process.execPath, ['out/test/harness/demo.js', '--check'], { WK_DEMO_VSIX: vsix }),
    counts: (output) => summaryCounts(output, 'demo'),
  },
];

const prepare = [
  ['npm', ['run', 'build']],
  ['npm', ['run', 'compile-tests']],
];
for (const [command, args] of prepare) {
  const { code } = await runCommand(command, args);
  if (code !== 0) {
    console.log(`\n${command} ${args.join(' ')} failed\n0 passed, 1 failed`);
    process.exit(1);
  }
}

let passed = 0;
let failed = 0;
const lines = [];
for (const tier of tiers.filter((t) => only.length === 0 || only.includes(t.name))) {
  const started = Date.now();
  console.log(`\n===== tier: ${tier.name} =====`);
  const { code, output } = await tier.run();
  const counts = tier.counts(output);
  let tierFailed = counts.failed;
  if (code !== 0 && tierFailed === 0) tierFailed = 1;
  if (counts.passed + counts.failed === 0) tierFailed = Math.max(tierFailed, 1);
  passed += counts.passed;
  failed += tierFailed;
  lines.push(`${tier.name}: ${counts.passed} passed, ${tierFailed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
// One tier alone would mix fresh figures with stale ones from an earlier run: only a whole run writes the page.
if (only.length === 0) await runCommand(process.execPath, ['scripts/reliability-report.mjs']);
console.log('\n===== summary =====');
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
