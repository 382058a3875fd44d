import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { awaitsResume, isActive, isEnded, JOB_STATUSES, progressOf } from '../../../src/shared/jobStatus';
import { FIXTURES } from '../../support/files';
import { jobRecord } from '../../support/fixtures/records';

/** The statuses a job that saves its video passes through, in order (the picture in jobStatus.ts). */
const PATH = ['waiting-for-slot', 'preparing', 'uploading', 'submitting', 'pending', 'running', 'downloading', 'saving', 'saved'] as const;

describe('a job\'s statuses', () => {
  it('rank along the way a job goes; every end ranks alike, above the rest', () => {
    const ranks = PATH.map(progressOf);
    assert.deepEqual([...ranks].sort((a, b) => a - b), ranks, 'never backwards along the way');
    assert.equal(new Set(ranks).size, ranks.length, 'each step its own rank');
    const ends = JOB_STATUSES.filter(isEnded);
    assert.deepEqual(new Set(ends.map(progressOf)).size, 1);
    assert.ok(progressOf('failed') > progressOf('saving'));
  });

  it('on the way or ended, never both', () => {
    for (const status of JOB_STATUSES) assert.notEqual(isActive(status), isEnded(status), status);
    assert.ok(PATH.slice(0, -1).every(isActive));
  });
});

describe('which stored jobs a new window picks up', () => {
  it('a record on its way, of this version; an ended one or a value of the wrong shape, never', () => {
    for (const status of JOB_STATUSES) assert.equal(awaitsResume(jobRecord('j', status)), isActive(status), status);
    for (const odd of [null, undefined, 'pending', 3, [], { status: 'PENDING' }, { version: 2, status: 'nonsense' }]) assert.equal(awaitsResume(odd), false, JSON.stringify(odd));
  });

  it('records written by version 1 (d5f53d2): on their way unless paused, failed or saved', async () => {
    const stored = JSON.parse(await readFile(path.join(FIXTURES, 'd5f53d2', 'jobs.json'), 'utf8')) as Array<{ state: string; paused?: boolean }>;
    const picked = stored.map((record) => [record.state, Boolean(record.paused), awaitsResume(record)]);
    assert.deepEqual(picked, [
      ['submitted', false, true],
      ['submitting', false, true],
      ['submitted', true, false],
      ['failed', false, false],
      ['failed', false, false],
      ['saved', false, false],
      ['downloading', false, true],
    ]);
  });
});
