import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { beijingTimeText, FUTURE_SLACK_MS, listedTimes, queriedTimes } from '../../../../src/core/service/taskTimes';
import { ListedTaskSchema } from '../../../../src/core/service/schemas';
import { parseBeijingTime } from '../../../../src/core/base/serviceTime';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const text = (ms: number) => beijingTimeText(ms);
const listed = (fields: Record<string, unknown>) => ListedTaskSchema.parse({ task_id: 't-1', ...fields });

describe("a task's times", () => {
  it('writes times as a task query does (UTC+8), and reads them back to the millisecond', () => {
    assert.equal(beijingTimeText(Date.UTC(2026, 11, 1, 16, 30, 5, 7)), '2026-12-02 00:30:05.007');
    assert.equal(parseBeijingTime(text(NOW - 1234)), NOW - 1234);
  });

  it('a query answer: submitted, scheduled and ended as epoch ms', () => {
    const times = queriedTimes({ submit_time: text(NOW - 60_000), scheduled_time: text(NOW - 50_000), end_time: text(NOW - 1_000) }, NOW);
    assert.deepEqual(times, { submittedAt: NOW - 60_000, scheduledAt: NOW - 50_000, endedAt: NOW - 1_000 });
  });

  it('leaves out a time that cannot be read, lies in the future, or comes before what it follows', () => {
    assert.deepEqual(queriedTimes({ submit_time: 'yesterday', scheduled_time: text(NOW - 50_000) }, NOW), { scheduledAt: NOW - 50_000 });
    assert.deepEqual(queriedTimes({ submit_time: text(NOW - 60_000), scheduled_time: text(NOW + FUTURE_SLACK_MS + 60_000) }, NOW), { submittedAt: NOW - 60_000 });
    assert.deepEqual(queriedTimes({ submit_time: text(NOW - 60_000), scheduled_time: text(NOW - 70_000) }, NOW), { submittedAt: NOW - 60_000 }, 'started before it was submitted');
    assert.deepEqual(queriedTimes({ scheduled_time: text(NOW - 60_000), end_time: text(NOW - 70_000) }, NOW), { scheduledAt: NOW - 60_000 }, 'ended before it started');
    assert.deepEqual(queriedTimes({ submit_time: text(NOW + 30_000) }, NOW), { submittedAt: NOW + 30_000 }, 'a clock a little ahead is a clock, not a wrong time');
  });

  it('a listed task: epoch ms; a PENDING task has no start, and numbers that are not recent times are dropped', () => {
    assert.deepEqual(listedTimes(listed({ status: 'RUNNING', gmt_create: NOW - 60_000, start_time: NOW - 59_000 }), NOW), { submittedAt: NOW - 60_000, scheduledAt: NOW - 59_000 });
    assert.deepEqual(listedTimes(listed({ status: 'PENDING', gmt_create: NOW - 60_000, start_time: NOW - 60_000 }), NOW), { submittedAt: NOW - 60_000 });
    assert.deepEqual(listedTimes(listed({ status: 'RUNNING', gmt_create: Math.floor((NOW - 60_000) / 1000), start_time: NOW - 59_000 }), NOW), { scheduledAt: NOW - 59_000 }, 'seconds, not milliseconds');
    assert.deepEqual(listedTimes(listed({ status: 'SUCCEEDED', gmt_create: NOW + 8 * 3600_000 - 60_000, start_time: NOW - 59_000, end_time: NOW - 1000 }), NOW), { scheduledAt: NOW - 59_000, endedAt: NOW - 1000 }, 'eight hours ahead: another time zone');
    assert.deepEqual(listedTimes(listed({ status: 'RUNNING' }), NOW), {});
  });
});
