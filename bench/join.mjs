// Joining a storyboard's takes: six 15 s 1080P H.264/AAC segments (≈ 200 MB, made here by ffmpeg) joined by
// src/core/media/join.ts, against `cp` of the same bytes in the same run. Goals (issue 21): the join streams — its
// peak memory stays within 64 MB over the idle process whatever the film's size — and takes at most twice as long
// as cp. Each join runs in a fresh Node process that reports its idle RSS and its peak (getrusage maxRSS).
// Run: `node bench/join.mjs [runs]` (the code is bundled from src/ here, with esbuild; nothing else needs building).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const runs = Number(process.argv[2] ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'wk-bench-join-'));
const MB = 1024 * 1024;

// The join as the engine would ship it: one bundle, mediabunny inside (its Node build, through the package exports).
const bundle = path.join(scratch, 'join.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'src/core/media/join.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: bundle, logLevel: 'warning' });

function makeSegment(file, index) {
  // Noise keeps x264 at the bitrate asked for (a test card alone compresses to almost nothing); no B-frames, like the service's.
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t`,
    '-f', 'lavfi', '-i', `sine=frequency=${330 + 55 * index}:sample_rate=48000`,
    '-t', '15', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60',
    '-b:v', '17M', '-maxrate', '17M', '-bufsize', '34M', '-c:a', 'aac', '-b:a', '128k', '-shortest', '-movflags', '+faststart', file,
  ]);
  return file;
}

console.log('making six 15 s 1080P segments with ffmpeg…');
const segments = Array.from({ length: 6 }, (_, index) => makeSegment(path.join(scratch, `segment${index + 1}.mp4`), index));
const totalBytes = segments.reduce((sum, file) => sum + statSync(file).size, 0);
console.log(`segments: ${(totalBytes / MB).toFixed(1)} MB in all`);

/** One join in a fresh process: its idle RSS (after loading the code), its peak RSS and the join's wall time. */
const child = `
const { joinSegments } = require(${JSON.stringify(bundle)});
const [target, ...files] = JSON.parse(process.argv[1]);
global.gc?.();
const idle = process.memoryUsage().rss;
const cpu = process.cpuUsage();
const started = process.hrtime.bigint();
joinSegments(files, target).then((result) => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.kind !== 'joined') throw new Error(JSON.stringify(result));
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ idle, peak: process.resourceUsage().maxRSS * 1024, ms, cpuMs: (used.user + used.system) / 1000, seconds: result.seconds, cuts: result.cuts.map((cut) => cut.frame) }));
});
`;

function join(files, target) {
  const out = spawnSync(process.execPath, ['--expose-gc', '-e', child, JSON.stringify([target, ...files])], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  rmSync(target);
  return JSON.parse(out.stdout);
}

function copy(files) {
  const dir = path.join(scratch, 'copied');
  mkdirSync(dir, { recursive: true });
  const started = process.hrtime.bigint();
  execFileSync('cp', [...files, dir]);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  rmSync(dir, { recursive: true });
  return ms;
}

/** The same bytes copied through a Node process (read and write streams, 1 MiB chunks): a user-space copy's floor. */
const streamCopy = `
const fs = require('node:fs');
const { pipeline } = require('node:stream/promises');
const [target, ...files] = JSON.parse(process.argv[1]);
const started = process.hrtime.bigint();
(async () => {
  for (const file of files) await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), fs.createWriteStream(target));
  process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
})();
`;

function nodeCopy(files) {
  const target = path.join(scratch, 'copy.bin');
  const out = spawnSync(process.execPath, ['-e', streamCopy, JSON.stringify([target, ...files])], { encoding: 'utf8' });
  rmSync(target, { force: true });
  return Number(out.stdout);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Warm the page cache for both, then alternate so neither always runs on a colder machine.
copy(segments);
const target = path.join(scratch, 'film.mp4');
const joins = [];
const copies = [];
const nodeCopies = [];
for (let i = 0; i < runs; i++) {
  copies.push(copy(segments));
  nodeCopies.push(nodeCopy(segments));
  joins.push(join(segments, target));
}
const twoSegments = join(segments.slice(0, 2), target);

const joinMs = median(joins.map((run) => run.ms));
const cpMs = median(copies);
const over = (run) => (run.peak - run.idle) / MB;
const overSix = median(joins.map(over));
console.log(`film: ${joins[0].seconds.toFixed(3)} s, cuts: ${joins[0].cuts.join(', ')}`);
console.log(`median of ${runs} runs each`);
console.log(`cp of the same ${(totalBytes / MB).toFixed(1)} MB (reference)   ${cpMs.toFixed(0).padStart(6)} ms`);
const nodeMs = median(nodeCopies);
console.log(`the same bytes through Node streams          ${nodeMs.toFixed(0).padStart(6)} ms   ×${(nodeMs / cpMs).toFixed(2)} cp`);
console.log(`join of six segments                       ${joinMs.toFixed(0).padStart(6)} ms   ×${(joinMs / cpMs).toFixed(2)} cp (goal ≤ ×2), ×${(joinMs / nodeMs).toFixed(2)} the Node stream copy`);
// CPU time (user + system, every thread of the process) is what the join costs on a busy machine, where wall time
// also counts waiting for a core: the load average says how busy this one was.
console.log(`join's CPU time (user + system)             ${median(joins.map((run) => run.cpuMs)).toFixed(0).padStart(6)} ms   (load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores)`);
console.log(`peak RSS over idle, six segments (${(totalBytes / MB).toFixed(0)} MB)      ${overSix.toFixed(1).padStart(6)} MB   ×${(overSix / 64).toFixed(2)} the 64 MB goal (idle ${(median(joins.map((run) => run.idle)) / MB).toFixed(0)} MB)`);
console.log(`peak RSS over idle, two segments              ${over(twoSegments).toFixed(1).padStart(6)} MB   (six/two: ×${(overSix / over(twoSegments)).toFixed(2)} for ×3 the bytes)`);
rmSync(scratch, { recursive: true, force: true });
