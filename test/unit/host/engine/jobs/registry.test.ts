import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JobRecord } from '../../../../../src/core/job/jobRecord';
import type { Finished, LiveJob } from '../../../../../src/host/engine/jobs/liveJob';
import { JobRegistry } from '../../../../../src/host/engine/jobs/registry';
import { jobRecord } from '../../../../support/fixtures/records';

const live = (id: string, status: JobRecord['status'], startedAt: number, extra: Partial<JobRecord> = {}): LiveJob => ({ id, title: id, record: jobRecord(id, status, extra), startedAt });

describe("the jobs a window knows", () => {
  it('lists newest first, and forgets a job another window took over', () => {
    const registry = new JobRegistry();
    for (const job of [live('old', 'saved', 1), live('new', 'pending', 3), live('mid', 'running', 2)]) registry.add(job);
    assert.deepEqual(registry.list().map((job) => job.startedAt), [3, 2, 1]);
    registry.remove('mid');
    assert.equal(registry.has('mid'), false);
    assert.equal(registry.get('mid'), undefined);
    assert.deepEqual(registry.list().map((job) => job.id), ['new', 'old']);
  });

  it('counts the jobs of a model on their way: not ended, not queued locally, not of another model', () => {
    const registry = new JobRegistry();
    registry.add(live('a', 'running', 1));
    registry.add(live('b', 'submitting', 2));
    registry.add(live('c', 'waiting-for-slot', 3));
    registry.add(live('d', 'failed', 4));
    registry.add(live('e', 'pending', 5, { family: 'wan2.7-i2v' }));
    assert.equal(registry.active('wan2.2-kf2v-flash'), 2);
    assert.equal(registry.active('wan2.7-i2v'), 1);
    assert.deepEqual(registry.running().map((job) => job.id), ['e', 'c', 'b', 'a']);
  });

  it('knows the task ids its jobs hold', () => {
    const registry = new JobRegistry();
    registry.add(live('a', 'pending', 1, { taskId: 'task-a' }));
    assert.equal(registry.knownTaskIds.has('task-a'), true);
    assert.equal(registry.knownTaskIds.has('task-b'), false);
  });

  it('a status set replaces the record (the old one is left as it was)', () => {
    const registry = new JobRegistry();
    const job = live('a', 'pending', 1);
    const before = job.record;
    registry.setStatus(job, 'running');
    assert.equal(job.record.status, 'running');
    assert.equal(before.status, 'pending');
  });

  it('tells its listeners of changes and ends, until disposed', () => {
    const registry = new JobRegistry();
    let changes = 0;
    const ends: Finished[] = [];
    registry.onDidChange(() => changes++);
    registry.onDidFinish((finished) => ends.push(finished));
    const job = live('a', 'saved', 1);
    registry.changed();
    registry.finished({ job });
    assert.equal(changes, 1);
    assert.equal(ends[0]?.job, job);
    registry.dispose();
    registry.changed();
    registry.finished({ job });
    assert.equal(changes, 1);
    assert.equal(ends.length, 1);
  });
});
