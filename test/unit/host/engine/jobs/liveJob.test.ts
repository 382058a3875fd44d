import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InputFile } from '../../../../../src/core/inputs/inputFiles';
import { statusOf, titleOf } from '../../../../../src/host/engine/jobs/liveJob';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { jobRecord } from '../../../../support/fixtures/records';

const file = (name: string): InputFile => ({ name, path: `/shots/${name}`, bytes: 1, format: 'png' });

describe('how a job is named and what status it shows', () => {
  it('two frames: first → last', () => {
    const record = jobRecord('job-1', 'pending', { inputs: { [ROLE.last]: file('dusk.png'), [ROLE.first]: file('dawn.png') } });
    assert.equal(titleOf(record), 'dawn.png → dusk.png');
  });

  it('one frame, or a first clip: its name alone (a driving audio is not named)', () => {
    assert.equal(titleOf(jobRecord('job-1', 'pending', { inputs: { [ROLE.first]: file('dawn.png'), [ROLE.audio]: file('voice.wav') } })), 'dawn.png');
    assert.equal(titleOf(jobRecord('job-1', 'pending', { inputs: { [ROLE.clip]: file('take.mp4') } })), 'take.mp4');
    assert.equal(titleOf(jobRecord('job-1', 'pending', { inputs: { [ROLE.clip]: file('take.mp4'), [ROLE.last]: file('end.png') } })), 'take.mp4 → end.png');
  });

  it('a job without inputs (resumed from a task id) is named by its task, else by its id', () => {
    assert.equal(titleOf(jobRecord('job-1', 'pending', { taskId: 'task-9' })), 'task-9');
    assert.equal(titleOf(jobRecord('job-2', 'preparing')), 'job-2');
  });

  it("a job's status is its record's", () => {
    const job = { id: 'job-1', title: 't', record: jobRecord('job-1', 'downloading'), startedAt: 0 };
    assert.equal(statusOf(job), 'downloading');
    job.record = jobRecord('job-1', 'saved');
    assert.equal(statusOf(job), 'saved');
  });
});
