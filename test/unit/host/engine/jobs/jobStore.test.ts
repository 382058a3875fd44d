import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { JobRecord } from '../../../../../src/core/job/jobRecord';
import { readFile } from 'node:fs/promises';
import { JobStore } from '../../../../../src/host/engine/jobs/jobStore';
import { JsonFile } from '../../../../../src/host/entry/jsonFile';
import { MemoryMemento } from '../../../../support/fixtures/memento';
import { jobRecord } from '../../../../support/fixtures/records';
import { FIXTURES, tempDir } from '../../../../support/files';

const record = jobRecord;

describe('job records survive a workbench that lost its latest state', () => {
  it('every put reaches the file at once; recover() takes back what globalState lost, and never a stale copy', async () => {
    const file = new JsonFile(path.join(await tempDir('wk-store-'), 'jobs.json'));
    const before = new MemoryMemento();
    const store = new JobStore(before, 'window-a', Date.now, file);
    await store.put(record('job-a', 'preparing'));
    await store.put(record('job-b', 'pending', { taskId: 't-b' }));
    await store.put(record('job-a', 'submitting', { createSentAt: '2026-11-25T00:00:01Z' }));

    // A reload of VS Code for the Web that kept only an older flush: job-a still preparing, job-b saved later on.
    const after = new MemoryMemento();
    await after.update('wanKeyframes.jobs.v1', [record('job-a', 'preparing'), record('job-b', 'saved', { taskId: 't-b', videoPath: '/tmp/b.mp4' })]);
    const reloaded = new JobStore(after, 'window-a', Date.now, file);
    assert.equal(await reloaded.recover(), 1);
    const byId = new Map(reloaded.all().map((item) => [item.id, item]));
    assert.equal(byId.get('job-a')?.status, 'submitting', 'the create in flight is known again');
    assert.equal(byId.get('job-b')?.status, 'saved', 'a later state in globalState is not rolled back');
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
    assert.equal(await handed.recover({ mirrored: [record('job-d', 'pending', { taskId: 't-d' })] }), 1);
    assert.deepEqual(handed.all().map((item) => item.id), ['job-d']);
    const broken = new JsonFile(path.join(dir, 'broken.json'));
    await broken.write([{ id: 'no-schema' }, 'nonsense']);
    assert.equal(await new JobStore(new MemoryMemento(), 'w', Date.now, broken).recover(), 0);
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
    await store.put(record('job-bb', 'pending', { taskId: 't-b' }));

    const byId = new Map(store.all().map((item) => [item.id, item.status]));
    assert.equal(byId.get('job-a'), 'saved');
    const stored = new Map((state.get<JobRecord[]>('wanKeyframes.jobs.v1') ?? []).map((item) => [item.id, item.status]));
    assert.equal(stored.get('job-a'), 'saved', 'the next write put the saved record back in globalState');
    const mirrored = new Map(((await file.read()) as JobRecord[]).map((item) => [item.id, item.status]));
    assert.equal(mirrored.get('job-a'), 'saved', 'and in the file');
  });
});

describe('records a window of version 1 (d5f53d2) left', () => {
  it('are read as current records: the job it left polling resumes, its history shows', async () => {
    const stored = JSON.parse(await readFile(path.join(FIXTURES, 'd5f53d2', 'jobs.json'), 'utf8')) as unknown[];
    const state = new MemoryMemento();
    await state.update('wanKeyframes.jobs.v1', [stored[0]]);
    const all = new JobStore(state, 'window-a').all();
    assert.equal(all.length, 1);
    assert.equal(all[0]?.version, 2);
    assert.equal(all[0]?.status, 'pending', 'a task submitted and polled: pending, to resume');
  });
});
