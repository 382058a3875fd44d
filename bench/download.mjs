// How fast the video download is against curl, in the same run, on the same origin: a local node:http origin
// (the simulator's CDN answer, test/sandbox/delivery.ts serveVideo, in its own process) serving a 50 MiB file,
// (a) on loopback at full speed, (b) shaped per connection like a slow, distant link (2 MiB/s each, 80 ms added
// before each answer and twice that on a new connection). curl (`curl -s -o`, one connection) is timed from spawn to
// exit. Ours is downloadToPart, built from src/ with esbuild into a temporary folder and run in one long-lived
// process (as in the extension host), timed around the download alone: over one connection (what it did before
// parts) and as shipped (4 parts). The first download in that process (after one small request, as a job's polls
// come first), which pays for compiling the download's code, is shown apart and left out of the medians. Runs are interleaved; every file is checked byte for byte against the source.
// Prints medians, the ratios to curl (higher is faster) and memory. `node bench/download.mjs [runs=7] [shapedRuns=3]`.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const MiB = 1024 * 1024;
const SIZE = 50 * MiB;
const SHAPED = { bytesPerSecond: 2 * MiB, latencyMs: 80 };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode] = process.argv.slice(2);

/** The origin, in its own process so it never shares a core's event loop with the client measured. */
async function origin(built, file, shaping) {
  const http = await import('node:http');
  const { createReadStream: read } = await import('node:fs');
  const { serveVideo, Shaper } = (await import(path.join(built, 'delivery.js'))).default;
  const shaper = new Shaper(() => shaping);
  const server = http.createServer((req, res) => {
    serveVideo(req, res, { total: SIZE, stream: async (start) => read(file, { start, highWaterMark: 256 * 1024 }) }, shaper).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1', () => console.log(`ORIGIN=http://127.0.0.1:${server.address().port}/video.mp4`));
}

/**
 * The client: one process for a whole mode, as the extension host is one process for its jobs. Each line on stdin
 * asks for a download (`{ url, target, parts }`); each answer is a line of JSON with the time of downloadToPart alone
 * (a fresh dispatcher each time: the video host's connections are new ones) and the process's peak RSS so far.
 */
async function ours(built) {
  const { downloadToPart, createDispatcher, systemClock } = (await import(path.join(built, 'client.js'))).default;
  let rssBeforeMiB;
  for await (const line of createInterface({ input: process.stdin })) {
    const { url, target, parts } = JSON.parse(line);
    if (rssBeforeMiB === undefined) {
      // A job's client has made requests (create, polls) by the time it downloads: undici and its parser are ready.
      const api = createDispatcher({ environment: {} });
      await (await api.request({ origin: new URL(url).origin, path: new URL(url).pathname, method: 'GET', headers: { range: 'bytes=0-1023' } })).body.dump();
      await api.close();
      rssBeforeMiB = process.memoryUsage.rss() / MiB;
    }
    const dispatcher = createDispatcher({ environment: {} });
    const before = process.memoryUsage.rss();
    let peak = before;
    let sampling = true;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage.rss());
      if (sampling) setTimeout(sample, 10);
    };
    sample();
    const started = process.hrtime.bigint();
    await downloadToPart(url, target, { dispatcher, clock: systemClock, userAgent: 'wan-keyframes/bench', parallel: { parts } });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    sampling = false;
    await dispatcher.close();
    console.log(JSON.stringify({ ms, growthMiB: (peak - before) / MiB, peakRssMiB: process.resourceUsage().maxRSS / 1024, rssBeforeMiB }));
  }
}

async function main(runs, shapedRuns) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'wk-bench-dl-'));
  try {
    const built = path.join(scratch, 'built');
    const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' };
    const entry = ['delivery/download', 'net/transport', 'base/clock'].map((file) => `export * from './src/core/${file}';`).join('\n');
    await esbuild.build({ ...common, stdin: { contents: entry, resolveDir: root, loader: 'ts' }, outfile: path.join(built, 'client.js') });
    await esbuild.build({ ...common, entryPoints: [path.join(root, 'test', 'sandbox', 'delivery.ts')], outfile: path.join(built, 'delivery.js') });
    const source = path.join(scratch, 'video.mp4');
    const bytes = Buffer.alloc(SIZE);
    for (let i = 0; i < SIZE; i += 4) bytes.writeUInt32BE((i * 2654435761) >>> 0, i);
    bytes.write('\0\0\0\x20ftypisom', 0, 'latin1');
    writeFileSync(source, bytes);
    const expected = createHash('sha256').update(bytes).digest('hex');
    console.log(`download of a ${SIZE / MiB} MiB file from a local origin; medians; ratio = curl's time / this one's (higher is faster)`);
    console.log(`curl ${execFileSync('curl', ['--version'], { encoding: 'utf8' }).split(' ')[1]}, node ${process.version}`);
    for (const [name, shaping, count] of [
      ['loopback, full speed', {}, runs],
      [`shaped: ${SHAPED.bytesPerSecond / MiB} MiB/s per connection, ${SHAPED.latencyMs} ms per round trip`, SHAPED, shapedRuns],
    ]) {
      if (count < 1) continue;
      const server = spawn(process.execPath, [fileURLToPath(import.meta.url), '--origin', built, source, JSON.stringify(shaping)], { stdio: ['ignore', 'pipe', 'inherit'] });
      try {
        const url = await new Promise((resolve, reject) => {
          server.stdout.on('data', (chunk) => {
            const match = /ORIGIN=(\S+)/.exec(chunk.toString());
            if (match) resolve(match[1]);
          });
          server.once('exit', () => reject(new Error('origin exited')));
        });
        const ours = new Client(built);
        const rows = { curl: [], single: [], parallel: [] };
        // One untimed fetch first, so the origin (its code, the source file's pages) is warm for everyone measured.
        await curl(url, path.join(scratch, 'warm.mp4'), expected);
        // The first download in a process pays for compiling its code; shown, then left out of the medians.
        const cold = await ours.download(url, path.join(scratch, 'cold.mp4.part'), 4, expected);
        for (let run = 0; run < count; run++) {
          rows.curl.push(await curl(url, path.join(scratch, 'curl.mp4'), expected));
          rows.single.push(await ours.download(url, path.join(scratch, 'single.mp4.part'), 1, expected));
          rows.parallel.push(await ours.download(url, path.join(scratch, 'parallel.mp4.part'), 4, expected));
        }
        ours.close();
        const reference = median(rows.curl.map((row) => row.ms));
        console.log(`\n${name} (${count} runs each, interleaved)`);
        const line = (label, ms, rss) => `${label.padEnd(40)} ${ms.toFixed(0).padStart(7)} ms  ${(SIZE / MiB / (ms / 1000)).toFixed(1).padStart(7)} MiB/s  ×${(reference / ms).toFixed(2)} curl  ${rss}`;
        console.log(line('curl -s -o (one connection)', reference, `peak RSS ${Math.max(...rows.curl.map((row) => row.peakRssMiB)).toFixed(0)} MiB`));
        const growth = (key) => `RSS growth ≤ ${Math.max(...rows[key].map((row) => row.growthMiB)).toFixed(1)} MiB during a download`;
        console.log(line('downloadToPart, 1 connection', median(rows.single.map((row) => row.ms)), growth('single')));
        console.log(line('downloadToPart, as shipped (4 parts)', median(rows.parallel.map((row) => row.ms)), growth('parallel')));
        const last = rows.parallel.at(-1);
        console.log(`${''.padEnd(40)} the client process: peak RSS ${last.peakRssMiB.toFixed(0)} MiB over every run, ${last.rssBeforeMiB.toFixed(0)} MiB once loaded`);
        console.log(line('  its first download in the process (cold)', cold.ms, `RSS growth ${cold.growthMiB.toFixed(1)} MiB`));
      } finally {
        server.kill();
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function sha256(file) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

async function checked(file, expected, who) {
  if ((await sha256(file)) !== expected) throw new Error(`${who}: the file is not the source, byte for byte`);
  rmSync(file, { force: true });
}

/** curl's wall time and peak RSS (GNU time's %M), from spawn to exit. */
async function curl(url, target, expected) {
  const started = process.hrtime.bigint();
  const stderr = await run('/usr/bin/time', ['-f', 'RSS_KB=%M', 'curl', '-s', '-o', target, url]);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await checked(target, expected, 'curl');
  return { ms, peakRssMiB: Number(/RSS_KB=(\d+)/.exec(stderr)?.[1]) / 1024 };
}

/** The client process, asked one download at a time. */
class Client {
  constructor(built) {
    this.child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--ours', built], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  async download(url, target, parts, expected) {
    this.child.stdin.write(`${JSON.stringify({ url, target, parts })}\n`);
    const { value, done } = await this.lines.next();
    if (done) throw new Error('the client process exited');
    await checked(target, expected, `downloadToPart (${parts})`);
    return JSON.parse(value);
  }

  close() {
    this.child.stdin.end();
  }
}

function run(command, args, collect = 'stderr') {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', collect === 'stdout' ? 'pipe' : 'inherit', collect === 'stderr' ? 'pipe' : 'inherit'] });
    let text = '';
    child[collect].on('data', (chunk) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`${command} exited ${code}: ${text.slice(-500)}`))));
  });
}

if (mode === '--origin') await origin(process.argv[3], process.argv[4], JSON.parse(process.argv[5]));
else if (mode === '--ours') await ours(process.argv[3]);
else await main(Number(process.argv[2] ?? 7), Number(process.argv[3] ?? 3));
