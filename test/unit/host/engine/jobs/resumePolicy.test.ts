import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobRecord } from '../../../../../src/core/job/jobRecord';
import { resumeDecision } from '../../../../../src/host/engine/jobs/resumePolicy';
import { END_STATUSES } from '../../../../../src/shared/jobStatus';
import { jobRecord } from '../../../../support/fixtures/records';

const DAY = 24 * 3600_000;
const record = (status: JobRecord['status'], extra: Partial<JobRecord> = {}) => jobRecord('job-1', status, extra);
const created = Date.parse(record('pending').createdAt);

describe('what a new window does with a stored record', () => {
  it('a job that ended is history, task or not', () => {
    for (const status of END_STATUSES) {
      assert.equal(resumeDecision(record(status, { taskId: 't-1' }), created + 60_000).action, 'history', status);
      assert.equal(resumeDecision(record(status), created + 2 * DAY).action, 'history', status);
    }
  });

  it('stopped before any create was sent: it ends as aborted, however recent', () => {
    for (const status of ['waiting-for-slot', 'preparing', 'uploading'] as const) {
      const decision = resumeDecision(record(status), created + 1_000);
      assert.equal(decision.action, 'end', status);
      assert.equal(decision.action === 'end' && decision.error.kind, 'aborted', status);
    }
  });

  it('a create in flight is adopted within 24 hours, and ends expired after', () => {
    assert.equal(resumeDecision(record('submitting'), created + 3_600_000).action, 'adopt');
    const late = resumeDecision(record('submitting'), created + DAY + 1);
    assert.equal(late.action === 'end' && late.error.kind, 'expired');
  });

  it('a task is polled again up to 24 hours after the job began; after that it ends expired, naming its task', () => {
    for (const status of ['submitting', 'pending', 'running', 'downloading', 'saving'] as const) {
      assert.equal(resumeDecision(record(status, { taskId: 't-1' }), created + DAY).action, 'continue', status);
    }
    const late = resumeDecision(record('running', { taskId: 't-1' }), created + DAY + 1);
    assert.equal(late.action, 'end');
    assert.equal(late.action === 'end' && late.error.kind, 'expired');
    assert.equal(late.action === 'end' && late.error.taskId, 't-1');
  });
});
