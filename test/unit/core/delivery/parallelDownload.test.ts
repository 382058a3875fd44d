import * as assert from 'node:assert/strict';
import { access, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { splitSpans } from '../../../../src/core/delivery/byteRanges';
import { downloadParts, PART_ATTEMPTS, type PartsOptions } from '../../../../src/core/delivery/parallelDownload';
import { ledgerPathOf, readLedger, writeLedger } from '../../../../src/core/delivery/partLedger';
import { requestVideo } from '../../../../src/core/delivery/videoRequest';
import { isWanError, type WanError } from '../../../../src/core/errors/wanError';
import { virtualClock } from '../../../support/clocks';
import { tempDir } from '../../../support/files';

const HOST = 'https://cdn.example.com';
const URL_ = `${HOST}/task/result.mp4?Signature=s`;
const PATH = '/task/result.mp4?Signature=s';
const VIDEO = (() => {
  const bytes = Buffer.alloc(12_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 8)) % 256;
  return bytes;
})();
const TOTAL = VIDEO.length;
const PARTS = splitSpans(TOTAL, 3);

function setUp() {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const time = virtualClock();
  const retries: WanError[] = [];
  const progress: number[] = [];
  const options: PartsOptions = { dispatcher: agent, clock: time.clock, userAgent: 'wk-test', random: () => 0.5, onRetry: (error) => retries.push(error), onProgress: (received) => progress.push(received) };
  const host = agent.get(HOST);
  /** The bytes `start`..`end` (exclusive) as a 206 to `bytes=start-(end-1)`. */
  const part = (start: number, end: number, body: Buffer = VIDEO.subarray(start, end)) =>
    host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${start}-${end - 1}` } }).reply(206, body, { headers: { 'content-range': `bytes ${start}-${end - 1}/${TOTAL}`, 'content-length': String(end - start) } });
  const ranges = () => agent.getCallHistory()?.calls().map((call) => (call.headers as Record<string, string>).range) ?? [];
  return { agent, host, time, retries, progress, options, part, ranges };
}

const partIn = async () => path.join(await tempDir(), 'result.task-1.mp4.part');
const exists = (file: string) => access(file).then(() => true, () => false);
const fresh = () => ({ total: TOTAL, parts: PARTS.map((span) => ({ ...span })), done: [] as number[] });

describe('a download in parts', () => {
  it('reads the probe as the first part, fetches the others, and writes each at its offset', async () => {
    const { host, options, part, progress, agent } = setUp();
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=0-' } }).reply(206, VIDEO, { headers: { 'content-range': `bytes 0-${TOTAL - 1}/${TOTAL}`, 'content-length': String(TOTAL) } });
    for (const span of PARTS.slice(1)) part(span.start, span.end);
    const file = await partIn();
    const probe = await requestVideo(URL_, 'bytes=0-', options);
    assert.deepEqual(await downloadParts(URL_, file, fresh(), options, probe), { complete: true });
    assert.ok((await readFile(file)).equals(VIDEO));
    assert.equal(progress.at(-1), TOTAL);
    assert.equal(await exists(ledgerPathOf(file)), false, 'the ledger goes once every part is in');
    agent.assertNoPendingInterceptors();
  });

  it('after a kill, fetches only the parts its ledger does not mark done', async () => {
    const { options, part, ranges } = setUp();
    const file = await partIn();
    const holey = Buffer.alloc(TOTAL);
    VIDEO.copy(holey, PARTS[1]?.start, PARTS[1]?.start, PARTS[1]?.end);
    await writeFile(file, holey);
    await writeLedger(file, { ...fresh(), done: [1] });
    part(PARTS[0]?.start ?? 0, PARTS[0]?.end ?? 0);
    part(PARTS[2]?.start ?? 0, PARTS[2]?.end ?? 0);
    assert.deepEqual(await downloadParts(URL_, file, { ...fresh(), done: [1] }, options), { complete: true });
    assert.ok((await readFile(file)).equals(VIDEO));
    assert.deepEqual(ranges().sort(), [`bytes=0-${(PARTS[0]?.end ?? 0) - 1}`, `bytes=${PARTS[2]?.start}-${TOTAL - 1}`]);
  });

  it('records each part in the ledger as it completes, so a stop mid-way leaves them kept', async () => {
    const { host, options, part } = setUp();
    part(PARTS[0]?.start ?? 0, PARTS[0]?.end ?? 0);
    part(PARTS[1]?.start ?? 0, PARTS[1]?.end ?? 0);
    host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${PARTS[2]?.start}-${TOTAL - 1}` } }).reply(206, VIDEO.subarray(PARTS[2]?.start)).delay(1000);
    const file = await partIn();
    const controller = new AbortController();
    const whole = (PARTS[1]?.end ?? 0) - (PARTS[0]?.start ?? 0);
    const stopWhenTwoAreIn = (received: number) => received >= whole && controller.abort();
    await assert.rejects(downloadParts(URL_, file, fresh(), { ...options, signal: controller.signal, onProgress: stopWhenTwoAreIn }), (error: unknown) => isWanError(error) && error.kind === 'aborted');
    const ledger = await readLedger(file);
    assert.ok(typeof ledger === 'object', 'the ledger stays beside the part file it describes');
    assert.deepEqual([...ledger.done].sort(), [0, 1]);
    const onDisk = await readFile(file);
    for (const index of ledger.done) {
      const span = PARTS[index] as { start: number; end: number };
      assert.ok(onDisk.subarray(span.start, span.end).equals(VIDEO.subarray(span.start, span.end)), `part ${index + 1} is on disk`);
    }
  });

  it('a part answered 200 (the host ignores Range): every part stops, the file is cut to what is whole from its start', async () => {
    const { host, options, part } = setUp();
    part(PARTS[0]?.start ?? 0, PARTS[0]?.end ?? 0);
    host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${PARTS[1]?.start}-${(PARTS[1]?.end ?? 0) - 1}` } }).reply(200, VIDEO);
    part(PARTS[2]?.start ?? 0, PARTS[2]?.end ?? 0);
    const file = await partIn();
    const outcome = await downloadParts(URL_, file, fresh(), options);
    assert.equal(outcome.complete, false);
    assert.ok(!outcome.complete && /HTTP 200 to a Range/.test(outcome.reason));
    const prefix = outcome.complete ? TOTAL : outcome.prefix;
    assert.ok(prefix <= (PARTS[1]?.start ?? 0), `cut at ${prefix}, never past the part that failed`);
    assert.ok((await readFile(file)).equals(VIDEO.subarray(0, prefix)), 'what is left is the video’s beginning, nothing else');
    assert.equal(await exists(ledgerPathOf(file)), false, 'contiguous again: no ledger');
  });

  it('a part from another total, or from the wrong offset, is the same: a fall-back, never a wrong byte', async () => {
    for (const header of [`bytes ${PARTS[2]?.start}-${TOTAL - 1}/${TOTAL + 5}`, `bytes 0-${TOTAL - 1}/${TOTAL}`]) {
      const { host, options, part } = setUp();
      part(PARTS[0]?.start ?? 0, PARTS[0]?.end ?? 0);
      part(PARTS[1]?.start ?? 0, PARTS[1]?.end ?? 0);
      host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${PARTS[2]?.start}-${TOTAL - 1}` } }).reply(206, VIDEO.subarray(0, 4000), { headers: { 'content-range': header } });
      const file = await partIn();
      const outcome = await downloadParts(URL_, file, fresh(), options);
      assert.equal(outcome.complete, false, header);
      const prefix = outcome.complete ? TOTAL : outcome.prefix;
      assert.ok((await readFile(file)).equals(VIDEO.subarray(0, prefix)));
    }
  });

  it('a part cut short resumes on its own, from the byte where it stopped', async () => {
    const { host, options, part, ranges, retries, time } = setUp();
    const [first, second, third] = PARTS as [{ start: number; end: number }, { start: number; end: number }, { start: number; end: number }];
    part(first.start, first.end);
    host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${second.start}-${second.end - 1}` } }).reply(206, VIDEO.subarray(second.start, second.start + 1500), { headers: { 'content-range': `bytes ${second.start}-${second.end - 1}/${TOTAL}` } });
    part(second.start + 1500, second.end);
    part(third.start, third.end);
    const file = await partIn();
    assert.deepEqual(await downloadParts(URL_, file, fresh(), options), { complete: true });
    assert.ok((await readFile(file)).equals(VIDEO));
    assert.ok(ranges().includes(`bytes=${second.start + 1500}-${second.end - 1}`));
    assert.equal(retries.length, 1);
    assert.match(retries[0]?.serviceMessage ?? '', /part 2 stopped at byte/);
    assert.equal(time.sleeps.length, 1, 'after a backoff');
  });

  it(`a part whose connection keeps dropping falls back after ${PART_ATTEMPTS} tries`, async () => {
    const { host, options, part, retries } = setUp();
    part(PARTS[0]?.start ?? 0, PARTS[0]?.end ?? 0);
    part(PARTS[1]?.start ?? 0, PARTS[1]?.end ?? 0);
    host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${PARTS[2]?.start}-${TOTAL - 1}` } }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).times(PART_ATTEMPTS);
    const file = await partIn();
    const outcome = await downloadParts(URL_, file, fresh(), options);
    assert.ok(!outcome.complete && /part 3/.test(outcome.reason));
    assert.equal(retries.length, PART_ATTEMPTS - 1);
    const prefix = outcome.complete ? TOTAL : outcome.prefix;
    assert.ok(prefix <= (PARTS[2]?.start ?? 0));
    assert.ok((await readFile(file)).equals(VIDEO.subarray(0, prefix)));
  });

  it('a cancellation stops every part and says so', async () => {
    const { options, part } = setUp();
    for (const span of PARTS) part(span.start, span.end);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(downloadParts(URL_, await partIn(), fresh(), { ...options, signal: controller.signal }), (error: unknown) => isWanError(error) && error.kind === 'aborted');
  });
});
