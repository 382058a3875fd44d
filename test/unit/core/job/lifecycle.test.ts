import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WanError } from '../../../../src/core/errors/wanError';
import { canRetry, reopen, settle, statusOfTask } from '../../../../src/core/job/lifecycle';
import { isEnded } from '../../../../src/shared/jobStatus';
import { jobRecord } from '../../../support/fixtures/records';

const RECORD = jobRecord('job-1', 'pending', { taskId: 'task-1' });
const error = (kind: WanError['kind'], extra: Partial<ConstructorParameters<typeof WanError>[0]> = {}) => new WanError({ kind, summary: { en: kind, zh: kind }, ...extra });

describe('a job\'s end is settled in one place', () => {
  it('CANCELED on the service → canceled, nothing to show', () => {
    const settled = settle(RECORD, { error: error('canceled') });
    assert.deepEqual([settled.status, settled.record.status, settled.error], ['canceled', 'canceled', undefined]);
  });

  it('a cancel the service accepted, then the wait aborted → canceled, not stopped', () => {
    const settled = settle(RECORD, { error: error('aborted'), canceledOnService: true });
    assert.deepEqual([settled.status, settled.record.status], ['canceled', 'canceled']);
  });

  it('the wait aborted while a task exists → stopped: an end that Retry can reopen', () => {
    const settled = settle(RECORD, { error: error('aborted') });
    assert.deepEqual([settled.status, settled.record.status], ['stopped', 'stopped']);
    assert.equal(canRetry(settled.record, settled.error), true);
  });

  it('aborted before any task → failed (nothing to resume)', () => {
    const settled = settle({ ...RECORD, taskId: undefined, status: 'preparing' }, { error: error('aborted') });
    assert.deepEqual([settled.status, settled.record.status], ['failed', 'failed']);
    assert.equal(canRetry(settled.record, settled.error), false);
  });

  it('a create whose fate is unknown → unconfirmed, kept with its error', () => {
    const settled = settle({ ...RECORD, taskId: undefined, status: 'submitting' }, { error: error('unconfirmed') });
    assert.deepEqual([settled.status, settled.record.status, settled.record.error?.kind], ['unconfirmed', 'unconfirmed', 'unconfirmed']);
  });

  it('a failure keeps its step and whether it can be retried; Retry needs a task and a retryable error', () => {
    const failed = settle(RECORD, { error: error('network', { step: 'download', retryable: true, videoKeptUntil: 1 }) });
    assert.deepEqual([failed.status, failed.record.error?.step, failed.record.error?.retryable], ['failed', 'download', true]);
    assert.equal(canRetry(failed.record, failed.error), true);
    const final = settle(RECORD, { error: error('moderation', { step: 'generation' }) });
    assert.equal(canRetry(final.record, final.error), false);
    assert.equal(canRetry({ status: 'failed', taskId: undefined }, error('network', { retryable: true })), false, 'no task, nothing to retry');
    assert.equal(canRetry({ status: 'running', taskId: 't' }, undefined), false, 'a job on its way is not retried');
  });

  it('every status settle() writes is an end, and the record carries it', () => {
    const kinds: WanError['kind'][] = ['canceled', 'aborted', 'unconfirmed', 'network', 'moderation', 'internal'];
    for (const kind of kinds) {
      for (const record of [RECORD, { ...RECORD, taskId: undefined }]) {
        const settled = settle(record, { error: error(kind) });
        assert.ok(isEnded(settled.status), `${kind} → ${settled.status}`);
        assert.equal(settled.record.status, settled.status);
      }
    }
  });
});

describe('Retry reopens an ended job', () => {
  it('to poll its task again: pending, no error, the same task; Save As moves where it lands', () => {
    const stopped = settle(RECORD, { error: error('aborted') }).record;
    const reopened = reopen(stopped);
    assert.deepEqual([reopened.status, reopened.error, reopened.taskId], ['pending', undefined, 'task-1']);
    const moved = reopen(stopped, { outputDir: '/elsewhere', baseName: 'cut' });
    assert.deepEqual([moved.outputDir, moved.baseName], ['/elsewhere', 'cut']);
  });
});

describe('the service\'s task states', () => {
  it('PENDING and RUNNING are statuses of the job; the ends are decided by the poll', () => {
    assert.deepEqual(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'UNKNOWN'].map(statusOfTask), ['pending', 'running', undefined, undefined, undefined]);
  });
});
