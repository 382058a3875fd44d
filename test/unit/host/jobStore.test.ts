import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { JobRecord } from '../../../src/core/jobRecord';
import { awaitsResume, JOB_STATES, progressOf } from '../../../src/core/lifecycle';
import { hasUnfinishedJobs } from '../../../src/host/entry/storedJobs';
import { JobStore } from '../../../src/host/engine/jobStore';
import { JsonFile } from '../../../src/host/entry/jsonFile';
import { MemoryMemento } from '../../fixtures/memento';
import { jobRecord } from '../../fixtures/records';
import { tempDir } from '../helpers';

const record = jobRecord;

describe('job records survive a workbench that lost its latest state', () => {
  it('every put reaches the file at once; recover() takes back what globalState lost, and never a stale copy', async () => {
    const file = new JsonFile(path.join(await tempDir('wk-store-'), 'jobs.json'));
    const before = new MemoryMemento();
    const store = new JobStore(before, 'window-a', Date.now, file);
    await store.put(record('job-a', 'preparing'));
    await store.put(record('job-b', 'submitted', { taskId: 't-b' }));
    await store.put(record('job-a', 'submitting', { createSentAt: '2026-11-25T00:00:01Z' }));

    // A reload of VS Code for the Web that kept only an older flush: job-a still preparing, job-b saved later on.
    const after = new MemoryMemento();
    await after.update('wanKeyframes.jobs.v1', [record('job-a', 'preparing'), record('job-b', 'saved', { taskId: 't-b', videoPath: '/tmp/b.mp4' })]);
    const reloaded = new JobStore(after, 'window-a', Date.now, file);
    assert.equal(await reloaded.recover(), 1);
    const byId = new Map(reloaded.all().map((item) => [item.id, item]));
    assert.equal(byId.get('job-a')?.state, 'submitting', 'the create in flight is known again');
    assert.equal(byId.get('job-b')?.state, 'saved', 'a later state in globalState is not rolled back');
    assert.equal(await reloaded.recover(), 0, 'nothing more to take back');
  });

  it('a lost record comes back whole; a missing or broken file changes nothing', async () => {
    const dir = await tempDir('wk-store-');
    const file = new JsonFile(path.join(dir, 'jobs.json'));
    await new JobStore(new MemoryMemento(), 'w', Date.now, file).put(record('job-c', 'downloading', { taskId: 't-c' }));
    const empty = new JobStore(new MemoryMemento(), 'w', Date.now, file);
    assert.equal(await empty.recover(), 1);
    assert.deepEqual(empty.all().map((item) => [item.id, item.taskId]), [['job-c', 't-c']]);

    assert.equal(await new JobStore(new MemoryMemento(), 'w', Date.now, new JsonFile(path.join(dir, 'absent.json'))).recover(), 0);
    // What the caller has just read is used as is: the absent file is not consulted again.
    const handed = new JobStore(new MemoryMemento(), 'w', Date.now, new JsonFile(path.join(dir, 'absent.json')));
    assert.equal(await handed.recover({ mirrored: [record('job-d', 'submitted', { taskId: 't-d' })] }), 1);
    assert.deepEqual(handed.all().map((item) => item.id), ['job-d']);
    const broken = new JsonFile(path.join(dir, 'broken.json'));
    await broken.write([{ id: 'no-schema' }, 'nonsense']);
    assert.equal(await new JobStore(new MemoryMemento(), 'w', Date.now, broken).recover(), 0);
  });
});

describe('how far along a record is', () => {
  it('follows the order of the states, and every end ranks alike', () => {
    const ranks = JOB_STATES.map(progressOf);
    assert.deepEqual(ranks, [0, 1, 2, 3, 4, 4, 4]);
  });
});

describe('which stored jobs a new window picks up', () => {
  it('those on their way and not paused, parsed or raw, and nothing from a value of the wrong shape', () => {
    assert.deepEqual(JOB_STATES.filter((state) => awaitsResume({ state })), ['preparing', 'submitting', 'submitted', 'downloading']);
    assert.equal(awaitsResume(record('job-p', 'submitted', { paused: true })), false);
    assert.equal(awaitsResume(record('job-r', 'submitted')), true);
    for (const odd of [null, undefined, 'submitted', 3, [], { state: 'SUBMITTED' }]) assert.equal(awaitsResume(odd), false);
    assert.equal(hasUnfinishedJobs([null, { state: 'saved' }, { state: 'downloading', paused: true }]), false);
    assert.equal(hasUnfinishedJobs([null, { state: 'saved' }, { state: 'downloading' }]), true);
    assert.equal(hasUnfinishedJobs({ state: 'downloading' }), false);
  });
});

describe('a window reading back its own records', () => {
  it('never sees a job at an earlier stage than it wrote, even when globalState hands back an older value', async () => {
    const file = new JsonFile(path.join(await tempDir('wk-store-'), 'jobs.json'));
    const state = new MemoryMemento();
    const store = new JobStore(state, 'window-a', Date.now, file);
    await store.put(record('job-a', 'downloading', { taskId: 't-a' }));
    const older = state.get('wanKeyframes.jobs.v1');
    await store.put(record('job-a', 'saved', { taskId: 't-a', videoPath: '/tmp/a.mp4' }));
    // The workbench echoes an older value back into the extension host.
    await state.update('wanKeyframes.jobs.v1', older);
    await store.put(record('job-bb', 'submitted', { taskId: 't-b' }));

    const byId = new Map(store.all().map((item) => [item.id, item.state]));
    assert.equal(byId.get('job-a'), 'saved');
    const stored = new Map((state.get<JobRecord[]>('wanKeyframes.jobs.v1') ?? []).map((item) => [item.id, item.state]));
    assert.equal(stored.get('job-a'), 'saved', 'the next write put the saved record back in globalState');
    const mirrored = new Map(((await file.read()) as JobRecord[]).map((item) => [item.id, item.state]));
    assert.equal(mirrored.get('job-a'), 'saved', 'and in the file');
  });
});
