import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobStatus } from '../../../src/shared/jobStatus';
import { hasRetryable, slotCounts, slotLook } from '../../../src/webview/slots';

describe("a batch card's slots", () => {
  it('a take waiting for a slot here is queued; on its way, running; its end as the job card shows it', () => {
    const looks: Array<[JobStatus, string]> = [
      ['waiting-for-slot', 'queued'],
      ['preparing', 'running'],
      ['pending', 'running'],
      ['downloading', 'running'],
      ['saved', 'saved'],
      ['failed', 'failed'],
      ['unconfirmed', 'failed'],
      ['stopped', 'stopped'],
      ['canceled', 'canceled'],
    ];
    for (const [status, look] of looks) assert.equal(slotLook(status), look, status);
  });

  it('counts each state once, saved first, and leaves out states with none', () => {
    const statuses: JobStatus[] = ['saved', 'running', 'failed', 'waiting-for-slot', 'saved', 'unconfirmed'];
    assert.deepEqual(slotCounts(statuses.map((status) => ({ status }))), [
      ['saved', 2],
      ['running', 1],
      ['queued', 1],
      ['failed', 2],
    ]);
    assert.deepEqual(slotCounts([]), []);
  });

  it('"retry failed" shows only for a take that ended without its video and that Retry can help', () => {
    assert.equal(hasRetryable([{ status: 'failed', canRetry: true }]), true);
    assert.equal(hasRetryable([{ status: 'stopped', canRetry: true }]), true);
    assert.equal(hasRetryable([{ status: 'failed', canRetry: false }, { status: 'saved', canRetry: false }]), false);
    assert.equal(hasRetryable([{ status: 'running', canRetry: true }]), false);
  });
});
