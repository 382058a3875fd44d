import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isWanError } from '../../../src/core/errors/wanError';
import { LOOKUP_PAUSES_MS } from '../../../src/core/service/taskLookup';
import type { FaultKind, FaultRoute } from '../../sandbox/faults';
import { FAULTS } from '../../sandbox/faults';
import { ossErrorXml } from '../../sandbox/oss';
import type { SimulatorOptions } from '../../sandbox/simulator';
import { fastSimulator } from '../../support/simulator';
import { type MatrixCell, recordMatrix } from '../../support/report';
import { type JobRun, runJob } from '../../support/jobHarness';

const BOUND_MS = 30_000;
const ROUTES: FaultRoute[] = ['policy', 'upload', 'create', 'query', 'download'];

const httpDate = () => new Date(Date.now() + 30_000).toUTCString();
const KINDS: Array<{ name: string; kind: () => FaultKind; minSleepMs?: number }> = [
  { name: '429 Retry-After: 2 (seconds)', kind: () => FAULTS.throttled('2'), minSleepMs: 2000 },
  { name: '429 Retry-After: HTTP-date', kind: () => FAULTS.throttled(httpDate()), minSleepMs: 10_000 },
  { name: '500', kind: FAULTS.internal },
  { name: '503', kind: FAULTS.unavailable },
  { name: 'reset before headers', kind: () => ({ type: 'reset-before-headers' }) },
  { name: 'reset mid-body', kind: () => ({ type: 'reset-mid-body' }) },
  { name: 'slow headers past the timeout', kind: () => ({ type: 'slow-headers', delayMs: 2500 }) },
  { name: 'truncated body', kind: () => ({ type: 'truncated-body' }) },
];

const cells: MatrixCell[] = [];

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One job with one fault; asserts the invariants every cell shares and records the cell for docs/reliability.md. */
async function cell(label: { route: string; fault: string }, fault: { route: FaultRoute; kind: FaultKind; acceptFirst?: boolean } | undefined, options: SimulatorOptions = {}, setup?: (sim: Awaited<ReturnType<typeof fastSimulator>>) => void): Promise<JobRun & { tasks: number; creates: number; lists: number }> {
  const simulator = await fastSimulator(options);
  try {
    if (fault) simulator.faults.add(fault);
    setup?.(simulator);
    const run = await runJob(simulator);
    cells.push({
      ...label,
      outcome: run.result ? 'saved' : isWanError(run.error) ? run.error.kind : String(run.error),
      tasks: simulator.tasks.size,
      creates: simulator.requestsFor('create').length,
      partialFiles: run.leftovers.length,
      seconds: Math.round(run.elapsedMs / 100) / 10,
    });
    assert.deepEqual(run.leftovers, [], 'no partial file left');
    assert.ok(run.elapsedMs < BOUND_MS, `ended within ${BOUND_MS} ms (took ${run.elapsedMs})`);
    assert.ok(simulator.tasks.size <= 1, `never more than one task (got ${simulator.tasks.size})`);
    return { ...run, tasks: simulator.tasks.size, creates: simulator.requestsFor('create').length, lists: simulator.requestsFor('list').length };
  } finally {
    await simulator.stop();
  }
}

describe('fault matrix: every injected fault ends in a saved video or its specific error', { concurrency: 2 }, () => {
  after(() => recordMatrix(cells));

  for (const route of ROUTES) {
    for (const k of KINDS) {
      if (route === 'create' && k.name === 'reset before headers') continue;
      it(`${route} × ${k.name} → saved`, async () => {
        const run = await cell({ route, fault: k.name }, { route, kind: k.kind() });
        assert.ok(run.result, `saved (error: ${isWanError(run.error) ? `${run.error.kind} ${run.error.message}` : String(run.error)})`);
        assert.equal(run.tasks, 1);
        if (k.minSleepMs !== undefined) assert.ok(run.sleeps.some((ms) => ms >= (k.minSleepMs as number)), `Retry-After honoured (waits: ${run.sleeps.join(', ')})`);
      });
    }
  }

  it('create × reset before headers (sent, never accepted) → unconfirmed: not sent again, no task, no charge', async () => {
    const run = await cell({ route: 'create', fault: 'reset before headers' }, { route: 'create', kind: { type: 'reset-before-headers' } });
    assert.ok(isWanError(run.error) && run.error.kind === 'unconfirmed', `unconfirmed (got ${isWanError(run.error) ? run.error.kind : String(run.error)})`);
    assert.equal(run.tasks, 0);
    assert.equal(run.creates, 1, 'a create that may have been accepted is never sent again');
    assert.match(run.error.localized('en'), /not sent again/);
    assert.match(run.error.localized('zh-cn'), /重复计费/);
    assert.equal(run.lists, LOOKUP_PAUSES_MS.length, 'the task list was asked at every look');
    const waited = LOOKUP_PAUSES_MS.reduce((sum, ms) => sum + ms, 0);
    assert.ok(run.sleeps.reduce((sum, ms) => sum + ms, 0) >= waited, `looked over ${waited} ms of service time`);
  });

  it('create accepted, answer lost (reset after acceptance) → the task is found, not created twice', async () => {
    const run = await cell({ route: 'create', fault: 'accepted, answer lost (reset)' }, { route: 'create', kind: { type: 'reset-before-headers' }, acceptFirst: true });
    assert.ok(run.result, String(run.error));
    assert.equal(run.tasks, 1);
    assert.equal(run.creates, 1, 'no second create was sent');
    assert.ok(run.events.some((event) => event.type === 'submitted' && event.recovered));
  });

  it('create times out after being accepted → exactly one task', async () => {
    const run = await cell({ route: 'create', fault: 'accepted, answer past the timeout' }, { route: 'create', kind: { type: 'slow-headers', delayMs: 2500 } });
    assert.ok(run.result, String(run.error));
    assert.equal(run.tasks, 1);
    assert.equal(run.creates, 1);
  });

  it('expired video URL → url-expired, nothing written', async () => {
    const run = await cell({ route: 'download', fault: 'expired video URL (OSS 403)' }, undefined, { urlTtlMs: -60_000 });
    assert.ok(isWanError(run.error) && run.error.kind === 'url-expired', String(run.error));
    assert.ok(run.error.taskId, 'the error names the task');
  });

  // Video delivery: the signed video_url redirects (by default once, to the CDN origin); these are the ways it can go wrong.
  const DELIVERY: Array<{ name: string; kind: FaultKind; outcome: string; says: RegExp }> = [
    { name: 'redirect loop', kind: { type: 'redirect-loop' }, outcome: 'redirect', says: /loop/ },
    { name: '6 redirects', kind: { type: 'redirect-chain', hops: 6 }, outcome: 'redirect', says: /more than 5 redirects/ },
    { name: 'redirect to ftp:', kind: { type: 'redirect-to', location: 'ftp://127.0.0.1/video.mp4' }, outcome: 'redirect', says: /ftp: is refused/ },
    { name: 'redirect without Location', kind: { type: 'redirect-to', location: undefined }, outcome: 'redirect', says: /without a Location/ },
    { name: '200 with an XML error body', kind: { type: 'raw', status: 200, contentType: 'application/xml', body: ossErrorXml('AccessDenied', 'You have no right to access this object because of bucket acl.') }, outcome: 'not-a-video', says: /AccessDenied/ },
    { name: '200 video/mp4 that is an XML error', kind: { type: 'raw', status: 200, contentType: 'video/mp4', body: ossErrorXml('NoSuchKey', 'The specified key does not exist.') }, outcome: 'not-a-video', says: /NoSuchKey/ },
  ];
  for (const d of DELIVERY) {
    it(`download × ${d.name} → ${d.outcome}: says so, names the download, no file, no .part`, async () => {
      const run = await cell({ route: 'download', fault: d.name }, { route: 'download', kind: d.kind });
      assert.ok(isWanError(run.error) && run.error.kind === d.outcome, `${d.outcome} (got ${isWanError(run.error) ? `${run.error.kind}: ${run.error.message}` : String(run.error)})`);
      assert.equal(run.error.step, 'download');
      assert.match(run.error.message, d.says);
      assert.deepEqual((await readdir(run.dir)).filter((name) => name.endsWith('.mp4')), [], 'nothing published');
      for (const locale of ['en', 'zh-cn']) {
        const text = run.error.localized(locale);
        assert.doesNotMatch(text, /could not generate|未能生成/, 'a download problem never reads as a failed generation');
        assert.match(text, locale === 'en' ? /^Download failed: .*The video was generated/ : /^下载失败：.*视频已生成/);
      }
      assert.ok(run.error.retryable, 'the job stays resumable while the URL lives');
    });
  }

  it('download × 3 redirects across two origins → saved, the same bytes, no credentials to either host', async () => {
    const simulator = await fastSimulator();
    try {
      simulator.faults.add({ route: 'download', kind: { type: 'redirect-chain', hops: 3 } });
      const run = await runJob(simulator);
      assert.ok(run.result, String(run.error));
      const task = [...simulator.tasks.values()][0];
      assert.equal(await sha256(run.result.videoPath), await sha256(task?.videoFile as string), 'the saved file is the rendered video');
      const delivery = simulator.requestsFor('download');
      assert.deepEqual([...new Set(delivery.map((request) => request.host))].sort(), ['api', 'cdn'], 'both origins served the chain');
      assert.equal(delivery.length, 4, 'the link, 2 hops and the bytes');
      for (const request of delivery) {
        assert.equal(request.headers.authorization, undefined, `no Authorization header to ${request.host} ${request.path}`);
        assert.equal(request.headers.cookie, undefined);
      }
      cells.push({ route: 'download', fault: '3 redirects across two origins', outcome: 'saved', tasks: simulator.tasks.size, creates: simulator.requestsFor('create').length, partialFiles: run.leftovers.length, seconds: Math.round(run.elapsedMs / 100) / 10 });
    } finally {
      await simulator.stop();
    }
  });

  it('download × the redirect target expires between a cut and its resume → resumed from video_url, saved', async () => {
    const run = await cell({ route: 'download', fault: 'target expires between cut and resume' }, { route: 'download', kind: { type: 'cut-and-expire-target' } });
    assert.ok(run.result, `saved (error: ${isWanError(run.error) ? `${run.error.kind} ${run.error.message}` : String(run.error)})`);
    const retries = run.events.filter((event) => event.type === 'retry' && event.what === 'download');
    assert.equal(retries.length, 1, 'one cut, one resume');
  });

  it('UNKNOWN (task expired) → expired', async () => {
    const run = await cell({ route: 'query', fault: 'UNKNOWN (task expired)' }, undefined, { taskTtlMs: -1 });
    assert.ok(isWanError(run.error) && run.error.kind === 'expired', String(run.error));
  });

  it('FAILED with DataInspectionFailed → moderation', async () => {
    const run = await cell({ route: 'query', fault: 'FAILED DataInspectionFailed' }, undefined, {}, (sim) => sim.failNextTask('DataInspectionFailed', 'Output data may contain inappropriate content.'));
    assert.ok(isWanError(run.error) && run.error.kind === 'moderation', String(run.error));
    assert.match(run.error.localized('zh-cn'), /内容审核/);
  });

  it('FAILED with InternalError.Timeout → task-failed', async () => {
    const run = await cell({ route: 'query', fault: 'FAILED InternalError.Timeout' }, undefined, {}, (sim) => sim.failNextTask('InternalError.Timeout', 'The task did not finish within 3 hours.'));
    assert.ok(isWanError(run.error) && run.error.kind === 'task-failed', String(run.error));
    assert.equal(run.error.code, 'InternalError.Timeout');
  });

  it('invalid key → auth, before any task', async () => {
    const run = await cell({ route: 'policy', fault: '401 InvalidApiKey' }, undefined, { apiKeys: ['sk-someone-else-entirely'] });
    assert.ok(isWanError(run.error) && run.error.kind === 'auth', String(run.error));
    assert.equal(run.tasks, 0);
    assert.match(run.error.message, /region/);
  });

  it('quota exhausted (429 Throttling.AllocationQuota) is not retried', async () => {
    const run = await cell({ route: 'create', fault: '429 Throttling.AllocationQuota' }, { route: 'create', kind: { type: 'status', status: 429, code: 'Throttling.AllocationQuota', message: 'Free allocated quota exceeded.' } });
    assert.ok(isWanError(run.error) && run.error.kind === 'quota', String(run.error));
    assert.equal(run.creates, 1);
  });

  it('a query answer of the wrong shape → unexpected-response carrying its request id', async () => {
    const run = await cell({ route: 'query', fault: 'answer of the wrong shape' }, { route: 'query', kind: { type: 'raw', status: 200, body: '{"request_id":"req-123","output":{"task_status":42}}' } });
    // One malformed answer is not transient: the job stops with a specific error naming the request.
    assert.ok(isWanError(run.error) && run.error.kind === 'unexpected-response', String(run.error));
    assert.equal(run.error.requestId, 'req-123');
  });
});
