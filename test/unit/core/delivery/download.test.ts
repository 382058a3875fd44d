import * as assert from 'node:assert/strict';
import { access, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { downloadToPart, type DownloadOptions } from '../../../../src/core/delivery/download';
import { isWanError, type WanError } from '../../../../src/core/errors/wanError';
import { ledgerPathOf, writeLedger } from '../../../../src/core/delivery/partLedger';
import { virtualClock } from '../../../support/clocks';
import { tempDir } from '../../../support/files';

const HOST = 'https://cdn.example.com';
const VIDEO_URL = `${HOST}/task/result.mp4?Expires=1&Signature=s`;
const PATH = '/task/result.mp4?Expires=1&Signature=s';

/** 12 000 bytes that start like an mp4 and are told apart by position. */
const VIDEO = (() => {
  const bytes = Buffer.alloc(12_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = i % 251;
  bytes.writeUInt32BE(24, 0);
  bytes.write('ftypisom', 4, 'latin1');
  return bytes;
})();

function setUp() {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const time = virtualClock();
  const retries: WanError[] = [];
  const options: DownloadOptions = { dispatcher: agent, clock: time.clock, userAgent: 'wk-test', random: () => 0.5, onRetry: (error) => retries.push(error) };
  return { host: agent.get(HOST), agent, time, retries, options };
}

const exists = (file: string) => access(file).then(() => true, () => false);
const partIn = async () => path.join(await tempDir(), 'result.task-1.mp4.part');

describe('downloading a video', () => {
  it('streams the whole video into the part file and reports progress against its length', async () => {
    const { host, options } = setUp();
    host.intercept({ path: PATH, method: 'GET' }).reply(200, VIDEO, { headers: { 'content-type': 'video/mp4', 'content-length': String(VIDEO.length) } });
    const part = await partIn();
    const progress: Array<number | undefined> = [];
    const { bytes } = await downloadToPart(VIDEO_URL, part, { ...options, onProgress: (received, total) => progress.push(received, total) });
    assert.equal(bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    assert.equal(progress.at(-2), VIDEO.length);
    assert.equal(progress.at(-1), VIDEO.length);
  });

  it('resumes a part file left behind with a Range request for the rest', async () => {
    const { host, agent, options } = setUp();
    const part = await partIn();
    await writeFile(part, VIDEO.subarray(0, 5000));
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=5000-' } }).reply(206, VIDEO.subarray(5000), { headers: { 'content-range': `bytes 5000-11999/${VIDEO.length}` } });
    assert.equal((await downloadToPart(VIDEO_URL, part, options)).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    agent.assertNoPendingInterceptors();
  });

  it('retries a body cut short, resuming where it stopped, after a backoff', async () => {
    const { host, time, retries, options } = setUp();
    host.intercept({ path: PATH, method: 'GET' }).reply(200, VIDEO.subarray(0, 7000), { headers: { 'content-length': String(VIDEO.length) } });
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=7000-' } }).reply(206, VIDEO.subarray(7000), { headers: { 'content-range': `bytes 7000-11999/${VIDEO.length}` } });
    const part = await partIn();
    assert.equal((await downloadToPart(VIDEO_URL, part, options)).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    assert.equal(time.sleeps.length, 1);
    assert.match(retries[0]?.serviceMessage ?? '', /stopped at 7000 of 12000/);
  });

  it('retries a dropped connection, said of the video host', async () => {
    const { host, retries, options } = setUp();
    host.intercept({ path: PATH, method: 'GET' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    host.intercept({ path: PATH, method: 'GET' }).reply(200, VIDEO, { headers: { 'content-length': String(VIDEO.length) } });
    assert.equal((await downloadToPart(VIDEO_URL, await partIn(), options)).bytes, VIDEO.length);
    assert.equal(retries.length, 1);
    assert.equal(retries[0]?.step, 'download');
    assert.match(retries[0]?.summary.en ?? '', /video host/);
  });

  it('gives up at once on an expired link and removes the part file', async () => {
    const { host, time, options } = setUp();
    const part = await partIn();
    await writeFile(part, VIDEO.subarray(0, 100));
    host.intercept({ path: PATH, method: 'GET' }).reply(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', { headers: { 'content-type': 'application/xml' } });
    await assert.rejects(downloadToPart(VIDEO_URL, part, options), (error: unknown) => isWanError(error) && error.kind === 'url-expired' && error.step === 'download');
    assert.equal(await exists(part), false);
    assert.equal(time.sleeps.length, 0);
  });

  it('refuses an error page served with 200 without retrying it in place', async () => {
    const { host, time, options } = setUp();
    const part = await partIn();
    host.intercept({ path: PATH, method: 'GET' }).reply(200, '<html><title>Access Denied</title></html>', { headers: { 'content-type': 'text/html' } });
    await assert.rejects(downloadToPart(VIDEO_URL, part, options), (error: unknown) => isWanError(error) && error.kind === 'not-a-video' && /Access Denied/.test(error.serviceMessage ?? ''));
    assert.equal(await exists(part), false);
    assert.equal(time.sleeps.length, 0);
  });

  it('refuses a finished file that is not an mp4', async () => {
    const { host, options } = setUp();
    const notVideo = Buffer.alloc(9000, 0x41);
    host.intercept({ path: PATH, method: 'GET' }).reply(200, notVideo, { headers: { 'content-type': 'application/octet-stream', 'content-length': String(notVideo.length) } });
    const part = await partIn();
    await assert.rejects(downloadToPart(VIDEO_URL, part, options), (error: unknown) => isWanError(error) && error.kind === 'not-a-video');
    assert.equal(await exists(part), false);
  });

  it('takes a 416 for a part file that already holds the whole video as done', async () => {
    const { host, options } = setUp();
    const part = await partIn();
    await writeFile(part, VIDEO);
    host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${VIDEO.length}-` } }).reply(416, '', { headers: { 'content-range': `bytes */${VIDEO.length}` } });
    assert.equal((await downloadToPart(VIDEO_URL, part, options)).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
  });
});

describe('choosing parts or one connection', () => {
  /** Three parts from 1000 bytes on, so the 12 000-byte video is "large". */
  const inParts = { parts: 3, minBytes: 1000 };
  const whole = { headers: { 'content-range': `bytes 0-${VIDEO.length - 1}/${VIDEO.length}`, 'content-length': String(VIDEO.length), 'content-type': 'video/mp4' } };
  const span = (start: number, end: number) => ({ headers: { 'content-range': `bytes ${start}-${end - 1}/${VIDEO.length}`, 'content-length': String(end - start) } });
  const rangesOf = (agent: MockAgent) => agent.getCallHistory()?.calls().map((call) => (call.headers as Record<string, string>).range ?? 'whole') ?? [];

  it('from nothing, asks for a range; a 206 that says a large size: the rest in parts, byte for byte', async () => {
    const { host, agent, options } = setUp();
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=0-' } }).reply(206, VIDEO, whole);
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=4000-7999' } }).reply(206, VIDEO.subarray(4000, 8000), span(4000, 8000));
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=8000-11999' } }).reply(206, VIDEO.subarray(8000), span(8000, 12_000));
    const part = await partIn();
    const progress: number[] = [];
    assert.equal((await downloadToPart(VIDEO_URL, part, { ...options, parallel: inParts, onProgress: (received) => progress.push(received) })).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    assert.equal(progress.at(-1), VIDEO.length);
    assert.equal(await exists(ledgerPathOf(part)), false);
    agent.assertNoPendingInterceptors();
  });

  it('a small video, even from a host that does ranges: the probe is the download, one request', async () => {
    const { host, agent, options } = setUp();
    host.intercept({ path: PATH, method: 'GET' }).reply(206, VIDEO, whole);
    assert.equal((await downloadToPart(VIDEO_URL, await partIn(), { ...options, parallel: { parts: 4, minBytes: VIDEO.length + 1 } })).bytes, VIDEO.length);
    assert.deepEqual(rangesOf(agent), ['bytes=0-']);
  });

  it('a host that answers the probe with 200: that answer is read, over one connection', async () => {
    const { host, agent, options } = setUp();
    host.intercept({ path: PATH, method: 'GET' }).reply(200, VIDEO, { headers: { 'content-length': String(VIDEO.length) } });
    const part = await partIn();
    assert.equal((await downloadToPart(VIDEO_URL, part, { ...options, parallel: inParts })).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    assert.deepEqual(rangesOf(agent), ['bytes=0-']);
  });

  it('a probe whose Content-Length disagrees with its range: one connection, and the length checks as before', async () => {
    const { host, agent, options } = setUp();
    host.intercept({ path: PATH, method: 'GET' }).reply(206, VIDEO.subarray(0, 7000), { headers: { ...whole.headers, 'content-length': '7000' } });
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=7000-' } }).reply(206, VIDEO.subarray(7000), span(7000, 12_000));
    const part = await partIn();
    assert.equal((await downloadToPart(VIDEO_URL, part, { ...options, parallel: inParts })).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    assert.deepEqual(rangesOf(agent), ['bytes=0-', 'bytes=7000-']);
  });

  it('a range refused mid-way: one connection takes over from where the bytes stop being whole', async () => {
    const { host, agent, options } = setUp();
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=0-' } }).reply(206, VIDEO, whole);
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=4000-7999' } }).reply(416, '', { headers: { 'content-range': `bytes */${VIDEO.length}` } });
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=8000-11999' } }).reply(206, VIDEO.subarray(8000), span(8000, 12_000));
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=4000-' } }).reply(206, VIDEO.subarray(4000), span(4000, 12_000));
    host.intercept({ path: PATH, method: 'GET' }).reply(200, VIDEO, { headers: { 'content-length': String(VIDEO.length) } });
    const part = await partIn();
    assert.equal((await downloadToPart(VIDEO_URL, part, { ...options, parallel: inParts })).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    const last = rangesOf(agent).at(-1) ?? '';
    assert.match(last, /^(bytes=\d+-|whole)$/, `one open-ended request finished it (${last})`);
  });

  it('a part file with a ledger is resumed by its parts, not from its end', async () => {
    const { host, agent, options } = setUp();
    const part = await partIn();
    const holey = Buffer.alloc(VIDEO.length);
    VIDEO.copy(holey, 0, 0, 4000);
    VIDEO.copy(holey, 8000, 8000);
    await writeFile(part, holey);
    await writeLedger(part, { total: VIDEO.length, parts: [{ start: 0, end: 4000 }, { start: 4000, end: 8000 }, { start: 8000, end: 12_000 }], done: [0, 2] });
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=4000-7999' } }).reply(206, VIDEO.subarray(4000, 8000), span(4000, 8000));
    assert.equal((await downloadToPart(VIDEO_URL, part, options)).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    assert.deepEqual(rangesOf(agent), ['bytes=4000-7999']);
    assert.equal(await exists(ledgerPathOf(part)), false);
  });

  it('a part file whose ledger cannot be read is started over, never resumed from its end', async () => {
    const { host, agent, options } = setUp();
    const part = await partIn();
    await writeFile(part, Buffer.alloc(9000));
    await writeFile(ledgerPathOf(part), 'not json');
    host.intercept({ path: PATH, method: 'GET' }).reply(200, VIDEO, { headers: { 'content-length': String(VIDEO.length) } });
    assert.equal((await downloadToPart(VIDEO_URL, part, options)).bytes, VIDEO.length);
    assert.ok((await readFile(part)).equals(VIDEO));
    assert.deepEqual(rangesOf(agent), ['bytes=0-']);
  });

  it('a failure removes the ledger with the part file', async () => {
    const { host, options } = setUp();
    host.intercept({ path: PATH, method: 'GET', headers: { range: 'bytes=0-' } }).reply(206, Buffer.alloc(VIDEO.length, 0x41), whole);
    for (const [start, end] of [[4000, 8000], [8000, 12_000]] as const) {
      host.intercept({ path: PATH, method: 'GET', headers: { range: `bytes=${start}-${end - 1}` } }).reply(206, Buffer.alloc(end - start, 0x41), span(start, end));
    }
    const part = await partIn();
    await assert.rejects(downloadToPart(VIDEO_URL, part, { ...options, parallel: inParts }), (error: unknown) => isWanError(error) && error.kind === 'not-a-video');
    assert.equal(await exists(part), false);
    assert.equal(await exists(ledgerPathOf(part)), false);
  });
});
