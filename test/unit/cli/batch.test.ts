import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BatchTake, MAX_REQUEUES, refusedForLoad, runBatch, type TakeOutcome } from '../../../src/cli/batch';
import { WanError, type ErrorKind } from '../../../src/core/errors/wanError';
import type { JobResult } from '../../../src/core/job/jobDeps';
import { virtualClock } from '../../support/clocks';

const takes = (n: number): BatchTake[] => Array.from({ length: n }, (_, index) => ({ index, seed: 100 + index }));
const error = (kind: ErrorKind, extra: Partial<ConstructorParameters<typeof WanError>[0]> = {}) => new WanError({ kind, summary: { en: kind, zh: '错误' }, ...extra });
const result = (take: BatchTake) => ({ videoPath: `/v/${take.index}.mp4`, taskId: `t${take.index}` }) as unknown as JobResult;

/** A run whose takes settle when the test says so, recording how many were on their way at once. */
function controlled() {
  const pending = new Map<number, { resolve: (value: JobResult) => void; reject: (reason: unknown) => void }>();
  const started: number[] = [];
  let inFlight = 0;
  let most = 0;
  const run = (take: BatchTake) =>
    new Promise<JobResult>((resolve, reject) => {
      started.push(take.index);
      most = Math.max(most, ++inFlight);
      pending.set(take.index, {
        resolve: (value) => (inFlight--, resolve(value)),
        reject: (reason) => (inFlight--, reject(reason)),
      });
    });
  return { run, started, pending, most: () => most };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const saved = (outcomes: TakeOutcome[]) => outcomes.filter((outcome) => 'result' in outcome).map((outcome) => outcome.take.index);

describe('runBatch: the takes of a batch within the model’s concurrency', () => {
  it('starts in order and never has more than limit() on their way; every take ends saved', async () => {
    const { run, started, pending, most } = controlled();
    const batch = runBatch({ takes: takes(4), limit: () => 2, lower: () => undefined, run, clock: virtualClock().clock, signal: new AbortController().signal });
    await settle();
    assert.deepEqual(started, [0, 1]);
    pending.get(1)?.resolve(result({ index: 1, seed: 0 }));
    await settle();
    assert.deepEqual(started, [0, 1, 2]);
    for (const index of [0, 2]) pending.get(index)?.resolve(result({ index, seed: 0 }));
    await settle();
    pending.get(3)?.resolve(result({ index: 3, seed: 0 }));
    const outcomes = await batch;
    assert.equal(most(), 2);
    assert.deepEqual(saved(outcomes), [0, 1, 2, 3], 'outcomes in take order');
  });

  it('a failed take never stops its siblings', async () => {
    const outcomes = await runBatch({
      takes: takes(3),
      limit: () => 1,
      lower: () => undefined,
      run: async (take) => {
        if (take.index === 0) throw error('task-failed', { taskId: 't0' });
        return result(take);
      },
      clock: virtualClock().clock,
      signal: new AbortController().signal,
    });
    assert.deepEqual(saved(outcomes), [1, 2]);
    const first = outcomes[0];
    assert.ok(first && 'error' in first && first.started && first.error.kind === 'task-failed');
  });

  it('an account stop keeps the takes not yet started from being sent; a take already on its way goes on', async () => {
    const { run, started, pending } = controlled();
    const batch = runBatch({ takes: takes(4), limit: () => 2, lower: () => undefined, run, clock: virtualClock().clock, signal: new AbortController().signal });
    await settle();
    pending.get(1)?.reject(error('budget', { step: 'submit' }));
    await settle();
    assert.deepEqual(started, [0, 1], 'nothing new starts after the stop');
    pending.get(0)?.resolve(result({ index: 0, seed: 0 }));
    const outcomes = await batch;
    assert.deepEqual(saved(outcomes), [0]);
    for (const outcome of outcomes.slice(2)) assert.ok('error' in outcome && !outcome.started && outcome.error.kind === 'budget');
  });

  it('a create refused for load goes back to the queue after its backoff, lowers the limit, and is not a failure', async () => {
    const { clock, sleeps } = virtualClock();
    const lowered: number[] = [];
    let refusals = 0;
    const outcomes = await runBatch({
      takes: takes(2),
      limit: () => 2,
      lower: (running) => lowered.push(running),
      run: async (take) => {
        if (take.index === 1 && refusals++ === 0) throw error('concurrency', { step: 'submit', retryAfterMs: 3000 });
        return result(take);
      },
      clock,
      signal: new AbortController().signal,
      random: () => 0.5,
    });
    assert.deepEqual(saved(outcomes), [0, 1]);
    assert.ok(sleeps.includes(3000), `waited the service's Retry-After (${sleeps.join(', ')})`);
    assert.equal(lowered.length, 1);
    assert.ok(refusedForLoad(error('rate-limit', { step: 'submit' })));
    assert.ok(!refusedForLoad(error('rate-limit', { step: 'submit', taskId: 't' })), 'a task was made: not a refusal');
  });

  it(`a take refused for load more than ${MAX_REQUEUES} times ends with that refusal`, async () => {
    let runs = 0;
    const outcomes = await runBatch({
      takes: takes(1),
      limit: () => 1,
      lower: () => undefined,
      run: async () => {
        runs++;
        throw error('rate-limit', { step: 'submit' });
      },
      clock: virtualClock().clock,
      signal: new AbortController().signal,
      random: () => 0,
    });
    assert.equal(runs, MAX_REQUEUES + 1);
    assert.ok('error' in (outcomes[0] as TakeOutcome));
  });

  it('Ctrl+C: the takes not yet started end unsent; the one on its way reports its own end', async () => {
    const controller = new AbortController();
    const { run, started, pending } = controlled();
    const batch = runBatch({ takes: takes(3), limit: () => 1, lower: () => undefined, run, clock: virtualClock().clock, signal: controller.signal });
    await settle();
    controller.abort();
    pending.get(0)?.reject(error('aborted'));
    const outcomes = await batch;
    assert.deepEqual(started, [0]);
    assert.ok(outcomes.every((outcome) => 'error' in outcome && outcome.error.kind === 'aborted'));
    assert.deepEqual(
      outcomes.map((outcome) => 'error' in outcome && outcome.started),
      [true, false, false],
    );
  });
});
