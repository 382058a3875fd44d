// What VS Code's start-up pays for this extension, and what the first command after it waits for: requiring the
// entry bundle (dist/extension.js) and the engine (dist/engine.js), each in a fresh Node process, against a process
// that requires an empty module — all measured here, in the same run, so the ratios compare like with like.
// Run after a build: `npm run build:production && node bench/startup.mjs [runs]`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 15);
const scratch = mkdtempSync(path.join(tmpdir(), 'wk-bench-'));
const empty = path.join(scratch, 'empty.js');
writeFileSync(empty, 'module.exports = {};\n');

// A stand-in for the `vscode` module, so the bundles load outside VS Code (nothing in them runs at require time).
const probe = `
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'vscode') return new Proxy({}, { get: () => new Proxy(function () {}, { get: () => () => undefined }) });
  return load.call(this, request, ...rest);
};
const started = process.hrtime.bigint();
require(process.argv[1]);
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(file) {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(Number(execFileSync(process.execPath, ['-e', probe, file], { encoding: 'utf8' })));
  return median(times);
}

const reference = measure(empty);
const rows = [
  ['empty module (reference)', empty],
  ['dist/extension.js (start-up)', path.resolve('dist/extension.js')],
  ['dist/engine.js (first use)', path.resolve('dist/engine.js')],
  ['dist/http.js (first request)', path.resolve('dist/http.js')],
];
console.log(`require time, median of ${runs} fresh processes each`);
for (const [name, file] of rows) {
  const ms = file === empty ? reference : measure(file);
  console.log(`${name.padEnd(32)} ${ms.toFixed(1).padStart(7)} ms   ×${(ms / reference).toFixed(1)} the reference`);
}
