import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobFeed, recentJobs } from '../../../../../src/host/engine/panel/jobFeed';
import type { JobView } from '../../../../../src/shared/protocol';

const view = (id: string, phase = 'Generating'): JobView => ({ id, title: id, model: 'wan2.2-kf2v-flash', status: 'running', phase, startedAt: 1, hasSound: false, canCancel: true, canRetry: false });
const [a, b, c] = [view('a'), view('b'), view('c')];

describe('what the page is sent so its job list matches', () => {
  it('the whole list first, and again whenever a job came or went', () => {
    const feed = new JobFeed();
    assert.deepEqual(feed.messages([a, b]), [{ type: 'jobs', jobs: [a, b] }]);
    assert.deepEqual(feed.messages([c, a, b]), [{ type: 'jobs', jobs: [c, a, b] }], 'one came');
    assert.deepEqual(feed.messages([c, a]), [{ type: 'jobs', jobs: [c, a] }], 'one went');
    assert.deepEqual(feed.messages([c, b]), [{ type: 'jobs', jobs: [c, b] }], 'one went and another came');
    assert.deepEqual(feed.messages([]), [{ type: 'jobs', jobs: [] }], 'all went');
  });

  it('each job that changed alone, and nothing when nothing changed', () => {
    const feed = new JobFeed();
    feed.messages([a, b, c]);
    assert.deepEqual(feed.messages([a, b, c]), []);
    assert.deepEqual(feed.messages([view('a'), b, c]), [], 'an equal copy is no change');
    const [a2, c2] = [view('a', 'Downloading'), { ...c, taskId: 'task-c' }];
    assert.deepEqual(feed.messages([a2, b, c2]), [{ type: 'job', job: a2 }, { type: 'job', job: c2 }]);
    assert.deepEqual(feed.messages([a2, b, c2]), [], 'what was sent is remembered');
  });

  it('after a reset (the page reloaded) the whole list again', () => {
    const feed = new JobFeed();
    feed.messages([a]);
    feed.reset();
    assert.deepEqual(feed.messages([a]), [{ type: 'jobs', jobs: [a] }]);
  });

  it('the list sent is a copy: the caller changing its array later changes nothing sent', () => {
    const views = [a];
    const [sent] = new JobFeed().messages(views);
    views.push(b);
    assert.equal(sent?.type === 'jobs' && sent.jobs.length, 1);
  });
});

describe('the jobs the panel lists', () => {
  const job = (id: string, batch?: string) => ({ id, record: batch ? { parent: { kind: 'batch', id: batch } } : {} });

  it('the last ten, and every take of a batch among them, so a batch of 8 is never cut in half', () => {
    const jobs = [job('a', 'b1'), ...Array.from({ length: 9 }, (_, i) => job(`single-${i}`)), job('a2', 'b1'), job('a3', 'b1'), job('old')];
    const listed = recentJobs(jobs).map((listedJob) => listedJob.id);
    assert.equal(listed.length, 12);
    assert.ok(listed.includes('a2') && listed.includes('a3'), 'the rest of the batch');
    assert.ok(!listed.includes('old'), 'an eleventh single job is not listed');
  });
});
