// Start-up and first use, each in fresh Node processes, against references measured in the same run:
//  - the CLI: `wan-keyframes --help`, `--version` and `status` (no key: the whole command path is loaded, nothing is
//    sent), from spawn to exit, against `node -e 0`; and `status` with a key, which also loads undici and asks a
//    stand-in for the service on 127.0.0.1 (started here, in a process of its own) for one task: nothing leaves the
//    machine (`--base-url` is the stand-in and the proxy variables are dropped for that row);
//  - the extension: requiring the entry bundle (what VS Code's start-up pays), the engine (what the first command
//    waits for), undici (dist/http.js, the first request) and mediabunny (dist/media.js, the first media file), against
//    requiring an empty module; and which other bundles each one pulls in while it loads.
// Each row gives wall time and CPU time (all the process's threads): on a busy machine wall time grows while a process
// waits for a core, CPU time much less, so compare builds by CPU time there.
// It builds the production bundles with the project's esbuild.mjs into a scratch folder (not dist/, which may be a
// development build or stale); `--dist DIR` (repeatable) reads builds instead, measured side by side in one run.
// Usage: node bench/startup.mjs [--runs N] [--dist DIR]...
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '21' }, dist: { type: 'string', multiple: true } } });
const runs = Number(options.runs);
const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const scratch = mkdtempSync(path.join(tmpdir(), 'wk-startup-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

const builds = (options.dist ?? []).map((dir) => ({ label: dir, dir: path.resolve(dir) }));
if (builds.length === 0) {
  const dir = path.join(scratch, 'dist');
  execFileSync(process.execPath, ['esbuild.mjs', '--production', `--outdir=${dir}`], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  builds.push({ label: 'esbuild.mjs --production', dir });
}
const empty = path.join(scratch, 'empty.js');
writeFileSync(empty, 'module.exports = {};\n');

// Requires one file and prints its time and the other bundles it loaded meanwhile. `vscode` is a stand-in (nothing in
// the bundles calls it at require time), so the extension's bundles load outside VS Code.
const probe = `
const Module = require('node:module');
const path = require('node:path');
const load = Module._load;
const pulled = new Set();
Module._load = function (request, parent, ...rest) {
  if (request === 'vscode') return new Proxy({}, { get: () => new Proxy(function () {}, { get: () => () => undefined }) });
  const loaded = load.call(this, request, parent, ...rest);
  if (request.startsWith('.')) pulled.add(path.basename(request));
  return loaded;
};
const before = process.cpuUsage();
const started = process.hrtime.bigint();
require(process.argv[1]);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const { user, system } = process.cpuUsage(before);
process.stdout.write(JSON.stringify({ ms, cpu: (user + system) / 1000, pulled: [...pulled] }));
`;

// The CPU time a whole process used, start to exit, written where the parent reads it.
const cpuFile = path.join(scratch, 'cpu.txt');
const cpuProbe = path.join(scratch, 'cpu.js');
writeFileSync(cpuProbe, `process.on('exit', () => { const { user, system } = process.cpuUsage(); require('node:fs').writeFileSync(${JSON.stringify(cpuFile)}, String((user + system) / 1000)); });\n`);

// The stand-in for the service: answers `GET …/api/v1/tasks/<id>` as a running task, anything else 404, and counts
// what it was asked in a file, so the bench can check that each `status` run made exactly that one request.
const askedFile = path.join(scratch, 'asked.txt');
const standInSource = `
const { appendFileSync } = require('node:fs');
const server = require('node:http').createServer((request, response) => {
  appendFileSync(${JSON.stringify(askedFile)}, request.method + ' ' + request.url + '\\n');
  const task = /^\\/api\\/v1\\/tasks\\/([^/?]+)$/.exec(request.url);
  response.writeHead(task && request.method === 'GET' ? 200 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify(task ? { request_id: 'bench', output: { task_id: task[1], task_status: 'RUNNING' } } : { code: 'NotFound' }));
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;
const standIn = spawn(process.execPath, ['-e', standInSource], { stdio: ['ignore', 'pipe', 'inherit'] });
process.on('exit', () => standIn.kill());
const standInUrl = await new Promise((resolve, reject) => {
  standIn.once('error', reject);
  standIn.stdout.once('data', (port) => resolve(`http://127.0.0.1:${String(port).trim()}`));
});
// It runs until this process exits (which kills it), and keeps nothing of this one waiting for it.
standIn.stdout.destroy();
standIn.unref();
/** The environment without proxy variables, so the row with a key reaches the stand-in directly. */
const withoutProxies = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(https?|all|no)_proxy$/i.test(name)));

/** The median and the quartiles of a list of numbers. */
function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), q1: at(0.25), q3: at(0.75) };
}

/** A fresh node process: its wall time, spawn to exit, and the CPU time it reports (from the probe's file or its output). */
function spawnNode(args, env, { cpuOfProcess, baseEnv = process.env }) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, cpuOfProcess ? ['--require', cpuProbe, ...args] : args, { env: { ...baseEnv, ...env }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  return { ms, cpu: cpuOfProcess ? Number(readFileSync(cpuFile, 'utf8')) : undefined, code: result.status, out: result.stdout, err: result.stderr };
}

const noKey = { DASHSCOPE_API_KEY: '', LANG: 'en_US.UTF-8' };
const benchKey = { DASHSCOPE_API_KEY: 'sk-bench-not-a-key', LANG: 'en_US.UTF-8' };
const processRows = [{ name: 'node -e 0', args: ['-e', '0'], reference: true }];
const requireRows = [{ name: 'empty module', file: empty, reference: true }];
for (const { label, dir } of builds) {
  const cli = path.join(dir, 'cli.js');
  processRows.push(
    { name: 'wan-keyframes --help', build: label, args: [cli, '--help'], expect: 0, goal: 'help' },
    { name: 'wan-keyframes --version', build: label, args: [cli, '--version'], expect: 0 },
    { name: 'wan-keyframes status (no key)', build: label, args: [cli, 'status', 'task-0'], expect: 2 },
    { name: 'wan-keyframes status (key)', build: label, args: [cli, 'status', 'task-0', '--base-url', standInUrl], expect: 0, env: benchKey, asks: true },
  );
  requireRows.push(
    { name: 'extension.js (start-up)', build: label, file: path.join(dir, 'extension.js') },
    { name: 'engine.js (first use)', build: label, file: path.join(dir, 'engine.js'), goal: 'engine' },
    { name: 'http.js (first request)', build: label, file: path.join(dir, 'http.js') },
    { name: 'media.js (first media file)', build: label, file: path.join(dir, 'media.js') },
  );
}
for (const row of [...processRows, ...requireRows]) Object.assign(row, { times: [], cpus: [] });

// Round robin, so that a slow moment of the machine falls on every row alike rather than on one.
for (let i = 0; i < runs + 1; i++) {
  for (const row of processRows) {
    const run = row.asks ? spawnNode(row.args, row.env, { cpuOfProcess: true, baseEnv: withoutProxies }) : spawnNode(row.args, noKey, { cpuOfProcess: true });
    if (row.expect !== undefined && run.code !== row.expect) throw new Error(`${row.name} (${row.build}) exited ${run.code}: ${run.err}`);
    if (i > 0) row.times.push(run.ms), row.cpus.push(run.cpu);
  }
  for (const row of requireRows) {
    const run = spawnNode(['-e', probe, row.file], {}, { cpuOfProcess: false });
    if (run.code !== 0) throw new Error(`requiring ${row.file} failed: ${run.err}`);
    const { ms, cpu, pulled } = JSON.parse(run.out);
    row.pulled = pulled;
    if (i > 0) row.times.push(ms), row.cpus.push(cpu);
  }
}

// Every `status` run with a key asked the stand-in for its task once, and nothing else.
const asked = existsSync(askedFile) ? readFileSync(askedFile, 'utf8').trim().split('\n') : [];
const askingRuns = (runs + 1) * processRows.filter((row) => row.asks).length;
if (asked.length !== askingRuns || asked.some((line) => line !== 'GET /api/v1/tasks/task-0')) throw new Error(`the stand-in was asked ${JSON.stringify(asked.slice(0, 5))}… (${asked.length} requests for ${askingRuns} runs)`);

const median = (values) => summary(values).median;
const fmt = (ms) => `${ms.toFixed(1).padStart(6)} ms`;
const signed = (ms) => `${ms < 0 ? '−' : '+'}${Math.abs(ms).toFixed(1)} ms`;
const spread = (values) => `(${summary(values).q1.toFixed(0)}–${summary(values).q3.toFixed(0)})`.padEnd(10);
const kb = (file) => `${(statSync(file).size / 1024).toFixed(0).padStart(5)} KB`;
const [processReference] = processRows;
const [requireReference] = requireRows;
const versus = (row, reference) => `${signed(median(row.times) - median(reference.times))} ×${(median(row.times) / median(reference.times)).toFixed(2)}; ${signed(median(row.cpus) - median(reference.cpus))} ×${(median(row.cpus) / median(reference.cpus)).toFixed(2)}`;
const line = (row, tail) => `${row.name.padEnd(31)} ${fmt(median(row.times))} ${spread(row.times)} ${fmt(median(row.cpus))} ${spread(row.cpus)} ${tail}`;

console.log(`node ${process.version}, ${runs} fresh processes per row (round robin, one warm-up round dropped)`);
console.log('medians (quartiles); wall = spawn to exit, or the require call; cpu = CPU time of all the process\'s threads');
for (const build of [undefined, ...builds.map((b) => b.label)]) {
  console.log('');
  if (build === undefined) {
    console.log(`references                         wall                 cpu`);
    console.log(line(processReference, 'a process that does nothing'));
    console.log(line(requireReference, 'required in a fresh process'));
    continue;
  }
  const dir = builds.find((b) => b.label === build).dir;
  console.log(`${build}   (wall; cpu against the reference)`);
  for (const row of processRows.filter((r) => r.build === build)) console.log(line(row, `${versus(row, processReference)} vs node -e 0`));
  for (const row of requireRows.filter((r) => r.build === build)) console.log(line(row, `${kb(row.file)}  loads ${row.pulled.join(', ') || 'nothing else'}`));
  const sizes = ['cli.js', 'cli/main.js'].filter((file) => existsSync(path.join(dir, file))).map((file) => `${file} ${kb(path.join(dir, file)).trim()}`);
  console.log(`  CLI bundles: ${sizes.join(', ')}`);
  const engine = requireRows.find((r) => r.build === build && r.goal === 'engine');
  const help = processRows.find((r) => r.build === build && r.goal === 'help');
  const status = processRows.find((r) => r.build === build && r.asks);
  const statusNoKey = processRows.find((r) => r.build === build && r.expect === 2);
  console.log(`  goals (issue 22): engine first use ≤ 60 ms → ${fmt(median(engine.times)).trim()} wall, ${fmt(median(engine.cpus)).trim()} cpu; ` +
    `--help ≤ +60 ms over node -e 0 → ${signed(median(help.times) - median(processReference.times))} wall, ${signed(median(help.cpus) - median(processReference.cpus))} cpu; ` +
    `status ≤ +60 ms → ${signed(median(statusNoKey.times) - median(processReference.times))} wall, ${signed(median(statusNoKey.cpus) - median(processReference.cpus))} cpu without a key, ` +
    `${signed(median(status.times) - median(processReference.times))} wall, ${signed(median(status.cpus) - median(processReference.cpus))} cpu with one`);
}
