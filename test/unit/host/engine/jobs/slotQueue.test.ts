import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS, type ModelId } from '../../../../../src/core/catalog/models';
import { WanError } from '../../../../../src/core/errors/wanError';
import type { GenerationPlan } from '../../../../../src/core/inputs/request';
import type { JobRecord } from '../../../../../src/core/job/jobRecord';
import { AccountLimits, type LimitsLookup } from '../../../../../src/core/service/accountLimits';
import { QuotaListResponseSchema } from '../../../../../src/core/service/schemas';
import { CONCURRENCY_PAUSE_MS, RATE_BACKOFF_MS, SlotQueue, type Waiting } from '../../../../../src/host/engine/jobs/slotQueue';
import { jobRecord } from '../../../../support/fixtures/records';

const KF2V: ModelId = 'wan2.2-kf2v-flash';
const error = (kind: 'concurrency' | 'rate-limit') => new WanError({ kind, summary: { en: kind, zh: kind } });

function waiting(id: string, family: ModelId = KF2V, extra: Partial<JobRecord> = {}): Waiting {
  const record = jobRecord(id, 'waiting-for-slot', { family, wireModel: family, ...extra });
  return { job: { id, title: id, record, startedAt: 0 }, plan: { spec: MODELS[family], wireModel: family } as GenerationPlan, family, requeued: 0 };
}

/** A queue whose started jobs count as running until the test ends them. */
function setUp(limits = new AccountLimits(undefined)) {
  const running = new Map<string, number>();
  const started: string[] = [];
  const start = (entry: Waiting) => {
    started.push(entry.job.id);
    running.set(entry.family, (running.get(entry.family) ?? 0) + 1);
  };
  const end = (family: string) => running.set(family, (running.get(family) ?? 0) - 1);
  const queue = new SlotQueue(limits, (family) => running.get(family) ?? 0, start, { warn: () => undefined });
  return { queue, started, end, limits };
}

describe('jobs waiting for a slot of their model', () => {
  it("start in the order asked within each model's limit; another model's job is not held up", () => {
    const { queue, started, end } = setUp();
    for (const entry of [waiting('k1'), waiting('k2'), waiting('k3'), waiting('w1', 'wan2.7-i2v')]) queue.push(entry);
    assert.equal(MODELS[KF2V].concurrency, 2);
    assert.deepEqual(started, ['k1', 'k2', 'w1']);
    end(KF2V);
    queue.pump();
    assert.deepEqual(started.slice(3), ['k3']);
    assert.equal(queue.remove('k3'), undefined, 'a started job is no longer waiting');
  });

  it("wait for the account's own limit while it is looked up", async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const lookup: LimitsLookup = async (model) => {
      await answered;
      return QuotaListResponseSchema.parse({ output: { quotas: [{ model, model_limit: { async_user_concurrency_limit: 1 } }] } });
    };
    const { queue, started, limits } = setUp(new AccountLimits(lookup));
    queue.push(waiting('k1'));
    queue.push(waiting('k2'));
    assert.equal(started.length, 0);
    answer();
    await limits.ensure(KF2V, KF2V);
    assert.deepEqual(started, ['k1']);
  });

  it('a concurrency refusal of a job without a task puts it back first, the limit down to what runs', () => {
    const { queue, started, end, limits } = setUp();
    const [k1, k2] = [waiting('k1'), waiting('k2')];
    queue.push(k1);
    queue.push(k2);
    queue.push(waiting('k3'));
    end(KF2V);
    assert.equal(queue.requeue(k2, error('concurrency')), true);
    assert.equal(k2.job.record.status, 'waiting-for-slot');
    assert.equal(limits.limit(KF2V), 1);
    end(KF2V);
    queue.pump();
    assert.deepEqual(started.slice(2), ['k2'], 'k2 before k3, and only one');
    queue.dispose();
  });

  it('only a concurrency or load refusal of a job without a task is requeued, and at most 20 times', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { queue } = setUp();
    assert.equal(queue.requeue(waiting('k1', KF2V, { taskId: 'task-1' }), error('concurrency')), false);
    assert.equal(queue.requeue(waiting('k1', KF2V, { taskId: 'task-1' }), error('rate-limit')), false, 'a take with a task is never sent again');
    const other = new WanError({ kind: 'task-failed', summary: { en: 'x', zh: 'x' } });
    assert.equal(queue.requeue(waiting('k2'), other), false, 'a failure of the task itself is a failure');
    const often = { ...waiting('k3'), requeued: 19 };
    assert.equal(queue.requeue(often, error('concurrency')), true);
    assert.equal(queue.requeue(often, error('concurrency')), false);
    queue.dispose();
    assert.equal(queue.requeue(waiting('k4'), error('concurrency')), false, 'nor once disposed');
  });

  it('with none of ours running, the queue is looked at again after a pause', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { queue, started } = setUp();
    queue.requeue(waiting('k1'), error('concurrency'));
    assert.equal(queue.heldBack(KF2V), true);
    t.mock.timers.tick(CONCURRENCY_PAUSE_MS - 1);
    assert.equal(started.length, 0);
    t.mock.timers.tick(1);
    assert.deepEqual(started, ['k1']);
    assert.equal(queue.heldBack(KF2V), false);
  });

  it('a create refused for load waits in the queue, later each time, then starts again; it never counts as failed', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
    const { queue, started, end } = setUp();
    const k1 = waiting('k1');
    queue.push(k1);
    queue.push(waiting('k2'));
    assert.deepEqual(started, ['k1', 'k2']);
    end(KF2V);
    assert.equal(queue.requeue(k1, error('rate-limit')), true);
    assert.equal(k1.job.record.status, 'waiting-for-slot');
    queue.pump();
    assert.deepEqual(started, ['k1', 'k2'], 'not at once: it backs off');
    assert.equal(queue.heldBack(KF2V), false, 'a backed-off take holds nothing back');
    t.mock.timers.tick(RATE_BACKOFF_MS - 1);
    assert.equal(started.length, 2);
    t.mock.timers.tick(1);
    assert.deepEqual(started, ['k1', 'k2', 'k1']);
    end(KF2V);
    assert.equal(queue.requeue(k1, error('rate-limit')), true);
    t.mock.timers.tick(RATE_BACKOFF_MS);
    assert.equal(started.length, 3, 'the second wait is longer than the first');
    t.mock.timers.tick(RATE_BACKOFF_MS);
    assert.equal(started.length, 4);
    queue.dispose();
  });

  it("a batch's waiting takes are found by the batch", () => {
    const { queue, started } = setUp();
    const inBatch = (id: string, index: number): Waiting => ({ ...waiting(id), parent: { kind: 'batch', id: 'b1', index } });
    for (const entry of [inBatch('a', 0), inBatch('b', 1), inBatch('c', 2), waiting('d')]) queue.push(entry);
    assert.deepEqual(started, ['a', 'b']);
    assert.deepEqual(queue.waitingOf('b1').map((entry) => entry.job.id), ['c']);
    assert.deepEqual(queue.waitingOf('other'), []);
    queue.dispose();
  });
});
