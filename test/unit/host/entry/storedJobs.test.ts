import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JobStore } from '../../../../src/host/engine/jobs/jobStore';
import { hasUnfinishedJobs, RECORDS_KEY } from '../../../../src/host/entry/storedJobs';
import { END_STATUSES, JOB_STATUSES, isEnded } from '../../../../src/shared/jobStatus';
import { FIXTURES } from '../../../support/files';
import { MemoryMemento } from '../../../support/fixtures/memento';
import { jobRecord } from '../../../support/fixtures/records';

const version1 = async () => JSON.parse(await readFile(path.join(FIXTURES, 'd5f53d2', 'jobs.json'), 'utf8')) as Array<Record<string, unknown>>;

describe('a cheap look at whether stored records hold a job still on its way', () => {
  it('nothing stored, or something that is no list, holds none', () => {
    for (const raw of [undefined, null, {}, 'jobs', 3, [], [null, 'x', 7]]) assert.equal(hasUnfinishedJobs(raw), false, JSON.stringify(raw));
  });

  it('current records: any status but an end', () => {
    const ended = END_STATUSES.map((status) => jobRecord(`job-${status}`, status));
    assert.equal(hasUnfinishedJobs(ended), false);
    for (const status of JOB_STATUSES.filter((each) => !isEnded(each))) assert.equal(hasUnfinishedJobs([...ended, jobRecord('job', status)]), true, status);
    assert.equal(hasUnfinishedJobs([{ ...jobRecord('job', 'pending'), status: 'submitted' }]), false, 'a version-1 state in a version-2 record');
  });

  it('version-1 records: one on its way and not paused', async () => {
    const stored = await version1();
    const unpaused = stored.filter((record) => record.state === 'submitted' && !record.paused);
    const paused = stored.filter((record) => record.paused === true);
    const ended = stored.filter((record) => record.state === 'failed' || record.state === 'saved');
    assert.ok(unpaused.length > 0 && paused.length > 0 && ended.length > 0, 'the fixture holds all three');
    assert.equal(hasUnfinishedJobs(stored), true);
    assert.equal(hasUnfinishedJobs(unpaused.slice(0, 1)), true);
    assert.equal(hasUnfinishedJobs([...paused, ...ended]), false);
  });

  it('reads what the engine keeps under RECORDS_KEY', async () => {
    const state = new MemoryMemento();
    const store = new JobStore(state, 'window-1');
    await store.put(jobRecord('job-a', 'saved'));
    assert.equal(hasUnfinishedJobs(state.get(RECORDS_KEY)), false);
    await store.put(jobRecord('job-b', 'running', { taskId: 't-b' }));
    assert.equal(hasUnfinishedJobs(state.get(RECORDS_KEY)), true);
  });
});
