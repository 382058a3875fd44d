import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DashScopeClient } from '../../../../../src/core/service/client';
import { TaskQueryResponseSchema } from '../../../../../src/core/service/schemas';
import { WanError } from '../../../../../src/core/errors/wanError';
import { endpointFor } from '../../../../../src/core/catalog/regions';
import { type GenerationPlan, planGeneration } from '../../../../../src/core/inputs/request';
import { type Connection, JobManager, type LiveJob } from '../../../../../src/host/engine/jobs/jobManager';
import { JobStore } from '../../../../../src/host/engine/jobs/jobStore';
import { MemoryMemento } from '../../../../support/fixtures/memento';
import { tempDir, writeFramePair } from '../../../../support/files';
import { recordingClock } from '../../../../support/clocks';
import { frames, jobOptions } from '../../../../support/jobs';

/** A service in memory: tasks answer whatever status the test sets; creates and cancels are counted. */
function fakeService() {
  const service = {
    status: 'PENDING' as string,
    creates: 0,
    cancels: 0,
    seeds: [] as unknown[],
    /** Thrown by every create while set (an account stop). */
    refuse: undefined as Error | undefined,
    /** Every create waits for this before it answers (a create in flight). */
    hold: Promise.resolve() as Promise<void>,
    client: undefined as unknown as DashScopeClient,
  };
  service.client = {
    baseUrl: 'http://127.0.0.1:1',
    async createTask(_spec: unknown, body: { parameters?: { seed?: unknown } }) {
      await service.hold;
      if (service.refuse) throw service.refuse;
      service.seeds.push(body.parameters?.seed);
      service.creates++;
      return { request_id: `req-${service.creates}`, output: { task_id: `task-${service.creates}`, task_status: 'PENDING' } };
    },
    async getTask(taskId: string) {
      const failed = service.status === 'FAILED' ? { code: 'InternalError.Timeout', message: 'late' } : {};
      return TaskQueryResponseSchema.parse({ request_id: 'req-q', output: { task_id: taskId, task_status: service.status, ...failed } });
    },
    async cancelTask() {
      service.cancels++;
      service.status = 'CANCELED';
      return { request_id: 'req-c' };
    },
    async listTasks() {
      return { data: [] };
    },
    async close() {},
  } as unknown as DashScopeClient;
  return service;
}

async function setUp() {
  const service = fakeService();
  const dir = await tempDir('wk-manager-');
  const { first, last } = await writeFramePair(dir);
  const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', 'http://127.0.0.1:1'));
  assert.ok(plan);
  const connection: Connection = { client: service.client, dispatcher: undefined as never, options: jobOptions('base64'), region: undefined, close: async () => undefined };
  const log = { info: () => undefined, warn: () => undefined };
  const state = new MemoryMemento();
  const jobs = new JobManager(new JobStore(state, 'window-1'), log, async () => connection, recordingClock(1000).clock);
  const finished: LiveJob[] = [];
  jobs.onDidFinish(({ job }) => finished.push(job));
  return { service, plan: plan as GenerationPlan, jobs, state, finished };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// A broken manager fails here rather than hang the run: every job it starts is bounded by the suite's timeout.
describe('JobManager (a fake service, no vscode)', { timeout: 30_000 }, () => {
  it('queues beyond a model\'s concurrency, and starts the next when one ends', async () => {
    const { plan, jobs, service } = await setUp();
    const started = [jobs.start(plan, 'one'), jobs.start(plan, 'two'), jobs.start(plan, 'three')];
    assert.deepEqual(started.map((job) => job.record.status), ['preparing', 'preparing', 'waiting-for-slot'], 'kf2v runs two at a time');
    await until(() => service.creates === 2, 'two creates');
    await jobs.cancel(started[0]?.id as string);
    await until(() => service.creates === 3, 'the third to start');
    assert.notEqual(started[2]?.record.status, 'waiting-for-slot');
    await jobs.dispose();
  });

  it('cancel while waiting for a slot: canceled, never sent', async () => {
    const { plan, jobs, service, finished } = await setUp();
    jobs.start(plan, 'one');
    jobs.start(plan, 'two');
    const third = jobs.start(plan, 'three');
    await jobs.cancel(third.id);
    assert.equal(third.record.status, 'canceled');
    await until(() => service.creates === 2, 'the other two');
    assert.equal(service.creates, 2, 'the canceled job sent nothing');
    assert.ok(finished.includes(third));
    await jobs.dispose();
  });

  it('cancel while PENDING: canceled on the service, the job ends canceled with nothing to show', async () => {
    const { plan, jobs, service, finished } = await setUp();
    const job = jobs.start(plan, 'one');
    await until(() => job.record.status === 'pending', 'PENDING on the service');
    await jobs.cancel(job.id);
    await until(() => finished.includes(job), 'the end');
    assert.deepEqual([job.record.status, job.error, service.cancels], ['canceled', undefined, 1]);
    await jobs.dispose();
  });

  it('cancel while RUNNING stops waiting (the task stays resumable); Retry picks it up and it settles as the service says', async () => {
    const { plan, jobs, service, finished } = await setUp();
    service.status = 'RUNNING';
    const job = jobs.start(plan, 'one');
    await until(() => job.record.status === 'running', 'RUNNING');
    await jobs.cancel(job.id);
    await until(() => finished.includes(job), 'the stop');
    assert.deepEqual([job.record.status, service.cancels], ['stopped', 0]);
    service.status = 'FAILED';
    await jobs.retry(job.id);
    await until(() => job.record.status === 'failed', 'the retried job to settle');
    assert.equal(job.error?.kind, 'task-failed');
    assert.equal(job.error?.step, 'generation');
    await jobs.retry(job.id);
    assert.equal(job.record.status, 'failed', 'a final failure is not retried');
    await jobs.dispose();
  });

  it('resumes a stored job that was submitted, and leaves a paused one alone', async () => {
    const { plan, jobs: first, service, state } = await setUp();
    service.status = 'RUNNING';
    const job = first.start(plan, 'one');
    await until(() => job.record.status === 'running', 'RUNNING');
    const paused = first.start(plan, 'two');
    await until(() => paused.record.status === 'running', 'the second RUNNING');
    await first.cancel(paused.id);
    await until(() => paused.record.status === 'stopped', 'the second stopped');
    await first.dispose();
    const second = new JobManager(new JobStore(state, 'window-2', () => Date.now() + 60_000), { info: () => undefined, warn: () => undefined }, async () => ({ client: service.client, dispatcher: undefined as never, options: jobOptions('base64'), region: undefined, close: async () => undefined }), recordingClock(1000).clock);
    try {
      await second.resumeStored();
      await until(() => second.get(job.id)?.record.status === 'running', 'the resumed job polling');
      assert.equal(second.get(job.id)?.record.taskId, job.record.taskId);
      assert.equal(second.get(paused.id)?.record.status, 'stopped', 'a paused job is history, not run');
      assert.equal(service.creates, 2, 'resuming creates nothing');
    } finally {
      await second.dispose();
    }
  });

  it('a batch: one job per take, each its own seed and place, kept while it waits, within the concurrency', async () => {
    const { plan, jobs, service, state } = await setUp();
    const takes = jobs.startBatch({ ...plan, seed: 100 }, 'a → b', 3);
    assert.equal(takes.length, 3);
    assert.deepEqual(takes.map((take) => take.record.parent?.index), [0, 1, 2]);
    assert.equal(new Set(takes.map((take) => take.record.parent?.id)).size, 1);
    assert.deepEqual(takes.map((take) => take.batchCount), [3, 3, 3]);
    assert.deepEqual(takes.map((take) => take.record.status), ['preparing', 'preparing', 'waiting-for-slot']);
    await until(() => new JobStore(state, 'reader').all().length === 3, 'every take kept, the waiting one too');
    await until(() => service.creates === 2, 'two creates');
    assert.deepEqual([...service.seeds].sort(), [100, 101]);
    assert.deepEqual(jobs.batch(takes[0]?.record.parent?.id as string).map((take) => take.id), takes.map((take) => take.id));
    await jobs.dispose();
  });

  it("an account stop on one take keeps the batch's unsent takes from being sent; they say why", async () => {
    const { plan, jobs, service, finished } = await setUp();
    service.refuse = new WanError({ kind: 'budget', status: 429, summary: { en: 'Budget exhausted.', zh: '预算已用尽。' } });
    const takes = jobs.startBatch(plan, 'a → b', 4);
    await until(() => finished.length === 4, 'every take to end');
    assert.equal(service.creates, 0);
    assert.deepEqual(takes.map((take) => take.record.status), ['failed', 'failed', 'failed', 'failed']);
    assert.ok(takes.every((take) => take.error?.kind === 'budget'));
    assert.match(takes[3]?.error?.summary.en ?? '', /^Not sent: /, 'a queued take was kept back');
    await jobs.dispose();
  });

  it('retry failed makes a take the service failed again, same seed, same slot; a single job is not made again', async () => {
    const { plan, jobs, service, finished } = await setUp();
    service.status = 'FAILED';
    const takes = jobs.startBatch({ ...plan, seed: 7 }, 'a → b', 2);
    await until(() => finished.length === 2, 'both takes to fail');
    assert.ok(takes.every((take) => take.record.status === 'failed' && take.error?.kind === 'task-failed'));
    service.status = 'PENDING';
    await jobs.retryFailed(takes[0]?.record.parent?.id as string);
    await until(() => service.creates === 4, 'two creates more');
    assert.deepEqual(service.seeds.slice(2).sort(), [7, 8]);
    assert.ok(takes.every((take) => take.record.status === 'pending' && take.error === undefined), 'the same jobs run again');
    const single = jobs.start(plan, 'one');
    await jobs.dispose();
    assert.equal(single.again, undefined, 'only a batch take keeps its plan to be made again');
  });

  it('cancel while the create is in flight waits for its answer, then cancels the task on the service (never left unpolled)', async () => {
    const { plan, jobs, service, finished } = await setUp();
    let answer: () => void = () => undefined;
    service.hold = new Promise((resolve) => (answer = resolve));
    const job = jobs.start(plan, 'one');
    await until(() => job.record.status === 'submitting', 'the create to go out');
    const canceled = jobs.cancel(job.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(service.cancels, 0, 'nothing to cancel before the answer');
    answer();
    await canceled;
    assert.equal(service.creates, 1);
    assert.equal(service.cancels, 1, 'the task the create made is canceled on the service');
    await until(() => finished.length === 1, 'the job to end');
    assert.equal(job.record.status, 'canceled');
    await jobs.dispose();
  });
});
