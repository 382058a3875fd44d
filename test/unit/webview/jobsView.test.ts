import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobView } from '../../../src/shared/protocol';
import { jobsItems, jobsView } from '../../../src/webview/jobsView';

const job = (id: string, batch?: { id: string; index: number; count: number }): JobView =>
  ({ id, title: id, model: 'wan2.2-kf2v-flash', status: 'running', phase: 'Generating', startedAt: 0, hasSound: false, canCancel: true, canRetry: false, batch }) as JobView;

describe('the jobs section: batches as one card, other jobs as their own', () => {
  it('groups the takes of a batch where its newest take is, in their order; lone jobs stay where they are', () => {
    const b = (index: number) => ({ id: 'b1', index, count: 3 });
    const items = jobsItems([job('solo-new'), job('t3', b(2)), job('t1', b(0)), job('solo-old'), job('t2', b(1))]);
    assert.deepEqual(
      items.map((item) => item.key),
      ['job:solo-new', 'batch:b1', 'job:solo-old'],
    );
    const batch = items[1];
    assert.ok(batch?.kind === 'batch');
    assert.deepEqual(batch.jobs.map((take) => take.id), ['t1', 't2', 't3']);
  });

  it('two batches are two cards; keys stay the same as takes move on', () => {
    const before = jobsItems([job('x2', { id: 'x', index: 1, count: 2 }), job('y1', { id: 'y', index: 0, count: 2 }), job('x1', { id: 'x', index: 0, count: 2 })]);
    const after = jobsItems([job('x2', { id: 'x', index: 1, count: 2 }), job('y1', { id: 'y', index: 0, count: 2 }), job('x1', { id: 'x', index: 0, count: 2 }), job('y2', { id: 'y', index: 1, count: 2 })]);
    assert.deepEqual(before.map((item) => item.key), ['batch:x', 'batch:y']);
    assert.deepEqual(after.map((item) => item.key), before.map((item) => item.key));
  });

  it('no jobs: no section', () => {
    assert.equal(jobsItems([]).length, 0);
    assert.equal(typeof jobsView({ jobs: [], strings: {} as never, post: () => undefined }), 'symbol', "lit's nothing");
  });
});
