import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { ROLE } from '../../../src/shared/mediaRoles';
import { ExtractSourceSchema, JobViewSchema, TakeViewSchema } from '../../../src/shared/views';

const job = { id: 'j-1', title: 'dawn → dusk', model: 'wan2.2-kf2v-flash', status: 'running', phase: 'running', startedAt: 1, hasSound: false, canCancel: true, canRetry: false };
const take = {
  id: '/w/dawn-to-dusk.json',
  videoName: 'dawn-to-dusk.mp4',
  videoMissing: false,
  canResume: false,
  inputs: { [ROLE.first]: { name: 'dawn.png' }, [ROLE.last]: { name: 'dusk.png', src: 'data:image/png;base64,AA' } },
  model: 'wan2.2-kf2v-flash',
  prompt: 'a slow pan',
  savedAt: 1,
  sound: 'silent',
  exact: true,
};

describe('what the host shows the page of jobs and takes', () => {
  it('reads a job card and a take card as the host sends them', () => {
    assert.deepEqual(z.parse(JobViewSchema, job), job);
    assert.deepEqual(z.parse(TakeViewSchema, take), take);
    assert.equal(z.safeParse(ExtractSourceSchema, { id: 'x.json', src: 'vscode-resource:/x.mp4', name: 'x.mp4', fps: 16 }).success, true);
  });

  it('refuses an unknown status, sound or role, and a title past its bound', () => {
    assert.equal(z.safeParse(JobViewSchema, { ...job, status: 'paused' }).success, false);
    assert.equal(z.safeParse(JobViewSchema, { ...job, title: 'x'.repeat(2_001) }).success, false);
    assert.equal(z.safeParse(TakeViewSchema, { ...take, sound: 'loud' }).success, false);
    assert.equal(z.safeParse(TakeViewSchema, { ...take, inputs: { elsewhere: { name: 'a.png' } } }).success, false);
  });
});
