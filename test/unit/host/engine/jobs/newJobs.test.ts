import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS } from '../../../../../src/core/catalog/models';
import type { GenerationPlan } from '../../../../../src/core/inputs/request';
import { JobRecordSchema } from '../../../../../src/core/job/jobRecord';
import type { FoundTake } from '../../../../../src/core/output/takeReader';
import { newJobId, restoringJob, waitingJob } from '../../../../../src/host/engine/jobs/newJobs';

const NOW = Date.UTC(2026, 11, 4);
const plan = { spec: MODELS['wan2.2-kf2v-flash'], wireModel: 'wan2.2-kf2v-flash', prompt: 'pan', negativePrompt: '', inputs: {} } as unknown as GenerationPlan;

describe('the jobs this window makes', () => {
  it('ids say when and differ within one millisecond', () => {
    const a = newJobId(NOW, () => 0.123456789);
    assert.match(a, /^job-[0-9a-z]+-[0-9a-z]+$/);
    assert.notEqual(a, newJobId(NOW, () => 0.987654321));
    assert.notEqual(a, newJobId(NOW + 1, () => 0.123456789));
  });

  it('a waiting job: a valid record that says only what is known, with its batch', () => {
    const job = waitingJob('job-1', NOW, plan, 'a → b', '/out', { kind: 'batch', id: 'b1', index: 2 });
    assert.equal(job.record.status, 'waiting-for-slot');
    assert.equal(job.record.outputDir, '/out');
    assert.deepEqual(job.record.parent, { kind: 'batch', id: 'b1', index: 2 });
    assert.equal(job.record.taskId, undefined);
    assert.equal(job.startedAt, NOW);
    assert.ok(JobRecordSchema.safeParse(job.record).success);
  });

  it("a restoring job: the take's task, endpoint and name, no new take", () => {
    const found = {
      take: { endpoint: 'https://example.test/api/v1', region: 'cn-beijing', model: 'wan2.2-kf2v-flash', prompt: 'p', negativePrompt: '', parameters: { resolution: '480P', duration: 5, promptExtend: true, watermark: false }, taskId: 'task-9' },
      sidecarPath: '/v/clip-2.json',
      videoPath: '/v/clip-2.mp4',
    } as unknown as FoundTake;
    const job = restoringJob('job-2', NOW, found, 'wan2.2-kf2v-flash');
    assert.equal(job.record.taskId, 'task-9');
    assert.equal(job.record.baseName, 'clip-2');
    assert.equal(job.record.outputDir, '/v');
    assert.equal(job.record.restoresTake, '/v/clip-2.json');
    assert.equal(job.resumed, true);
    assert.ok(JobRecordSchema.safeParse(job.record).success);
  });
});
