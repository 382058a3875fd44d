import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import { systemClock } from '../../../src/core/base/clock';
import { endpointFor } from '../../../src/core/catalog/regions';
import { type GenerationPlan, planGeneration } from '../../../src/core/inputs/request';
import { createDispatcher } from '../../../src/core/net/transport';
import { type Connection, JobManager, type LiveJob } from '../../../src/host/engine/jobs/jobManager';
import { JobStore } from '../../../src/host/engine/jobs/jobStore';
import { until } from '../../harness/wait';
import type { Simulator } from '../../sandbox/simulator';
import { MemoryMemento } from '../../support/fixtures/memento';
import { frames, jobOptions } from '../../support/jobs';
import { clientFor, fastSimulator, tempDir, writeFramePair } from '../../support/simulator';
import { takeAt } from '../../support/takes';

const quiet = { info: () => undefined, warn: () => undefined };

async function world(simulator: Simulator) {
  const dir = await tempDir('wk-batch-');
  const { first, last } = await writeFramePair(dir);
  const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P', prompt: 'a slow pan' }, endpointFor('cn-beijing', simulator.baseUrl));
  assert.ok(plan);
  const connect = async (): Promise<Connection> => {
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    return { client, dispatcher, options: jobOptions('oss'), region: undefined, close: async () => (await client.close(), await dispatcher.close()) };
  };
  return { dir, plan: plan as GenerationPlan, connect };
}

/** Variations in the editor's job manager, against the simulator over real HTTP (polls through the shared task list). */
describe('a batch of variations in the editor', { timeout: 90_000 }, () => {
  const simulators: Simulator[] = [];
  after(async () => {
    for (const simulator of simulators) await simulator.stop();
  });

  it('3 takes, one the service fails: the other two are saved as name.mp4 and name-2.mp4 with their seeds; nothing canceled', async () => {
    // Runs over a second: shorter ones are no running time the timing model learns from.
    const simulator = await fastSimulator({ runningMs: 1_200 });
    simulators.push(simulator);
    const { dir, plan, connect } = await world(simulator);
    simulator.failNextTask('InternalError.Algo', 'the model could not render this take');
    const jobs = new JobManager(new JobStore(new MemoryMemento(), 'window-1'), quiet, connect, systemClock);
    const finished: LiveJob[] = [];
    jobs.onDidFinish(({ job }) => finished.push(job));
    const takes = jobs.startBatch({ ...plan, seed: 500 }, 'a → b', 3);
    await until(() => finished.length === 3, 'every take to end', 60_000, 20);
    const statuses = takes.map((take) => take.record.status).sort();
    assert.deepEqual(statuses, ['failed', 'saved', 'saved'], takes.map((take) => take.error?.message).join(' | '));
    assert.equal(simulator.requestsFor('create').length, 3, 'three creates, none repeated');
    assert.equal(simulator.requestsFor('cancel').length, 0, 'a failed take never cancels its siblings');
    const videos = (await readdir(dir)).filter((name) => name.endsWith('.mp4')).sort();
    assert.equal(videos.length, 2);
    assert.match(videos[0] ?? '', /^a-to-b(-2)?\.mp4$/);
    assert.match(videos[1] ?? '', /^a-to-b(-2)?\.mp4$/);
    const seeds = await Promise.all(videos.map(async (video) => (await takeAt(`${dir}/${video.replace(/\.mp4$/, '.json')}`)).take.seed));
    for (const seed of seeds) assert.ok([500, 501, 502].includes(seed as number), `seed ${String(seed)}`);
    assert.equal(new Set(seeds).size, 2);
    // Polled through the shared task list: a take's own query only once it left the list (its end and video link).
    const lists = simulator.requestsFor('list').length;
    const queries = simulator.requestsFor('query').length;
    console.log(`batch of 3: ${lists} list call(s), ${queries} task queries`);
    assert.ok(lists >= 1, 'the live takes were watched through the task list');
    await until(() => jobs.timing.size >= 2, 'the saved takes to teach the timing model', 10_000, 20);
    const failed = takes.find((take) => take.record.status === 'failed');
    assert.equal(failed?.error?.kind, 'task-failed');
    await jobs.dispose();
  });

  it('a reload mid-batch: every submitted take resumes once and is saved once; none is created twice', async () => {
    const simulator = await fastSimulator({ pendingMs: 1_500, runningMs: 300 });
    simulators.push(simulator);
    const { dir, plan, connect } = await world(simulator);
    const state = new MemoryMemento();
    const before = new JobManager(new JobStore(state, 'window-before'), quiet, connect, systemClock);
    const takes = before.startBatch(plan, 'a → b', 3);
    await until(() => takes.filter((take) => take.record.taskId).length === 2, 'two takes submitted (kf2v runs two at a time)', 30_000, 10);
    await before.dispose();
    const createsBefore = simulator.requestsFor('create').length;
    assert.equal(createsBefore, 2);

    const afterReload = new JobManager(new JobStore(state, 'window-after'), quiet, connect, systemClock);
    const finished: LiveJob[] = [];
    afterReload.onDidFinish(({ job }) => finished.push(job));
    await afterReload.resumeStored();
    await until(() => finished.length === 3, 'each take to end once', 60_000, 20);
    const byStatus = finished.map((job) => `${job.record.parent?.index}:${job.record.status}`).sort();
    assert.deepEqual(byStatus, ['0:saved', '1:saved', '2:failed'], 'the take that was still queued ends, never sent');
    assert.equal(simulator.requestsFor('create').length, 2, 'no take created twice, none created after the reload');
    assert.equal((await readdir(dir)).filter((name) => name.endsWith('.mp4')).length, 2);
    assert.equal(new Set(finished.map((job) => job.id)).size, 3, 'each take ended once');
    assert.ok(afterReload.list().every((job) => job.batchCount === 3), 'the batch still counts 3 takes');
    await afterReload.dispose();
  });
});
