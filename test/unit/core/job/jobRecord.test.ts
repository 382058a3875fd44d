import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobOptionsSchema, JobParentSchema, JobRecordSchema } from '../../../../src/core/job/jobRecord';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { jobRecord } from '../../../support/fixtures/records';

describe('a job record (version 2)', () => {
  it('reads a record as a window keeps it, and fills what an older one left out', () => {
    const { requestIds: _requestIds, ...withoutIds } = jobRecord('job-1', 'pending', { taskId: 't-1' });
    const parsed = JobRecordSchema.parse(withoutIds);
    assert.deepEqual(parsed.requestIds, []);
    assert.equal(parsed.taskId, 't-1');
  });

  it('keeps its inputs by role, its options, its parent and its error', () => {
    const input = { name: 'a.png', path: '/f/a.png', sha256: 'a'.repeat(64), bytes: 10, format: 'png', width: 2, height: 2 };
    const record = jobRecord('job-2', 'failed', {
      inputs: { [ROLE.first]: input, [ROLE.last]: { ...input, name: 'b.png', path: '/f/b.png' } },
      options: { uploadMode: 'oss', nameTemplate: '{first}-to-{last}', writeSidecar: true },
      parent: { kind: 'batch', id: 'b-1', index: 0 },
      error: { kind: 'network', message: 'reset', step: 'download' },
    });
    assert.deepEqual(JobRecordSchema.parse(record), record);
  });

  it('refuses what is not one: another version, an unknown status or model, a bad input or parent', () => {
    const good = jobRecord('job-3', 'saved');
    for (const bad of [
      { ...good, version: 1 },
      { ...good, status: 'paused' },
      { ...good, family: 'no-such-model' },
      { ...good, id: '' },
      { ...good, inputs: { [ROLE.first]: { name: 'a.png', path: '/a.png', sha256: 'not-hex', bytes: 1, format: 'png' } } },
      { ...good, inputs: { somewhere: { name: 'a.png', path: '/a.png', bytes: 1, format: 'png' } } },
    ]) {
      assert.equal(JobRecordSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
    assert.equal(JobOptionsSchema.safeParse({ uploadMode: 'ftp', nameTemplate: '', writeSidecar: true }).success, false);
    assert.equal(JobParentSchema.safeParse({ kind: 'batch', id: 'b', index: -1 }).success, false);
    assert.equal(JobParentSchema.safeParse({ kind: 'album', id: 'b' }).success, false);
  });
});
