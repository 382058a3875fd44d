import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS } from '../../../../../src/core/catalog/models';
import { WanError } from '../../../../../src/core/errors/wanError';
import type { GenerationPlan } from '../../../../../src/core/inputs/request';
import { MAX_SEED } from '../../../../../src/core/job/seed';
import { batchTakes, countBatches, keptBackError, stopsBatch } from '../../../../../src/host/engine/jobs/batch';
import type { LiveJob } from '../../../../../src/host/engine/jobs/liveJob';
import { jobRecord } from '../../../../support/fixtures/records';

const plan = (seed: number | undefined) => ({ spec: MODELS['wan2.2-kf2v-flash'], wireModel: 'wan2.2-kf2v-flash', seed }) as GenerationPlan;
const error = (kind: WanError['kind']) => new WanError({ kind, summary: { en: `${kind} stop`, zh: `${kind} 停止` }, code: 'Code' });

describe('a batch of variations', () => {
  it('each take has its own seed, from the given one up, and its place in the batch', () => {
    const takes = batchTakes(plan(41), 3, 'b1', () => 7);
    assert.deepEqual(takes.map((take) => take.plan.seed), [41, 42, 43]);
    assert.deepEqual(takes.map((take) => take.parent), [0, 1, 2].map((index) => ({ kind: 'batch', id: 'b1', index })));
    assert.equal(takes[0]?.plan.wireModel, 'wan2.2-kf2v-flash', 'the rest of the plan is the same');
  });

  it('without a seed, N distinct drawn ones; near the top, they wrap and stay in range', () => {
    let next = 0;
    const draws = [5, 5, 9, 5, 12];
    const drawn = batchTakes(plan(undefined), 3, 'b1', () => draws[next++] ?? 0).map((take) => take.plan.seed);
    assert.deepEqual(drawn, [5, 9, 12]);
    const top = batchTakes(plan(MAX_SEED - 1), 3, 'b1', () => 0).map((take) => take.plan.seed);
    assert.deepEqual(top, [MAX_SEED - 1, MAX_SEED, 0]);
  });

  it("the account's stops keep the unsent takes back; a take's own failure or a rate limit does not", () => {
    for (const kind of ['budget', 'arrears', 'not-activated', 'quota', 'auth'] as const) assert.equal(stopsBatch(error(kind)), true, kind);
    for (const kind of ['task-failed', 'rate-limit', 'concurrency', 'moderation', 'network'] as const) assert.equal(stopsBatch(error(kind)), false, kind);
  });

  it('a kept-back take says it was not sent, and why, with the same kind (so its card offers the same fix)', () => {
    const kept = keptBackError(error('budget'));
    assert.equal(kept.kind, 'budget');
    assert.equal(kept.step, 'submit');
    assert.equal(kept.taskId, undefined);
    assert.match(kept.summary.en, /^Not sent: budget stop/);
    assert.match(kept.summary.zh, /^未发送：budget 停止/);
  });

  it('after a reload each take knows how many its batch has, from the places and the takes it finds', () => {
    const take = (id: string, batch: string, index: number): LiveJob => ({ id, title: id, startedAt: 0, record: jobRecord(id, 'failed', { parent: { kind: 'batch', id: batch, index } }) });
    const jobs = [take('a', 'b1', 0), take('b', 'b1', 3), take('c', 'b2', 0), take('d', 'b2', 1), { id: 'e', title: 'e', startedAt: 0, record: jobRecord('e', 'saved') }];
    countBatches(jobs);
    assert.deepEqual(jobs.map((job) => job.batchCount), [4, 4, 2, 2, undefined]);
  });
});
