import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { inputsKey } from '../../../../src/core/inputs/inputFiles';
import { type JobEvent, jobDeps } from '../../../../src/core/job/jobDeps';
import type { JobRecord } from '../../../../src/core/job/jobRecord';
import { billingDrift, saveResult, savedElsewhere } from '../../../../src/core/job/publish';
import type { DashScopeClient } from '../../../../src/core/service/client';
import { CreateGate } from '../../../../src/core/service/createGate';
import { TaskQueryResponseSchema } from '../../../../src/core/service/schemas';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { virtualClock } from '../../../support/clocks';
import { jobRecord } from '../../../support/fixtures/records';
import { tempDir } from '../../../support/files';
import { jobOptions } from '../../../support/jobs';

const TASK = '0f3a9c2e-5b7d-4e1f-9a8b-1c2d3e4f5a6b';
const VIDEO = (() => {
  const bytes = Buffer.alloc(5_000);
  bytes.writeUInt32BE(24, 0);
  bytes.write('ftypisom', 4, 'latin1');
  return bytes;
})();
const FINISHED_BILLED = (seconds: number) =>
  TaskQueryResponseSchema.parse({ request_id: 'req-f', output: { task_id: TASK, task_status: 'SUCCEEDED', video_url: 'https://video.test/out.mp4', end_time: '2026-12-01 08:00:00.000' }, usage: { video_duration: seconds, video_count: 1 } });
const FINISHED = TaskQueryResponseSchema.parse({ request_id: 'req-f', output: { task_id: TASK, task_status: 'SUCCEEDED', video_url: 'https://video.test/out.mp4', end_time: '2026-12-01 08:00:00.000' } });

/** A job about to download its video into a fresh folder; its first frame is there too. */
async function downloading(taskId = TASK): Promise<JobRecord> {
  const dir = await tempDir('wk-publish-');
  const first = { name: 'dawn.png', path: path.join(dir, 'dawn.png'), sha256: 'a'.repeat(64), bytes: 10, format: 'png' };
  return jobRecord('job-1', 'downloading', { taskId, outputDir: dir, baseName: 'dawn-to-dusk', inputs: { [ROLE.first]: first }, options: jobOptions() });
}

/** A take of `taskId` at `name`.json beside a video `name`.mp4 (when `video`). */
async function takeBeside(dir: string, name: string, taskId: string, video = true): Promise<string> {
  if (video) await writeFile(path.join(dir, `${name}.mp4`), VIDEO);
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify({ schema: 'wan-keyframes/take@2', taskId, video: { file: `${name}.mp4` } }));
  return path.join(dir, `${name}.json`);
}

/** saveResult with the video host mocked (no socket); what was kept and told is recorded. */
function run(record: JobRecord, beforePublish?: () => Promise<void>, finished = FINISHED) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent.get('https://video.test').intercept({ path: '/out.mp4' }).reply(200, VIDEO, { headers: { 'content-type': 'video/mp4' } });
  const kept: JobRecord[] = [];
  const events: JobEvent[] = [];
  const deps = jobDeps('test', { client: {} as DashScopeClient, dispatcher: agent, clock: virtualClock().clock, options: jobOptions(), gate: new CreateGate(), beforePublish, onEvent: (event) => events.push(event), keepRecord: async (next) => void kept.push(next) });
  return { saved: saveResult(record, finished, deps), kept, events };
}

describe('a take of the same task already beside its video', () => {
  it('is found (another window saved it), with its video', async () => {
    const record = await downloading();
    const sidecarPath = await takeBeside(record.outputDir, 'dawn-to-dusk-2', TASK);
    assert.deepEqual(await savedElsewhere(record), { videoPath: path.join(record.outputDir, 'dawn-to-dusk-2.mp4'), sidecarPath });
  });

  it('is not found when its video is gone, when it is another task\'s (even one whose id starts alike), or is not a take', async () => {
    const record = await downloading();
    await takeBeside(record.outputDir, 'dawn-to-dusk', TASK, false);
    await takeBeside(record.outputDir, 'dawn-to-dusk-2', `${TASK}0`);
    await writeFile(path.join(record.outputDir, 'dawn-to-dusk-3.json'), `not json but mentions ${TASK}`);
    assert.equal(await savedElsewhere(record), undefined);
    assert.equal(await savedElsewhere({ ...record, outputDir: path.join(record.outputDir, 'gone') }), undefined);
  });
});

describe('saving a finished task\'s video (the video host mocked)', () => {
  it('publishes the video and its take beside the inputs, and keeps the saved record', async () => {
    const record = await downloading();
    const { saved, kept, events } = run(record);
    const result = await saved;
    assert.equal(result.videoPath, path.join(record.outputDir, 'dawn-to-dusk.mp4'));
    assert.deepEqual(await readFile(result.videoPath), VIDEO);
    const take = JSON.parse(await readFile(result.sidecarPath as string, 'utf8')) as { taskId: string; inputs: Record<string, { path: string }>; inputsKey: string };
    assert.equal(take.taskId, TASK);
    assert.equal(take.inputs[ROLE.first]?.path, 'dawn.png');
    assert.equal(take.inputsKey, inputsKey(record.inputs ?? {}));
    assert.equal(kept.at(-1)?.status, 'saved');
    assert.ok(events.some((event) => event.type === 'saved' && event.videoPath === result.videoPath));
    assert.ok(!(await readdir(record.outputDir)).some((name) => name.endsWith('.part')));
  });

  it('saves nothing twice: a take of the task already there is the result, and the download is dropped', async () => {
    const record = await downloading();
    const sidecarPath = await takeBeside(record.outputDir, 'dawn-to-dusk', TASK);
    const result = await run(record).saved;
    assert.equal(result.sidecarPath, sidecarPath);
    assert.deepEqual((await readdir(record.outputDir)).sort(), ['dawn-to-dusk.json', 'dawn-to-dusk.mp4']);
  });

  it('beforePublish throwing (another window took the job) leaves no .part and no video', async () => {
    const record = await downloading();
    const lost = new Error('lease lost');
    const { saved, kept } = run(record, async () => {
      throw lost;
    });
    await assert.rejects(saved, (error: unknown) => error === lost);
    assert.deepEqual(await readdir(record.outputDir), []);
    assert.ok(!kept.some((next) => next.status === 'saved'));
  });
});

describe('what a take cost, written when it is saved', () => {
  it('records the billed seconds at the table price, and says when the bill is off the request by more than a second', async () => {
    const base = await downloading();
    const record: JobRecord = { ...base, region: 'cn-beijing', family: 'wan2.2-kf2v-flash', wireModel: 'wan2.2-kf2v-flash', parameters: { resolution: '720P', duration: 5, promptExtend: false, watermark: false } };
    const { saved, events } = run(record, undefined, FINISHED_BILLED(5));
    const take = JSON.parse(await readFile((await saved).sidecarPath as string, 'utf8')) as { cost?: { seconds: number; amount: number; currency: string } };
    assert.equal(take.cost?.seconds, 5);
    assert.equal(take.cost?.currency, 'CNY');
    assert.ok((take.cost?.amount ?? 0) > 0);
    assert.ok(!events.some((event) => event.type === 'note'), 'billed as asked: nothing to say');
    const drifted = run({ ...(await downloading()), region: 'cn-beijing', family: 'wan2.2-kf2v-flash', wireModel: 'wan2.2-kf2v-flash', parameters: record.parameters }, undefined, FINISHED_BILLED(7));
    await drifted.saved;
    assert.ok(drifted.events.some((event) => event.type === 'note' && /stale/.test(event.message.en)));
  });

  it('the drift rule ignores a length the model chose and differences within a second', () => {
    assert.equal(billingDrift(-1, 12), undefined);
    assert.equal(billingDrift(5, 5.6), undefined);
    assert.match(billingDrift(5, 6.5)?.en ?? '', /6\.5 s for a 5 s request/);
  });
});

