import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync } from 'node:fs';
import { access, open, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { createDispatcher } from '../../../src/core/net/transport';
import { downloadToPart, type DownloadOptions } from '../../../src/core/delivery/download';
import { splitSpans } from '../../../src/core/delivery/byteRanges';
import { ledgerPathOf, writeLedger } from '../../../src/core/delivery/partLedger';
import { isWanError, type WanError } from '../../../src/core/errors/wanError';
import { DashScopeClient } from '../../../src/core/service/client';
import { systemClock } from '../../../src/core/base/clock';
import { startJob } from '../../../src/core/job/job';
import { jobDeps } from '../../../src/core/job/jobDeps';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { CreateGate } from '../../../src/core/service/createGate';
import { generatedVideo, type ServedBytes } from '../../sandbox/delivery';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastPoll, fastSimulator, KEY, tempDir, writePng } from '../../support/simulator';
import { recordingClock } from '../../support/clocks';
import { frames, jobOptions } from '../../support/jobs';
import { runJob } from '../../support/jobHarness';

/** Above the default threshold (8 MiB), and not a multiple of anything: parts end mid-block. */
const SIZE = 9 * 1024 * 1024 + 777;
/** Slow enough per connection that each part takes a while, so parts in flight together show in the log. */
const SHAPED = { bytesPerSecond: 6 * 1024 * 1024, latencyMs: 5 };

async function digest(chunks: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}
const sha256 = (file: string) => digest(createReadStream(file) as AsyncIterable<Buffer>);
const exists = (file: string) => access(file).then(() => true, () => false);

/** The most answers for bytes that were going on at the same moment. */
function mostAtOnce(served: ServedBytes[]): number {
  const edges = served.flatMap((entry) => [[entry.startedAt, 1], [entry.endedAt ?? Infinity, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

describe('a large video fetched in parts over several connections', () => {
  let simulator: Simulator;
  let videoUrl: string;
  let expected: string;
  const dispatcher = createDispatcher({ environment: {} });

  before(async () => {
    simulator = await fastSimulator();
    const run = await runJob(simulator);
    assert.ok(run.result, String(run.error));
    const client = clientFor(simulator);
    videoUrl = (await client.getTask(run.result.taskId)).output.video_url as string;
    await client.close();
    expected = await digest(generatedVideo(0, SIZE));
  });
  afterEach(() => {
    simulator.faults.clear();
    simulator.delivery.shape({});
    simulator.overrideVideoBytes(undefined);
  });
  after(async () => {
    await dispatcher.close();
    await simulator.stop();
  });

  /** The answers for bytes and the requests to `video_url` from here on. */
  function watch() {
    const servedFrom = simulator.delivery.served.length;
    const linksFrom = simulator.requests.filter((request) => request.path.includes('/oss-result/')).length;
    return {
      served: () => simulator.delivery.served.slice(servedFrom),
      links: () => simulator.requests.filter((request) => request.path.includes('/oss-result/')).slice(linksFrom),
    };
  }

  async function download(options: Partial<DownloadOptions> = {}, part?: string) {
    const file = part ?? path.join(await tempDir('wk-parallel-'), 'clip.abcd1234.mp4.part');
    const retries: WanError[] = [];
    const progress: Array<[number, number | undefined]> = [];
    const result = await downloadToPart(videoUrl, file, {
      dispatcher,
      clock: recordingClock().clock,
      userAgent: 'wan-keyframes/test',
      random: () => 0.5,
      onRetry: (error) => retries.push(error),
      onProgress: (received, total) => progress.push([received, total]),
      ...options,
    });
    return { file, retries, progress, ...result };
  }

  it('byte for byte the video, its parts in flight at the same time, each resolved again from video_url', async () => {
    simulator.overrideVideoBytes(SIZE);
    simulator.delivery.shape(SHAPED);
    const log = watch();
    const { file, bytes, progress } = await download();
    assert.equal(bytes, SIZE);
    assert.equal(await sha256(file), expected);
    const served = log.served();
    assert.ok(served.every((entry) => entry.status === 206), 'every answer was a range');
    assert.ok(mostAtOnce(served) >= 2, `parts overlapped (at most ${mostAtOnce(served)} at once)`);
    assert.ok(new Set(served.map((entry) => entry.from)).size >= 2, 'the parts began at different offsets');
    assert.equal(log.links().length, served.length, 'each part went through video_url and its redirect');
    assert.deepEqual(progress.at(-1), [SIZE, SIZE], 'progress reports the whole against the total');
    assert.equal(await exists(ledgerPathOf(file)), false, 'no ledger left beside the finished file');
  });

  it('a whole job saves the large video fetched in parts, identical to what the host served', async () => {
    simulator.overrideVideoBytes(SIZE);
    simulator.delivery.shape(SHAPED);
    const log = watch();
    const run = await runJob(simulator);
    assert.ok(run.result, String(run.error));
    assert.equal(await sha256(run.result.videoPath), expected);
    assert.ok(mostAtOnce(log.served()) >= 2, 'parts overlapped');
    assert.deepEqual(readdirSync(run.dir).filter((name) => name.includes('.part')), []);
  });

  for (const answer of [416, 403] as const) {
    it(`a range refused mid-way (${answer}) → the rest over one connection from where the bytes stop being whole, identical`, async () => {
      simulator.overrideVideoBytes(SIZE);
      simulator.delivery.shape(SHAPED);
      simulator.faults.add({ route: 'download', kind: { type: 'refuse-range', answer }, skip: 2 });
      const log = watch();
      const { file, bytes } = await download();
      assert.equal(bytes, SIZE);
      assert.equal(await sha256(file), expected);
      const served = log.served();
      const last = served.at(-1);
      assert.ok(last && /^bytes=\d+-$/.test(last.range ?? ''), `one open-ended range finished it (${last?.range})`);
      assert.ok(served.filter((entry) => entry.startedAt >= (last?.startedAt ?? 0)).length === 1, 'nothing else ran beside it');
      assert.ok(served.some((entry) => /^bytes=\d+-\d+$/.test(entry.range ?? '')), 'parts had been asked for before');
    });
  }

  it('a part whose connection resets before any header is retried on its own, and the file is identical', async () => {
    simulator.overrideVideoBytes(SIZE);
    simulator.delivery.shape(SHAPED);
    simulator.faults.add({ route: 'download', kind: { type: 'refuse-range', answer: 'reset' }, skip: 2 });
    const { file, retries } = await download();
    assert.equal(await sha256(file), expected);
    assert.equal(retries.length, 1);
    assert.equal(retries[0]?.step, 'download');
  });

  it('a part cut mid-body resumes from where that part stopped, not from its start', async () => {
    simulator.overrideVideoBytes(SIZE);
    simulator.delivery.shape(SHAPED);
    simulator.faults.add({ route: 'download', kind: { type: 'reset-mid-body' }, skip: 1 });
    const log = watch();
    const { file, retries } = await download();
    assert.equal(await sha256(file), expected);
    assert.equal(retries.length, 1);
    const parts = splitSpans(SIZE, 4).map((span) => span.start);
    const resumed = log.served().filter((entry) => !parts.includes(entry.from));
    assert.equal(resumed.length, 1, 'one request from inside a part');
  });

  it('a host that ignores Range → one connection, 200, and the same bytes', async () => {
    simulator.overrideVideoBytes(SIZE);
    simulator.faults.add({ route: 'download', kind: { type: 'ignore-range' }, times: 100 });
    const log = watch();
    const { file, bytes } = await download();
    assert.equal(bytes, SIZE);
    assert.equal(await sha256(file), expected);
    assert.deepEqual(log.served().map((entry) => entry.status), [200], 'one answer, the whole file');
  });

  it('a host whose Content-Length disagrees with its range → one connection at a time, today’s checks decide', async () => {
    simulator.overrideVideoBytes(SIZE);
    simulator.faults.add({ route: 'download', kind: { type: 'wrong-length', extra: 1000 }, times: 100 });
    const log = watch();
    const { file, bytes, retries } = await download();
    assert.equal(bytes, SIZE);
    assert.equal(await sha256(file), expected);
    assert.equal(mostAtOnce(log.served()), 1, 'never two connections');
    assert.ok(log.served().every((entry) => !/^bytes=\d+-\d+$/.test(entry.range ?? '')), 'no part asked for');
    assert.ok(retries.length >= 1 && retries.every((error) => error.kind === 'network'), 'the short body was a dropped connection, resumed');
  });

  it('a host that always lies about the length and ignores Range ends in today’s error, with no file left', async () => {
    simulator.overrideVideoBytes(SIZE);
    simulator.faults.add({ route: 'download', kind: { type: 'wrong-length', extra: 1000, ignoreRange: true }, times: 100 });
    const part = path.join(await tempDir('wk-parallel-'), 'clip.abcd1234.mp4.part');
    const log = watch();
    await assert.rejects(download({ attempts: 3 }, part), (error: unknown) => isWanError(error) && error.step === 'download' && error.kind === 'network');
    assert.equal(await exists(part), false);
    assert.equal(await exists(ledgerPathOf(part)), false);
    assert.equal(mostAtOnce(log.served()), 1, 'never two connections');
  });

  it('a small video goes over one connection, as before', async () => {
    const log = watch();
    await download();
    assert.equal(log.served().length, 1);
  });

  it('a .part killed mid-way with its ledger: the parts it completed are kept, only the others fetched', async () => {
    simulator.overrideVideoBytes(SIZE);
    const dir = await tempDir('wk-parallel-');
    const part = path.join(dir, 'clip.abcd1234.mp4.part');
    const parts = splitSpans(SIZE, 4);
    const handle = await open(part, 'w');
    for (const index of [0, 2]) {
      const span = parts[index] as { start: number; end: number };
      let at = span.start;
      for await (const chunk of generatedVideo(span.start, span.end)) {
        await handle.write(chunk, 0, chunk.length, at);
        at += chunk.length;
      }
    }
    await handle.close();
    await writeLedger(part, { total: SIZE, parts, done: [0, 2] });
    const log = watch();
    const { file } = await download({}, part);
    assert.equal(await sha256(file), expected);
    assert.deepEqual(log.served().map((entry) => entry.from).sort((a, b) => a - b), [parts[1]?.start, parts[3]?.start]);
  });

  it('a .part with a ledger it cannot read is started over, never resumed as if contiguous', async () => {
    simulator.overrideVideoBytes(SIZE);
    const part = path.join(await tempDir('wk-parallel-'), 'clip.abcd1234.mp4.part');
    await writeFile(part, Buffer.alloc(SIZE, 0));
    await writeFile(ledgerPathOf(part), '{"format":"wan-keyframes/parts@1","tot');
    const log = watch();
    const { file } = await download({}, part);
    assert.equal(await sha256(file), expected);
    assert.ok(log.served().every((entry) => entry.from !== SIZE), 'not resumed from the end of the holey file');
  });
});

describe('parallel download memory', () => {
  const BIG = 200 * 1024 * 1024;
  const LIMIT = 64 * 1024 * 1024;
  let child: ChildProcess;
  let baseUrl: string;

  before(async () => {
    // The simulator runs in its own process (this build's), so only the downloader's memory is measured.
    child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'sandbox', 'main.js'), '--pending-ms', '10', '--running-ms', '10', '--fps', '2', '--video-bytes', String(BIG)], { stdio: ['ignore', 'pipe', 'inherit'] });
    baseUrl = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /SIMULATOR_BASE_URL=(\S+)/.exec(text);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', () => reject(new Error('simulator exited')));
    });
  });
  after(() => {
    child.kill('SIGTERM');
  });

  it(`fetches ${BIG / 1048576} MB in parts with RSS growth under ${LIMIT / 1048576} MB`, async () => {
    const dir = await tempDir('wk-pmem-');
    const first = await writePng(dir, 'a.png', { width: 320, height: 240 });
    const last = await writePng(dir, 'b.png', { width: 320, height: 240 });
    const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', baseUrl));
    assert.ok(plan);
    const dispatcher = createDispatcher({ environment: {} });
    const client = new DashScopeClient({ baseUrl, apiKey: KEY, userAgent: 'wan-keyframes/test', dispatcher });
    global.gc?.();
    let baseline = 0;
    let peak = 0;
    let sampling = false;
    let inParts = false;
    const sample = () => {
      if (!sampling) return;
      peak = Math.max(peak, process.memoryUsage.rss());
      inParts ||= readdirSync(dir).some((name) => name.endsWith('.part.ranges'));
      setTimeout(sample, 20);
    };
    const result = await startJob(plan, jobDeps('test', {
      client,
      dispatcher,
      clock: systemClock,
      options: jobOptions('base64'),
      gate: new CreateGate(),
      pollDelayMs: fastPoll,
      onEvent: (event) => {
        if (event.type === 'phase' && event.phase === 'downloading') {
          baseline = process.memoryUsage.rss();
          peak = baseline;
          sampling = true;
          sample();
        }
        if (event.type === 'phase' && event.phase === 'saving') sampling = false;
      },
    }));
    sampling = false;
    await dispatcher.close();
    assert.equal((await stat(result.videoPath)).size, BIG);
    assert.equal(await sha256(result.videoPath), await digest(generatedVideo(0, BIG)), 'byte for byte');
    assert.ok(inParts, 'the download went in parts (its ledger was there)');
    const growth = peak - baseline;
    console.log(`parallel download memory: ${BIG / 1048576} MB in parts, RSS growth ${(growth / 1048576).toFixed(1)} MB (baseline ${(baseline / 1048576).toFixed(1)} MB, peak ${(peak / 1048576).toFixed(1)} MB)`);
    assert.ok(growth < LIMIT, `RSS grew ${(growth / 1048576).toFixed(1)} MB`);
  });
});
