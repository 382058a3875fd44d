import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WanError } from '../../../src/core/errors';
import { canRetry, isActive, JOB_STATUSES, settle } from '../../../src/core/lifecycle';
import { jobRecord } from '../../fixtures/records';

const RECORD = jobRecord('job-1', 'submitted', { taskId: 'task-1' });
const error = (kind: WanError['kind'], extra: Partial<ConstructorParameters<typeof WanError>[0]> = {}) => new WanError({ kind, summary: { en: kind, zh: kind }, ...extra });

describe('a job\'s end is settled in one place', () => {
  it('CANCELED on the service → canceled, nothing to show', () => {
    const settled = settle(RECORD, { error: error('canceled') });
    assert.deepEqual([settled.status, settled.record.state, settled.error], ['canceled', 'canceled', undefined]);
  });

  it('a cancel the service accepted, then the wait aborted → canceled, not stopped', () => {
    const settled = settle(RECORD, { error: error('aborted'), canceledOnService: true });
    assert.deepEqual([settled.status, settled.record.state], ['canceled', 'canceled']);
  });

  it('the wait aborted while a task exists → stopped: the record stays resumable, paused', () => {
    const settled = settle(RECORD, { error: error('aborted') });
    assert.deepEqual([settled.status, settled.record.state, settled.record.paused], ['stopped', 'submitted', true]);
    assert.equal(canRetry(settled.status, settled.record, settled.error), true);
  });

  it('aborted before any task → failed (nothing to resume)', () => {
    const settled = settle({ ...RECORD, taskId: undefined, state: 'preparing' }, { error: error('aborted') });
    assert.deepEqual([settled.status, settled.record.state], ['failed', 'failed']);
    assert.equal(canRetry(settled.status, settled.record, settled.error), false);
  });

  it('a create whose fate is unknown → unconfirmed, kept with its error', () => {
    const settled = settle({ ...RECORD, taskId: undefined, state: 'submitting' }, { error: error('unconfirmed') });
    assert.deepEqual([settled.status, settled.record.state, settled.record.error?.kind], ['unconfirmed', 'failed', 'unconfirmed']);
  });

  it('a failure keeps its step and whether it can be retried; Retry needs a task and a retryable error', () => {
    const failed = settle(RECORD, { error: error('network', { step: 'download', retryable: true, videoKeptUntil: 1 }) });
    assert.deepEqual([failed.status, failed.record.error?.step, failed.record.error?.retryable], ['failed', 'download', true]);
    assert.equal(canRetry(failed.status, failed.record, failed.error), true);
    const final = settle(RECORD, { error: error('moderation', { step: 'generation' }) });
    assert.equal(canRetry(final.status, final.record, final.error), false);
    assert.equal(canRetry('failed', { taskId: undefined }, error('network', { retryable: true })), false, 'no task, nothing to retry');
  });

  it('every status is either on its way or an end', () => {
    const ends = JOB_STATUSES.filter((status) => !isActive(status));
    assert.deepEqual(ends, ['saved', 'failed', 'canceled', 'stopped', 'unconfirmed']);
  });
});
