import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { endpointFor } from '../../../../src/core/catalog/regions';
import { isWanError } from '../../../../src/core/errors/wanError';
import type { InputFacts } from '../../../../src/core/inputs/inspect';
import { type GenerationPlan, planGeneration } from '../../../../src/core/inputs/request';
import { continueJob, defaultOutputDir, startJob } from '../../../../src/core/job/job';
import { type JobEvent, jobDeps } from '../../../../src/core/job/jobDeps';
import type { JobRecord } from '../../../../src/core/job/jobRecord';
import type { DashScopeClient } from '../../../../src/core/service/client';
import { CreateGate } from '../../../../src/core/service/createGate';
import { type CreateBody, TaskQueryResponseSchema, type UploadPolicy } from '../../../../src/core/service/schemas';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { virtualClock } from '../../../support/clocks';
import { jobRecord } from '../../../support/fixtures/records';
import { tempDir, writeFramePair } from '../../../support/files';
import { frames, jobOptions } from '../../../support/jobs';

const POLICY = { upload_dir: 'dashscope-instant/x' } as UploadPolicy;

/** A service in memory: each call is logged in order (with the records kept); polls answer `statuses` in turn. */
function fakeService(log: string[], statuses = ['PENDING', 'FAILED']) {
  const bodies: CreateBody[] = [];
  let polls = 0;
  const client = {
    baseUrl: 'http://127.0.0.1:1',
    getUploadPolicy: async () => (log.push('policy'), POLICY),
    uploadToOss: async (policy: UploadPolicy, file: { objectName: string }) => (log.push('upload'), `oss://${policy.upload_dir}/${file.objectName}`),
    createTask: async (_spec: unknown, body: CreateBody) => (log.push('create'), bodies.push(body), { request_id: 'req-c', output: { task_id: 'task-1', task_status: 'PENDING' } }),
    listTasks: async () => (log.push('list'), { data: [] }),
    getTask: async (taskId: string) => (log.push(`get ${taskId}`), TaskQueryResponseSchema.parse({ request_id: 'req-q', output: { task_id: taskId, task_status: statuses[Math.min(polls++, statuses.length - 1)], code: 'InternalError', message: 'x' } })),
  } as unknown as DashScopeClient;
  return { client, bodies };
}

/** Two frames in a fresh folder, a checked kf2v plan of them, and deps that record every event and kept record. */
async function setUp(mode: 'oss' | 'base64' = 'oss', keepRecord?: (record: JobRecord) => Promise<void>) {
  const dir = await tempDir('wk-job-');
  const { first, last } = await writeFramePair(dir);
  const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P', prompt: 'a slow pan' }, endpointFor('cn-beijing', 'http://127.0.0.1:1'));
  assert.ok(plan);
  const log: string[] = [];
  const { client, bodies } = fakeService(log);
  const events: JobEvent[] = [];
  const kept: JobRecord[] = [];
  const keep = async (record: JobRecord) => (log.push(`keep ${record.status}`), kept.push(record), keepRecord?.(record));
  const deps = jobDeps('test', { client, dispatcher: undefined as never, clock: virtualClock().clock, options: jobOptions(mode), gate: new CreateGate(), random: () => 0.5, onEvent: (event) => events.push(event), keepRecord: async (record) => void (await keep(record)) });
  const phases = () => events.flatMap((event) => (event.type === 'phase' ? [event.phase] : []));
  return { dir, first, plan: plan as GenerationPlan, deps, log, bodies, kept, phases };
}

async function setUpWithEvents() {
  const events: JobEvent[] = [];
  const world = await setUp();
  return { ...world, events, deps: { ...world.deps, onEvent: (event: JobEvent) => events.push(event) } };
}

const endsAs = (kind: string, step: string, taskId?: string) => (error: unknown) => isWanError(error) && error.kind === kind && error.step === step && error.taskId === taskId;

describe('a job from its plan to its task (a fake service; it stops before any download)', () => {
  it('goes preparing → uploading → submitting → pending, keeping the record before the create, without URLs', async () => {
    const { dir, first, plan, deps, log, bodies, kept, phases } = await setUp('oss');
    await assert.rejects(startJob(plan, deps), endsAs('task-failed', 'generation', 'task-1'));
    assert.deepEqual(phases(), ['preparing', 'uploading', 'submitting', 'pending']);
    assert.deepEqual(kept.map((record) => record.status), ['preparing', 'submitting', 'pending']);
    assert.ok(log.indexOf('keep submitting') < log.indexOf('create'), log.join(', '));
    assert.equal(log.filter((call) => call === 'create').length, 1);
    const submitting = kept[1] as JobRecord;
    assert.ok(JSON.stringify(bodies[0]).includes('"oss://'), 'the create itself carries the uploads');
    assert.ok(!JSON.stringify(submitting.request).includes('oss://'), JSON.stringify(submitting.request));
    assert.deepEqual(submitting.request?.parameters, bodies[0]?.parameters);
    assert.equal(submitting.inputs?.[ROLE.first]?.sha256, createHash('sha256').update(await readFile(first)).digest('hex'));
    assert.deepEqual([submitting.outputDir, submitting.baseName, typeof submitting.createSentAt], [dir, 'a-to-b', 'string']);
    assert.deepEqual([kept[2]?.taskId, kept[2]?.requestIds], ['task-1', ['req-c']]);
  });

  it('base64: the frames go inline, and the kept request holds no data: URL', async () => {
    const { plan, deps, log, bodies, kept } = await setUp('base64');
    await assert.rejects(startJob(plan, deps));
    assert.ok(!log.includes('policy') && !log.includes('upload'), log.join(', '));
    assert.ok(JSON.stringify(bodies[0]).includes('data:image/png;base64,'));
    assert.ok(!JSON.stringify(kept.find((record) => record.status === 'submitting')?.request).includes('data:'));
  });

  it('the create is not sent until the record of it is kept', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const { plan, deps, log } = await setUp('base64', (record) => (record.status === 'submitting' ? slow : Promise.resolve()));
    const job = startJob(plan, deps);
    for (const deadline = Date.now() + 5_000; !log.includes('keep submitting') && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 2));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(log.includes('keep submitting'), log.join(', '));
    assert.ok(!log.includes('create'), 'still waiting for the record');
    release();
    await assert.rejects(job);
    assert.ok(log.includes('create'));
  });

  it('an input changed since it was checked stops the job before any request or record', async () => {
    const { first, plan, deps, log, kept, phases } = await setUp('oss');
    await writeFile(first, Buffer.concat([await readFile(first), Buffer.from('changed')]));
    await assert.rejects(startJob(plan, deps), (error: unknown) => endsAs('invalid-input', 'prepare')(error) && /a\.png changed/.test((error as Error).message));
    assert.deepEqual([log.length, kept.length, phases()], [0, 0, ['preparing']]);
  });
});

describe('continuing a submitted job', () => {
  it('polls its task, keeps the record as it runs, names the task in what ends it; an unsubmitted one cannot go on', async () => {
    const { deps, log, kept, phases } = await setUp();
    const { client } = fakeService(log, ['RUNNING', 'CANCELED']);
    await assert.rejects(continueJob(jobRecord('job-1', 'pending', { taskId: 'task-9' }), { ...deps, client }), endsAs('canceled', 'generation', 'task-9'));
    assert.deepEqual([phases(), kept.map((record) => record.status)], [['running'], ['running']]);
    assert.ok(log.every((call) => call === 'get task-9' || call.startsWith('keep')), log.join(', '));
    log.length = 0;
    await assert.rejects(continueJob(jobRecord('job-1', 'stopped'), deps), (error: unknown) => isWanError(error) && error.kind === 'invalid-input');
    assert.equal(log.length, 0, 'nothing asked of the service');
  });

  it('polls through the shared poll source (watched with its submit time and model), on the learnt timing of its kind, and tells the task times', async () => {
    const { deps, log, events } = await setUpWithEvents();
    const { client } = fakeService(log, ['RUNNING', 'CANCELED']);
    const watched: unknown[] = [];
    const kinds: unknown[] = [];
    const source = { getTask: (taskId: string) => (log.push(`shared ${taskId}`), client.getTask(taskId)), watch: (taskId: string, known: unknown) => void watched.push([taskId, known]) };
    const submittedAt = '2026-12-01T00:00:00.000Z';
    const record = jobRecord('job-1', 'pending', { taskId: 'task-9', submittedAt, wireModel: 'wan2.2-kf2v-flash', region: 'cn-beijing', parameters: { resolution: '720P', duration: 5, promptExtend: true, watermark: false } });
    const timingFor = (kind: unknown) => (kinds.push(kind), undefined);
    await assert.rejects(continueJob(record, { ...deps, client, pollSource: source, timingFor }), endsAs('canceled', 'generation', 'task-9'));
    assert.deepEqual(watched, [['task-9', { submittedAt: Date.parse(submittedAt), model: 'wan2.2-kf2v-flash' }]]);
    assert.deepEqual(kinds, [{ model: 'wan2.2-kf2v-flash', resolution: '720P', duration: 5, region: 'cn-beijing' }]);
    assert.ok(log.filter((call) => call.startsWith('get') || call.startsWith('shared')).every((call) => call.startsWith('shared') || call === 'get task-9'));
    assert.ok(log.includes('shared task-9'), 'the polls went through the shared source');
    const statuses = events.filter((event) => event.type === 'status');
    assert.ok(statuses.length >= 1 && statuses.every((event) => event.type === 'status' && event.times !== undefined), 'each status carries the task times');
  });

  it('a video goes by default to the first local frame\'s folder; none when every frame is a URL', () => {
    const image = (path: string, remote = false) => ({ kind: 'image', path, remote }) as InputFacts;
    assert.equal(defaultOutputDir({ inputs: { [ROLE.first]: image('https://img.example.com/a.png', true), [ROLE.last]: image('/shots/b.png') } }), '/shots');
    assert.equal(defaultOutputDir({ inputs: { [ROLE.first]: image('https://img.example.com/a.png', true) } }), undefined);
  });
});
