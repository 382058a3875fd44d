import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { backoffMs, systemClock } from '../../../../src/core/base/clock';

describe('the system clock', () => {
  it('tells the time of the machine', () => {
    const before = Date.now();
    const now = systemClock.now();
    assert.ok(now >= before && now <= Date.now(), `${now} is not between ${before} and now`);
  });

  it('refuses at once to sleep on a signal that already aborted, with its reason', async () => {
    const reason = new Error('stopped before');
    await assert.rejects(systemClock.sleep(60_000, AbortSignal.abort(reason)), (error) => error === reason);
  });

  it('wakes with the signal\'s reason as soon as it aborts, long before the wait is over', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped');
    const sleeping = systemClock.sleep(3_600_000, controller.signal);
    controller.abort(reason);
    await assert.rejects(sleeping, (error) => error === reason);
  });

  it('stops listening to the signal once a wait is over', async () => {
    const controller = new AbortController();
    await systemClock.sleep(-1_000, controller.signal);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });
});

describe('backoff', () => {
  const low = () => 0;
  const high = () => 1;

  it('doubles with each failure, from half to all of its ceiling', () => {
    assert.equal(backoffMs(1, 1000, 30_000, low), 500);
    assert.equal(backoffMs(1, 1000, 30_000, high), 1000);
    assert.equal(backoffMs(3, 1000, 30_000, high), 4000);
    assert.equal(backoffMs(3, 1000, 30_000, () => 0.5), 3000);
  });

  it('never exceeds its cap however many failures came before', () => {
    assert.equal(backoffMs(20, 1000, 30_000, high), 30_000);
    assert.equal(backoffMs(20, 1000, 30_000, low), 15_000);
  });

  it('counts no failure yet like the first one', () => {
    assert.equal(backoffMs(0, 800, 30_000, high), 800);
  });

  it('stays within its bounds with the real random source', () => {
    for (let i = 0; i < 50; i++) {
      const wait = backoffMs(2);
      assert.ok(wait >= 1000 && wait <= 2000, `${wait}`);
    }
  });
});
