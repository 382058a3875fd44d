// `npm run test:unit`: the inner loop. Transpiles src/ and the unit tests with esbuild (no type-check: that is
// `npm run typecheck`; no set-up, no bundles) into out-unit/, then runs every test/unit/**/*.test.js with node's
// test runner, all in one process. `node scripts/unit.mjs <filter>` runs only the test files whose path contains
// <filter>.
// Prints `unit: N passed, N failed` last.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// WK_UNIT_OUT names another folder at the root (two runs side by side must not share one).
const out = path.join(root, process.env.WK_UNIT_OUT ?? 'out-unit');
const filter = process.argv[2];

function tsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
// Only what unit tests may import: the code, the unit tests and their support (never the simulator or a harness).
const sources = ['src', 'test/unit', 'test/support'].flatMap((dir) => tsFiles(path.join(root, dir)));
await esbuild.build({
  entryPoints: sources,
  outdir: out,
  outbase: root,
  bundle: false,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  define: { __WAN_KEYFRAMES_VERSION__: '"0.0.0-unit"' },
});
const transpiled = Date.now() - started;

const tests = tsFiles(path.join(root, 'test', 'unit'))
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => path.join(out, path.relative(root, file)).replace(/\.ts$/, '.js'))
  .filter((file) => !filter || file.includes(filter))
  .sort();
if (tests.length === 0) {
  console.error(`no unit tests${filter ? ` matching “${filter}”` : ''}`);
  console.log('unit: 0 passed, 1 failed');
  process.exit(1);
}

// One process for every file: starting a process per file (zod, undici…) cost more than the tests themselves.
const entry = path.join(out, 'unit.all.js');
writeFileSync(entry, tests.map((file) => `require(${JSON.stringify(file)});`).join('\n'));
const child = spawn(process.execPath, ['--enable-source-maps', '--test-reporter=spec', entry], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk.toString();
  process.stdout.write(chunk);
});
const code = await new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
const count = (name) => Number([...output.matchAll(new RegExp(`^ℹ ${name} (\\d+)$`, 'gm'))].pop()?.[1] ?? 0);
const failed = count('fail') || (code === 0 ? 0 : 1);
console.log(`unit: transpiled ${sources.length} files in ${transpiled} ms; ${tests.length} test files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`unit: ${count('pass')} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
