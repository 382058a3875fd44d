import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DashScopeClient } from '../../../../../src/core/service/client';
import { TaskQueryResponseSchema } from '../../../../../src/core/service/schemas';
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
    client: undefined as unknown as DashScopeClient,
  };
  service.client = {
    baseUrl: 'http://127.0.0.1:1',
    async createTask() {
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
});
