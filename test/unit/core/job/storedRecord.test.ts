import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JobRecordSchema } from '../../../../src/core/job/jobRecord';
import { readRecord, upgradeRecordV1 } from '../../../../src/core/job/storedRecord';
import { awaitsResume } from '../../../../src/shared/jobStatus';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { jobRecord } from '../../../support/fixtures/records';
import { FIXTURES } from '../../../support/files';

type V1 = Record<string, unknown> & { state: string; paused?: boolean; sources: { first: object; last: object }; error?: { kind: string } };
/** The job records d5f53d2 kept, one per state it could leave a job in. */
const V1_RECORDS = JSON.parse(readFileSync(path.join(FIXTURES, 'd5f53d2', 'jobs.json'), 'utf8')) as V1[];

/** What each stored v1 record must read as, by the state it was left in. */
function expectedStatus(record: V1): string {
  if (record.paused) return 'stopped';
  if (record.state === 'failed') return record.error?.kind === 'unconfirmed' ? 'unconfirmed' : 'failed';
  return { submitted: 'pending', submitting: 'submitting', downloading: 'downloading', saved: 'saved' }[record.state] ?? `unexpected state ${record.state}`;
}

describe('job records of version 1 (d5f53d2) read as version 2', () => {
  it('the fixture holds every state version 1 could leave (so the upgrade below sees each)', () => {
    const states = new Set(V1_RECORDS.map((record) => `${record.state}${record.paused ? '+paused' : ''}${record.error ? `+${record.error.kind}` : ''}`));
    for (const state of ['submitted', 'submitting', 'submitted+paused', 'failed+unconfirmed', 'failed+network', 'saved', 'downloading']) assert.ok(states.has(state), state);
  });

  it('each record upgrades to a valid version 2 with the status its state meant', () => {
    for (const raw of V1_RECORDS) {
      const record = readRecord(raw);
      assert.ok(record, `${raw.state} was read`);
      assert.equal(record.version, 2);
      assert.ok(JobRecordSchema.safeParse(record).success, `${raw.state}: a valid version-2 record`);
      assert.equal(record.status, expectedStatus(raw), `${raw.state}${raw.paused ? ' (paused)' : ''}`);
    }
  });

  it('submitted→pending, paused→stopped, failed with an unconfirmed create→unconfirmed', () => {
    const statuses = V1_RECORDS.map((raw) => readRecord(raw)?.status);
    assert.equal(statuses[0], 'pending');
    assert.equal(statuses[2], 'stopped');
    assert.equal(statuses[3], 'unconfirmed');
    assert.equal(statuses[4], 'failed');
  });

  it('inputs are keyed by role, and the other fields are kept as they were', () => {
    for (const raw of V1_RECORDS) {
      const record = readRecord(raw) as Record<string, unknown> & { inputs?: Record<string, unknown> };
      assert.deepEqual(record.inputs?.[ROLE.first], raw.sources.first);
      assert.deepEqual(record.inputs?.[ROLE.last], raw.sources.last);
      assert.equal(record.inputs?.[ROLE.audio], undefined);
      for (const gone of ['sources', 'state', 'paused']) assert.ok(!(gone in record), `${gone} is not carried over`);
      for (const kept of ['id', 'taskId', 'createSentAt', 'requestIds', 'outputDir', 'baseName', 'parameters', 'error']) assert.deepEqual(record[kept], raw[kept] ?? (kept === 'requestIds' ? [] : undefined), kept);
    }
  });

  it('a new window resumes exactly the jobs it resumed before the upgrade', () => {
    for (const raw of V1_RECORDS) assert.equal(awaitsResume(readRecord(raw)), awaitsResume(raw), `${raw.state}${raw.paused ? ' (paused)' : ''}`);
  });

  it('a driving audio becomes its role; a paused record that had already ended keeps its end', () => {
    const base = V1_RECORDS[5] as V1;
    const withAudio = upgradeRecordV1({ ...base, sources: { ...base.sources, audio: base.sources.first } });
    assert.deepEqual(withAudio?.inputs?.[ROLE.audio], base.sources.first);
    assert.equal(upgradeRecordV1({ ...base, paused: true })?.status, 'saved');
    assert.equal(upgradeRecordV1({ ...base, sources: undefined })?.inputs, undefined);
  });
});

describe('anything else in the store', () => {
  it('a current record is read as it is', () => {
    const record = jobRecord('job-1', 'running', { taskId: 'task-1' });
    assert.deepEqual(readRecord(record), record);
  });

  it('garbage, a future version, or a record with an unknown state or status is not a record', () => {
    const base = V1_RECORDS[0] as V1;
    const garbage: unknown[] = [null, undefined, 'text', 42, [], {}, { version: 1 }, { ...jobRecord('j', 'pending'), version: 3 }, { ...base, state: 'paused' }, { ...base, family: 'wan9' }, jobRecord('j', 'nearly' as never)];
    for (const raw of garbage) assert.equal(readRecord(raw), undefined, JSON.stringify(raw)?.slice(0, 80));
  });
});
