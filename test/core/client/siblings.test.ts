import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startJob } from '../../../src/core/job/job';
import { jobDeps, type JobResult } from '../../../src/core/job/jobDeps';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { createDispatcher } from '../../../src/core/net/transport';
import { CreateGate } from '../../../src/core/service/createGate';
import type { Simulator } from '../../sandbox/simulator';
import { recordingClock } from '../../support/clocks';
import { frames, jobOptions } from '../../support/jobs';
import { clientFor, fastPoll, fastSimulator, tempDir, writePng } from '../../support/simulator';
import { takeAt } from '../../support/takes';

/**
 * Three takes of one model at once, as a batch of variations makes them, through one runner's create gate. The
 * service accepts the second create late and its answer never arrives; the third's answer is slow. A lookup that
 * could see a sibling's task in its window would adopt the third job's task for the second job (both then save
 * one video, and the second task is paid for and never fetched).
 */
describe('siblings of one model: a lost create answer finds its own task', { timeout: 60_000 }, () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator({ accountConcurrency: { 'wan2.2-kf2v-flash': 3 }, runningMs: 300 });
  });
  after(() => simulator.stop());

  it('three creates, the second answer lost: three distinct tasks, each adopted by its own job, three videos', async () => {
    const dir = await tempDir('wk-siblings-');
    const first = await writePng(dir, 'a.png', { width: 480, height: 320 });
    const last = await writePng(dir, 'b.png', { width: 480, height: 320, from: [90, 10, 10], to: [10, 90, 10] });
    simulator.faults.add({ route: 'create', kind: { type: 'accept-then-reset', afterMs: 400 }, skip: 1 });
    simulator.faults.add({ route: 'create', kind: { type: 'slow-headers', delayMs: 1_500 }, skip: 2 });
    const gate = new CreateGate();
    const owned = new Set<string>();
    const closers: Array<() => Promise<void>> = [];
    const take = async (index: number): Promise<JobResult> => {
      const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P', prompt: `take ${index}`, seed: index }, endpointFor('cn-beijing', simulator.baseUrl));
      assert.ok(plan);
      const client = clientFor(simulator, { headersTimeoutMs: 3_000 });
      const dispatcher = createDispatcher({ environment: {} });
      closers.push(() => client.close(), () => dispatcher.close());
      return startJob(plan, jobDeps('test', {
        client,
        dispatcher,
        clock: recordingClock().clock,
        options: jobOptions('oss'),
        gate,
        knownTaskIds: owned,
        pollDelayMs: fastPoll,
        onEvent: (event) => {
          if (event.type === 'submitted') owned.add(event.taskId);
        },
      }));
    };
    try {
      const results = await Promise.all([1, 2, 3].map(take));
      assert.equal(simulator.requestsFor('create').length, 3, 'three creates, none sent again');
      assert.equal(simulator.tasks.size, 3);
      assert.equal(new Set(results.map((result) => result.taskId)).size, 3, 'three distinct tasks');
      for (const [index, result] of results.entries()) {
        assert.equal(simulator.tasks.get(result.taskId)?.prompt, `take ${index + 1}`, `job ${index + 1} has the task its own create made`);
      }
      const videos = (await readdir(dir)).filter((name) => name.endsWith('.mp4')).sort();
      assert.deepEqual(videos, ['a-to-b-2.mp4', 'a-to-b-3.mp4', 'a-to-b.mp4']);
      const takes = await Promise.all(videos.map((video) => takeAt(path.join(dir, video.replace(/\.mp4$/, '.json')))));
      assert.equal(new Set(takes.map((found) => found.take.taskId)).size, 3, 'three takes of three tasks');
      assert.deepEqual(takes.map((found) => found.take.seed).sort(), [1, 2, 3]);
    } finally {
      for (const close of closers) await close();
    }
  });
});
