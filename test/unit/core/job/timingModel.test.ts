import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationBucket, learnFromAccount, MAX_SAMPLES_PER_KIND, MIN_SAMPLES, TimingModel } from '../../../../src/core/job/timingModel';
import { TAKE_SCHEMA } from '../../../../src/core/output/take';
import { type FoundTake, parseTake } from '../../../../src/core/output/takeReader';
import type { TaskListQuery } from '../../../../src/core/service/client';
import { type ListedTask, ListedTaskSchema, type ListTasksResponse } from '../../../../src/core/service/schemas';
import { beijingTimeText } from '../../../../src/core/service/taskTimes';
import { quantile } from '../../../../src/core/service/timeDistribution';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const KIND = { model: 'wan2.7-i2v', resolution: '720P', duration: 5, region: 'cn-beijing' };

let serial = 0;
/** A take read through the real reader, with its service times `queueMs` and `runningMs` long, ended `agoMs` before NOW. */
function take(runningMs: number, fields: { queueMs?: number; agoMs?: number; model?: string; resolution?: string; duration?: number; region?: string; times?: Record<string, unknown> } = {}): FoundTake {
  const end = NOW - (fields.agoMs ?? 60_000);
  const scheduled = end - runningMs;
  const raw = {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.2.0' },
    video: { file: 'a-to-b.mp4', bytes: 1 },
    taskId: `take-${++serial}`,
    requestIds: [],
    model: fields.model ?? 'wan2.7-i2v-2026-04-25',
    family: fields.model ?? 'wan2.7-i2v',
    endpoint: 'https://dashscope.aliyuncs.com',
    region: fields.region ?? 'cn-beijing',
    inputs: {},
    inputsKey: 'k',
    parameters: { resolution: fields.resolution ?? '720P', duration: fields.duration ?? 5, promptExtend: true, watermark: false },
    prompt: '',
    negativePrompt: '',
    times: fields.times ?? { submit: beijingTimeText(scheduled - (fields.queueMs ?? 4_000)), scheduled: beijingTimeText(scheduled), end: beijingTimeText(end), savedAt: new Date(end).toISOString() },
  };
  const read = parseTake(JSON.stringify(raw), '/work/shots/a-to-b.json');
  assert.ok('found' in read, JSON.stringify(read));
  return read.found;
}

function row(fields: Record<string, unknown>): ListedTask {
  return ListedTaskSchema.parse({ task_id: `row-${++serial}`, status: 'SUCCEEDED', model_name: 'wan2.7-i2v', region: 'cn-beijing', ...fields });
}

describe('the learnt running-time model', () => {
  it('no basis until enough finished tasks of the kind: then p50 and p90 of running, and of queueing', () => {
    const model = new TimingModel(() => NOW);
    for (let i = 0; i < MIN_SAMPLES - 1; i++) model.addTake(take(300_000));
    assert.equal(model.timingFor(KIND), undefined);
    model.addTake(take(330_000, { queueMs: 10_000 }));
    model.addTake(take(270_000));
    const timing = model.timingFor(KIND);
    assert.ok(timing);
    assert.equal(timing.level, 'kind');
    assert.equal(timing.samples, MIN_SAMPLES + 1);
    assert.ok(Math.abs(quantile(timing.running, 0.5) - 300_000) < 10_000);
    assert.ok(quantile(timing.running, 0.9) > quantile(timing.running, 0.5));
    assert.ok(timing.queue && quantile(timing.queue, 0.5) > 3_000 && quantile(timing.queue, 0.5) < 10_000);
  });

  it('skips a take whose times are missing, unreadable, in the future, out of order or absurd', () => {
    const model = new TimingModel(() => NOW);
    const bad = [
      take(300_000, { times: { savedAt: 'x' } }),
      take(300_000, { times: { scheduled: 'soon', end: 'later', savedAt: 'x' } }),
      take(300_000, { agoMs: -3600_000 }),
      take(300_000, { times: { scheduled: beijingTimeText(NOW - 1000), end: beijingTimeText(NOW - 5000), savedAt: 'x' } }),
      take(200, {}),
      take(5 * 3600_000, {}),
      take(300_000, { model: 'vidu/viduq3-pro_start-end2video' }),
    ];
    assert.equal(model.addTakes(bad), 0);
    assert.equal(model.size, 0);
    assert.equal(model.addTakes([take(300_000), take(310_000)]), 2);
  });

  it('keeps a bounded sample per kind, the newest', () => {
    const model = new TimingModel(() => NOW);
    for (let i = 0; i < MAX_SAMPLES_PER_KIND; i++) model.addTake(take(600_000, { agoMs: 3600_000 + i * 1000 }));
    for (let i = 0; i < MAX_SAMPLES_PER_KIND; i++) model.addTake(take(200_000, { agoMs: 60_000 + i * 1000 }));
    assert.equal(model.size, MAX_SAMPLES_PER_KIND);
    const timing = model.timingFor(KIND);
    assert.ok(timing && Math.abs(quantile(timing.running, 0.5) - 200_000) < 1_000, 'the older, slower runs were let go');
  });

  it('answers from the closest kind with a basis: same kind, any region, then the model', () => {
    const model = new TimingModel(() => NOW);
    for (let i = 0; i < MIN_SAMPLES; i++) model.addTake(take(300_000, { region: 'ap-southeast-1' }));
    assert.equal(model.timingFor(KIND)?.level, 'kind-any-region');
    const near = model.timingFor({ ...KIND, region: 'ap-southeast-1' });
    assert.equal(near?.level, 'kind');
    assert.ok((model.timingFor(KIND)?.running.sigma ?? 0) > (near?.running.sigma ?? Infinity), 'a looser kind is known less well: a wider spread');
    for (let i = 0; i < MIN_SAMPLES; i++) model.addTake(take(900_000, { resolution: '1080P', duration: 15 }));
    assert.equal(model.timingFor({ ...KIND, resolution: '1080P', duration: 12 })?.level, 'kind', 'durations 11–15 s run alike');
    assert.equal(model.timingFor({ ...KIND, duration: undefined })?.level, 'model', 'a task of unknown length');
    assert.equal(model.timingFor({ model: 'wan2.2-kf2v-flash' }), undefined, 'another model teaches nothing');
    assert.deepEqual([durationBucket(-1), durationBucket(5), durationBucket(30), durationBucket(undefined)], ['auto', '≤5s', '>15s', '']);
  });

  it('learns the finished tasks of our models in a task list, times only; other tools\' rows and unfinished ones are passed over', () => {
    const model = new TimingModel(() => NOW);
    const times = (ago: number) => ({ gmt_create: NOW - ago - 310_000, start_time: NOW - ago - 300_000, end_time: NOW - ago });
    const learnt = model.addListed([
      row(times(1_000)),
      row({ ...times(2_000), model_name: 'wan2.7-i2v-2026-04-25' }),
      row({ ...times(3_000), model_name: 'vidu/viduq3-pro_start-end2video' }),
      row({ ...times(4_000), status: 'FAILED' }),
      row({ ...times(5_000), status: 'RUNNING', end_time: undefined }),
      row({ gmt_create: NOW + 8 * 3600_000, start_time: NOW + 8 * 3600_000, end_time: NOW + 8 * 3600_000 + 300_000 }),
      row({ ...times(6_000), task_id: 'known' }),
      row({ ...times(7_000), task_id: 'known' }),
    ]);
    assert.equal(learnt, 3);
    assert.equal(model.timingFor(KIND)?.level, 'model', 'the list says nothing of resolution or length');
  });

  it('a take of a task it learnt from the list counts once, under its own kind', () => {
    const model = new TimingModel(() => NOW);
    const found = take(300_000);
    model.addListed([row({ task_id: found.take.taskId, gmt_create: NOW - 400_000, start_time: NOW - 390_000, end_time: NOW - 90_000 })]);
    const corrupt = take(300_000, { times: { end: 'never', savedAt: 'x' } });
    corrupt.take.taskId = found.take.taskId;
    assert.equal(model.addTake(corrupt), false);
    assert.equal(model.size, 1, 'a corrupt take of the task leaves what the list taught');
    model.addTake(found);
    assert.equal(model.size, 1);
    assert.equal(model.timingFor({ ...KIND, region: undefined }), undefined, 'one task is no basis');
  });

  it('learns from the account with one list call; a refused list teaches nothing and is no error', async () => {
    const model = new TimingModel(() => NOW);
    const queries: TaskListQuery[] = [];
    const lister = {
      async listTasks(query: TaskListQuery): Promise<ListTasksResponse> {
        queries.push(query);
        return { data: [row({ gmt_create: NOW - 400_000, start_time: NOW - 390_000, end_time: NOW - 90_000 })] };
      },
    };
    assert.equal(await learnFromAccount(model, lister, NOW), 1);
    assert.equal(queries.length, 1);
    assert.equal(queries[0]?.status, 'SUCCEEDED');
    assert.ok((queries[0]?.endTime?.getTime() ?? 0) - (queries[0]?.startTime?.getTime() ?? 0) <= 24 * 3600_000, 'a window the list accepts');
    const refused = { listTasks: async (): Promise<ListTasksResponse> => Promise.reject(new Error('403')) };
    assert.equal(await learnFromAccount(model, refused, NOW), 0);
  });
});
