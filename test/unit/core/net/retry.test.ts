import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withRetries } from '../../../../src/core/net/retry';
import { WanError } from '../../../../src/core/errors/wanError';
import { virtualClock } from '../../../support/clocks';

const failure = (retryable: boolean, retryAfterMs?: number) => new WanError({ kind: retryable ? 'server' : 'auth', summary: { en: 'x', zh: 'x' }, retryable, retryAfterMs });
/** An operation that throws `errors` in turn, then answers 'done'; it records the attempt numbers it was given. */
function flaky(...errors: unknown[]) {
  const attempts: number[] = [];
  return { attempts, run: async (attempt: number) => { attempts.push(attempt); if (errors.length) throw errors.shift(); return 'done'; } };
}
const FIXED = { baseMs: 1000, capMs: 30_000, random: () => 1 };

describe('retrying an operation', () => {
  it('tries again after each retryable failure, backing off, until it succeeds', async () => {
    const time = virtualClock();
    const op = flaky(failure(true), failure(true));
    const retries: Array<[number, number]> = [];
    const result = await withRetries(op.run, { clock: time.clock, attempts: 5, ...FIXED, onRetry: (_error, delay, attempt) => retries.push([delay, attempt]) });
    assert.equal(result, 'done');
    assert.deepEqual(op.attempts, [1, 2, 3]);
    assert.deepEqual(time.sleeps, [1000, 2000]);
    assert.deepEqual(retries, [[1000, 1], [2000, 2]]);
  });

  it('waits at least what Retry-After asked, never less than the backoff', async () => {
    const time = virtualClock();
    await withRetries(flaky(failure(true, 7000), failure(true, 10)).run, { clock: time.clock, attempts: 3, ...FIXED });
    assert.deepEqual(time.sleeps, [7000, 2000]);
  });

  it('gives up after its attempts with the last failure', async () => {
    const time = virtualClock();
    const last = failure(true);
    const op = flaky(failure(true), failure(true), last);
    await assert.rejects(withRetries(op.run, { clock: time.clock, attempts: 3, ...FIXED }), (error) => error === last);
    assert.equal(op.attempts.length, 3);
    assert.equal(time.sleeps.length, 2);
  });

  it('does not retry a failure for good, nor anything that is not a WanError', async () => {
    for (const error of [failure(false), new TypeError('bug')]) {
      const time = virtualClock();
      const op = flaky(error);
      await assert.rejects(withRetries(op.run, { clock: time.clock, attempts: 5 }), (thrown) => thrown === error);
      assert.deepEqual([op.attempts.length, time.sleeps.length], [1, 0]);
    }
  });

  it('lets the caller decide what is retried', async () => {
    const time = virtualClock();
    const result = await withRetries(flaky(failure(false)).run, { clock: time.clock, attempts: 2, ...FIXED, shouldRetry: (error) => error.kind === 'auth' });
    assert.equal(result, 'done');
    const refused = flaky(failure(true));
    await assert.rejects(withRetries(refused.run, { clock: time.clock, attempts: 2, shouldRetry: () => false }));
    assert.equal(refused.attempts.length, 1);
  });

  it('stops at once when its signal aborts: during the wait as the aborted error, before it with the failure itself', async () => {
    const time = virtualClock();
    const controller = new AbortController();
    const op = flaky(failure(true), failure(true));
    const options = { clock: time.clock, attempts: 5, signal: controller.signal, onRetry: () => controller.abort() };
    await assert.rejects(withRetries(op.run, options), (error: WanError) => error.kind === 'aborted');
    assert.equal(op.attempts.length, 1);
    const first = failure(true);
    await assert.rejects(withRetries(flaky(first).run, { clock: time.clock, attempts: 5, signal: AbortSignal.abort() }), (error) => error === first);
  });
});

describe('a Retry-After far longer than a pause', () => {
  it('is honoured up to two minutes, then the operation is tried again', async () => {
    const time = virtualClock();
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1) throw new WanError({ kind: 'rate-limit', summary: { en: 'slow', zh: '慢' }, retryable: true, retryAfterMs: 86_400_000 });
        return 'ok';
      },
      { clock: time.clock, attempts: 2, random: () => 0 },
    );
    assert.equal(result, 'ok');
    assert.deepEqual(time.sleeps, [120_000]);
  });
});
