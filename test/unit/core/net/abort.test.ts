import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../../../../src/core/base/clock';
import { abortedError, pause } from '../../../../src/core/net/abort';
import { WanError } from '../../../../src/core/errors/wanError';
import { virtualClock } from '../../../support/clocks';

const failingClock = (error: unknown): Clock => ({ now: () => 0, sleep: async () => Promise.reject(error) });
const isAborted = (error: unknown) => error instanceof WanError && error.kind === 'aborted';

describe('a stop', () => {
  it('is the typed aborted error, naming its task when there is one, never retried', () => {
    const error = abortedError('t-9');
    assert.deepEqual([error.kind, error.taskId, error.retryable], ['aborted', 't-9', false]);
    assert.equal(abortedError().taskId, undefined);
  });
});

describe('a pause', () => {
  it('waits on the clock for as long as asked', async () => {
    const time = virtualClock();
    await pause(time.clock, 1500);
    await pause(time.clock, 250, new AbortController().signal);
    assert.deepEqual(time.sleeps, [1500, 250]);
  });

  it('becomes the aborted error when its signal aborts, whatever reason the signal gave', async () => {
    await assert.rejects(pause(virtualClock().clock, 1000, AbortSignal.abort(new Error('user closed the panel'))), isAborted);
    await assert.rejects(pause(failingClock(new WanError({ kind: 'network', summary: { en: 'n', zh: 'n' } })), 10, AbortSignal.abort()), isAborted);
  });

  it('passes on a typed error the clock threw without an abort', async () => {
    const timeout = new WanError({ kind: 'timeout', summary: { en: 't', zh: 't' } });
    await assert.rejects(pause(failingClock(timeout), 10), (error) => error === timeout);
  });

  it('turns anything else the clock threw into the aborted error', async () => {
    await assert.rejects(pause(failingClock(new Error('timer gone')), 10), isAborted);
  });
});
