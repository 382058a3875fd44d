import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { type Clock, systemClock } from '../../../src/core/base/clock';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { createDispatcher } from '../../../src/core/net/transport';
import { type Connection, JobManager, type LiveJob } from '../../../src/host/engine/jobs/jobManager';
import { JobStore } from '../../../src/host/engine/jobs/jobStore';
import { until } from '../../harness/wait';
import type { Simulator } from '../../sandbox/simulator';
import { MemoryMemento } from '../../support/fixtures/memento';
import { frames, jobOptions } from '../../support/jobs';
import { clientFor, fastSimulator, tempDir, writeFramePair } from '../../support/simulator';

/** A window's clock whose waits hang while it is stalled (an extension host frozen by a debugger, a laptop lid). */
function stallableClock(): { clock: Clock; stall(): void; release(): void } {
  let stalled: Promise<void> | undefined;
  let release = () => undefined as void;
  return {
    clock: {
      now: () => Date.now(),
      sleep: async (ms, signal) => {
        if (stalled) await stalled;
        await systemClock.sleep(Math.min(ms, 50), signal);
      },
    },
    stall: () => {
      stalled = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => {
      stalled = undefined;
      release();
    },
  };
}

const log = { info: () => undefined, warn: () => undefined };

describe('a window that stalls for 30 s while it runs a job', { timeout: 60_000 }, () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator({ runningMs: 1_500 });
  });
  after(() => simulator.stop());

  const connect = async (): Promise<Connection> => {
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    return { client, dispatcher, options: jobOptions('oss'), region: undefined, close: async () => { await client.close(); await dispatcher.close(); } };
  };

  it('the other window takes the job over; when the first wakes it saves nothing more: one video', async () => {
    const dir = await tempDir('wk-stall-');
    const { first, last } = await writeFramePair(dir);
    const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(plan);
    const state = new MemoryMemento();
    const stall = stallableClock();
    const windowA = new JobManager(new JobStore(state, 'window-a'), log, connect, stall.clock);
    const job = windowA.start(plan, 'a → b');
    await until(() => job.record.status === 'running', 'the task to run in window A', 30_000, 20);
    stall.stall();

    // Window B looks 30 s later: A's lease has not been renewed since, so B takes the job and finishes it.
    const windowB = new JobManager(new JobStore(state, 'window-b', () => Date.now() + 30_000), log, connect, systemClock);
    const savedInB: LiveJob[] = [];
    windowB.onDidFinish(({ job: finished }) => savedInB.push(finished));
    await windowB.resumeStored();
    await until(() => savedInB.length === 1, 'window B to save the video', 30_000, 20);
    assert.equal(savedInB[0]?.record.status, 'saved');

    // A wakes up and carries on from where it stalled.
    stall.release();
    await until(() => windowA.get(job.id) === undefined || windowA.get(job.id)?.record.status === 'saved', 'window A to let go of the job or find it saved', 30_000, 20);
    const videos = (await readdir(dir)).filter((name) => name.endsWith('.mp4'));
    assert.deepEqual(videos, ['a-to-b.mp4'], 'one video, not two');
    assert.equal(simulator.requestsFor('create').length, 1);
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.part')), []);
    await windowA.dispose();
    await windowB.dispose();
  });
});
