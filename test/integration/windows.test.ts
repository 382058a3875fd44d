import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { DashScopeClient } from '../../src/core/service/client';
import { createDispatcher } from '../../src/core/net/transport';
import { systemClock } from '../../src/core/base/clock';
import { endpointFor } from '../../src/core/catalog/regions';
import { planGeneration } from '../../src/core/inputs/request';
import { type Connection, JobManager, type LiveJob } from '../../src/host/engine/jobs/jobManager';
import { JobStore } from '../../src/host/engine/jobs/jobStore';
import { Log } from '../../src/host/entry/log';
import { MemoryMemento } from '../support/fixtures/memento';
import { encodePng } from '../support/fixtures/png';
import { until } from '../harness/wait';
import { DEFAULT_TEST_KEY, Simulator } from '../sandbox/simulator';
import { frames, jobOptions } from '../support/jobs';

describe('two windows sharing one job', function () {
  this.timeout(90_000);
  let simulator: Simulator;
  const disposables: Array<{ dispose(): unknown }> = [];

  before(async () => {
    simulator = await Simulator.start({ pendingMs: 300, runningMs: 3000, fps: 5 });
  });
  after(async () => {
    for (const disposable of disposables) await disposable.dispose();
    await simulator.stop();
  });

  function window(owner: string, state: MemoryMemento, saved: LiveJob[]): JobManager {
    const connect = async (): Promise<Connection> => {
      const dispatcher = createDispatcher({ environment: {} });
      const client = new DashScopeClient({ baseUrl: simulator.baseUrl, apiKey: DEFAULT_TEST_KEY, userAgent: 'wan-keyframes/test', dispatcher });
      return { client, dispatcher, options: jobOptions('oss'), region: undefined, close: () => client.close() };
    };
    const log = new Log();
    const jobs = new JobManager(new JobStore(state, owner), log, connect, systemClock);
    jobs.onDidFinish(({ job }) => {
      if (job.record.status === 'saved') saved.push(job);
    });
    disposables.push(jobs, log);
    return jobs;
  }

  it('a window opened while another polls leaves the job to it: one download, one video', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wk-windows-'));
    await writeFile(path.join(dir, 'a.png'), encodePng({ width: 480, height: 320 }));
    await writeFile(path.join(dir, 'b.png'), encodePng({ width: 480, height: 320, from: [90, 10, 10], to: [10, 90, 10] }));
    const { plan } = await planGeneration({ inputs: frames(path.join(dir, 'a.png'), path.join(dir, 'b.png')), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(plan);

    const state = new MemoryMemento();
    const saved: LiveJob[] = [];
    const first = window('window-a', state, saved);
    const second = window('window-b', state, saved);
    const job = first.start(plan, 'a → b');
    await until(() => [...simulator.tasks.values()].some((task) => task.status === 'RUNNING'), 'the task to run', 30_000);
    assert.equal(new JobStore(state, 'reader').all()[0]?.id, job.id, 'the stored record carries the job id its lease names');

    await second.resumeStored();
    assert.equal(second.running().length, 0, 'the second window does not take a job the first one holds');
    await until(() => saved.length > 0, 'the video', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    assert.equal(saved.length, 1);
    assert.deepEqual((await readdir(dir)).filter((name) => /\.(mp4|part)$/.test(name)), ['a-to-b.mp4']);
    assert.equal(simulator.requests.filter((request) => request.path.includes('/oss-result/')).length, 1, 'one download');
  });
});
