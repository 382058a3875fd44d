import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WanError } from '../../../../../src/core/errors/wanError';
import type { JobDeps } from '../../../../../src/core/job/jobDeps';
import type { JobRecord } from '../../../../../src/core/job/jobRecord';
import { CreateGate } from '../../../../../src/core/service/createGate';
import type { JobStore } from '../../../../../src/host/engine/jobs/jobStore';
import type { Finished, LiveJob } from '../../../../../src/host/engine/jobs/liveJob';
import { JobRegistry } from '../../../../../src/host/engine/jobs/registry';
import { JobRunner } from '../../../../../src/host/engine/jobs/runner';
import { isEnded } from '../../../../../src/shared/jobStatus';
import { virtualClock } from '../../../../support/clocks';
import { jobRecord } from '../../../../support/fixtures/records';
import { jobOptions } from '../../../../support/jobs';

/** A JobStore in memory: notes each call; `failWrites` makes put/keep reject; `leaseHeld` is what lease() answers. */
function fakeStore() {
  const store = { calls: [] as string[], failWrites: false, leaseHeld: true };
  const note = (call: string) => store.calls.push(call);
  const write = async (how: string, record: JobRecord) => {
    note(`${how} ${record.id} ${record.status}`);
    if (store.failWrites) throw new Error('disk full');
  };
  const api = {
    put: (record: JobRecord) => write('put', record),
    keep: (record: JobRecord) => write('keep', record).then(() => store.leaseHeld),
    lease: async (id: string) => note(`lease ${id}`) > 0 && store.leaseHeld,
    release: async (id: string) => void note(`release ${id}`),
    forget: (id: string) => void note(`forget ${id}`),
  };
  return { store, jobStore: api as unknown as JobStore };
}

function setUp(status: JobRecord['status'] = 'pending') {
  const { store, jobStore } = fakeStore();
  const registry = new JobRegistry();
  const [warnings, shown, finished]: [string[], string[], Finished[]] = [[], [], []];
  registry.onDidFinish((end) => finished.push(end));
  const connection = { client: undefined as never, dispatcher: undefined as never, options: jobOptions(), region: undefined, close: async () => undefined };
  const log = { info: () => undefined, warn: (line: string) => void warnings.push(line) };
  const runner = new JobRunner(registry, jobStore, async () => connection, virtualClock().clock, new CreateGate(), log, (reason) => shown.push(reason));
  const live = (id: string): LiveJob => ({ id, title: id, record: jobRecord(id, status, status === 'preparing' ? {} : { taskId: `task-${id}` }), startedAt: 1 });
  const job = live('job-1');
  registry.add(job);
  return { store, registry, runner, job, live, warnings, shown, finished };
}

const status = (deps: JobDeps) => deps.onEvent?.({ type: 'status', status: 'RUNNING', requestId: 'req-1' });

describe('a job run in the editor (a fake store, a fake work)', { timeout: 10_000 }, () => {
  it('the first record takes the lease, later ones are put; a saved job lets its lease go and says so once', async () => {
    const { store, runner, job, finished } = setUp('preparing');
    await runner.run(job, async (deps) => {
      await deps.keepRecord?.(job.record);
      await deps.keepRecord?.({ ...job.record, status: 'pending', taskId: 'task-1' });
      await deps.beforePublish?.();
      return { videoPath: '/videos/a.mp4' };
    });
    assert.deepEqual(store.calls, ['keep job-1 preparing', 'put job-1 pending', 'lease job-1', 'release job-1']);
    assert.equal(job.record.status, 'saved');
    assert.equal(job.videoPath, '/videos/a.mp4');
    assert.equal(finished.length, 1);
    assert.equal(finished[0]?.error, undefined);
  });

  it('a failed write is logged each time and shown once, across jobs; the job still ends', async () => {
    const { store, runner, job, live, warnings, shown, finished } = setUp();
    store.failWrites = true;
    const threeWrites = async (deps: JobDeps) => {
      for (const next of ['running', 'downloading', 'saving'] as const) await deps.keepRecord?.({ ...job.record, status: next });
      return { videoPath: '/videos/a.mp4' };
    };
    await runner.run(job, threeWrites);
    await runner.run(live('job-2'), threeWrites);
    assert.deepEqual(shown, ['disk full']);
    assert.equal(warnings.filter((line) => line.includes('could not keep') && line.includes('disk full')).length, 6);
    assert.equal(finished.length, 2);
  });

  it('a failure is settled, written and released; one the hooks handle (requeued) is not', async () => {
    const { store, runner, job, live, finished } = setUp();
    const fail = () => Promise.reject(new WanError({ kind: 'task-failed', summary: { en: 'failed', zh: '失败' } }));
    await runner.run(job, fail);
    await runner.run(live('job-2'), fail, { failed: () => true });
    assert.deepEqual(store.calls, ['put job-1 failed', 'release job-1']);
    assert.equal(job.record.status, 'failed');
    assert.deepEqual(finished.map((end) => end.error?.kind), ['task-failed']);
  });

  it('the heartbeat renews the lease at most every 5 s; a lease another window holds stops the work, unsettled', async () => {
    const { store, registry, runner, job, finished } = setUp();
    let [leases, failedHook] = [0, false];
    await runner.run(job, async (deps) => {
      const stopped = new Promise((resolve) => deps.signal?.addEventListener('abort', resolve));
      for (const wait of [0, 1_000, 4_000]) await deps.clock.sleep(wait).then(() => status(deps));
      leases = store.calls.length;
      store.leaseHeld = false;
      await deps.clock.sleep(5_000).then(() => status(deps));
      await stopped;
      throw new Error('stopped');
    }, { failed: () => (failedHook = true) });
    assert.equal(leases, 2, 'at 0 s and at 5 s');
    assert.deepEqual(store.calls.slice(leases), ['lease job-1', 'forget job-1']);
    assert.equal(registry.has(job.id), false);
    assert.equal(isEnded(job.record.status), false);
    assert.equal(finished.length, 0);
    assert.equal(failedHook, false, 'a handed-over job is no failure');
  });

  it('beforePublish throws when the lease is lost, and the job is let go without an end', async () => {
    const { store, registry, runner, job, finished } = setUp('downloading');
    store.leaseHeld = false;
    let [thrown, stopped]: [unknown, boolean | undefined] = [undefined, undefined];
    await runner.run(job, async (deps) => {
      thrown = await deps.beforePublish?.().catch((error: unknown) => error);
      stopped = deps.signal?.aborted;
      throw thrown;
    });
    assert.ok(thrown instanceof WanError);
    assert.equal(thrown.kind, 'aborted');
    assert.equal(thrown.taskId, 'task-job-1');
    assert.equal(stopped, true, "the job's work is stopped");
    assert.deepEqual(store.calls, ['lease job-1', 'forget job-1']);
    assert.equal(registry.has(job.id), false);
    assert.equal(job.record.status, 'downloading');
    assert.equal(finished.length, 0);
  });
});

describe('a store that cannot write at all (a full disk, a read-only profile)', { timeout: 10_000 }, () => {
  it('a job still saves: its leases and records fail, each logged, and the user is told once', async () => {
    const { store, runner, job, finished, shown, warnings } = setUp();
    const failing = store as unknown as { failWrites: boolean };
    failing.failWrites = true;
    const jobStore = (runner as unknown as { store: Record<string, unknown> }).store;
    jobStore.lease = async () => {
      throw new Error('disk full');
    };
    jobStore.release = async () => {
      throw new Error('disk full');
    };
    await runner.run(job, async (deps) => {
      await deps.keepRecord?.({ ...job.record, status: 'downloading' });
      status(deps);
      await deps.beforePublish?.();
      return { videoPath: '/videos/a.mp4' };
    });
    assert.equal(job.record.status, 'saved');
    assert.equal(finished.length, 1);
    assert.equal(finished[0]?.error, undefined);
    assert.equal(shown.length, 1, 'shown once');
    assert.ok(warnings.filter((line) => /could not keep/.test(line)).length >= 3, warnings.join('\n'));
  });
});
