import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { adoptInterruptedCreate } from '../../../src/core/job/adopt';
import { createDispatcher } from '../../../src/core/net/transport';
import { isWanError } from '../../../src/core/errors/wanError';
import { startJob } from '../../../src/core/job/job';
import { type JobDeps, type JobEvent, jobDeps } from '../../../src/core/job/jobDeps';
import type { JobRecord } from '../../../src/core/job/jobRecord';
import { endpointFor } from '../../../src/core/catalog/regions';
import { type GenerationPlan, planGeneration } from '../../../src/core/inputs/request';
import { LOOKUP_PAUSES_MS } from '../../../src/core/service/taskLookup';
import type { Simulator } from '../../sandbox/simulator';
import { until } from '../../harness/wait';
import { clientFor, fastPoll, simulatorWithFrames } from '../../support/simulator';
import { recordingClock } from '../../support/clocks';
import { frames, jobOptions } from '../../support/jobs';
import { CreateGate } from '../../../src/core/service/createGate';

/** What a host keeps between processes: the last record each job emitted, the task ids its jobs own, its create gate. */
function host() {
  const records = new Map<string, JobRecord>();
  const known = new Set<string>();
  return {
    records,
    known,
    gate: new CreateGate(),
    onEvent: (event: JobEvent) => {
      if (event.type !== 'record') return;
      records.set(event.record.id, event.record);
      if (event.record.taskId) known.add(event.record.taskId);
    },
  };
}

describe('a job whose process stopped while its create was in flight', () => {
  let simulator: Simulator;
  let dir: string;
  let plan: GenerationPlan;
  const closers: Array<() => Promise<void>> = [];

  before(async () => {
    let first: string;
    let last: string;
    ({ simulator, dir, first, last } = await simulatorWithFrames('wk-adopt-'));
    const planned = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(planned.plan);
    plan = planned.plan;
  });
  after(async () => {
    for (const close of closers) await close();
    await simulator.stop();
  });

  function deps(state: ReturnType<typeof host>, signal?: AbortSignal): JobDeps {
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    closers.push(() => client.close(), () => dispatcher.close());
    return jobDeps('test', { client, dispatcher, clock: recordingClock().clock, signal, options: jobOptions('oss'), gate: state.gate, pollDelayMs: fastPoll, knownTaskIds: state.known, onEvent: state.onEvent });
  }

  /** Starts a job whose create the service accepts but answers late, and stops the process as soon as the task exists. */
  async function interruptedJob(state: ReturnType<typeof host>): Promise<JobRecord> {
    const tasksBefore = simulator.tasks.size;
    simulator.faults.add({ route: 'create', kind: { type: 'slow-headers', delayMs: 3_000 } });
    const process = new AbortController();
    const running = startJob(plan, deps(state, process.signal)).catch((error: unknown) => error);
    await until(() => simulator.tasks.size > tasksBefore, 'the service to accept the create', 10_000, 20);
    process.abort();
    const stopped = await running;
    assert.ok(isWanError(stopped) && stopped.kind === 'aborted', `the first process stopped (${String(stopped)})`);
    const record = [...state.records.values()].at(-1) as JobRecord;
    assert.equal(record.status, 'submitting', 'the record says a create was in flight');
    assert.equal(record.taskId, undefined);
    assert.ok(record.createSentAt);
    return record;
  }

  it('finds the task the service accepted and saves its video once, without a second create', async () => {
    const state = host();
    const record = await interruptedJob(state);
    const createsBefore = simulator.requestsFor('create').length;
    const result = await adoptInterruptedCreate(record, deps(state));
    assert.ok(simulator.tasks.has(result.taskId));
    assert.equal(simulator.requestsFor('create').length, createsBefore, 'no create was sent again');
    assert.ok((await readdir(dir)).includes(`${result.record.baseName}.mp4`));
  });

  it('two interrupted jobs of one model each adopt their own task', async () => {
    const state = host();
    const one = await interruptedJob(state);
    const two = await interruptedJob(state);
    const [a, b] = await Promise.all([adoptInterruptedCreate(one, deps(state)), adoptInterruptedCreate(two, deps(state))]);
    assert.notEqual(a.taskId, b.taskId, 'not the same task twice');
  });

  it('no task in the list → ends saying nothing was charged, after looking over the whole lookup span', async () => {
    const state = host();
    const listsBefore = simulator.requestsFor('list').length;
    const createsBefore = simulator.requestsFor('create').length;
    const record: JobRecord = {
      version: 2,
      id: 'never-arrived',
      createdAt: new Date().toISOString(),
      createSentAt: new Date().toISOString(),
      baseUrl: simulator.baseUrl,
      family: 'wan2.2-kf2v-flash',
      wireModel: 'wan2.2-kf2v-flash',
      prompt: '',
      negativePrompt: '',
      outputDir: dir,
      baseName: 'never',
      status: 'submitting',
      requestIds: [],
    };
    // Every task the simulator holds belongs to the jobs above.
    for (const id of simulator.tasks.keys()) state.known.add(id);
    const error = await adoptInterruptedCreate(record, deps(state)).catch((caught: unknown) => caught);
    assert.ok(isWanError(error) && error.kind === 'aborted', String(error));
    assert.match(error.localized('en'), /nothing was charged/);
    assert.match(error.localized('zh-cn'), /未产生费用/);
    assert.equal(simulator.requestsFor('list').length - listsBefore, LOOKUP_PAUSES_MS.length);
    assert.equal(simulator.requestsFor('create').length, createsBefore);
  });
});
