import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AccountLimits } from '../../../src/core/service/accountLimits';
import type { DashScopeClient } from '../../../src/core/service/client';
import { createDispatcher } from '../../../src/core/net/transport';
import { systemClock } from '../../../src/core/base/clock';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { type Connection, JobManager, type LiveJob } from '../../../src/host/engine/jobs/jobManager';
import { JobStore } from '../../../src/host/engine/jobs/jobStore';
import { MemoryMemento } from '../../support/fixtures/memento';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastSimulator, tempDir, writeFramePair } from '../../support/simulator';
import { frames, jobOptions } from '../../support/jobs';

async function until(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The job manager as the editor builds it, against the simulator, with the account's limits read from the quota API. */
async function manager(simulator: Simulator) {
  const clients: DashScopeClient[] = [];
  const connect = async (): Promise<Connection> => {
    const client = clientFor(simulator);
    clients.push(client);
    const dispatcher = createDispatcher({ environment: {} });
    return { client, dispatcher, options: jobOptions('base64'), region: undefined, close: async () => { await client.close(); await dispatcher.close(); } };
  };
  const lines: string[] = [];
  const limits = new AccountLimits(async (model, signal) => {
    const connection = await connect();
    try {
      return await connection.client.getModelLimits(model, { signal });
    } finally {
      await connection.close();
    }
  }, (line) => lines.push(line));
  const jobs = new JobManager(new JobStore(new MemoryMemento(), 'window-1'), { info: () => undefined, warn: () => undefined }, connect, systemClock, { limits });
  const finished: LiveJob[] = [];
  jobs.onDidFinish(({ job }) => finished.push(job));
  /** Starts `count` kf2v jobs from two fresh frames and waits until all have ended. */
  const runJobs = async (count: number): Promise<void> => {
    const { first, last } = await writeFramePair(await tempDir('wk-quota-'));
    const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(plan);
    const target = finished.length + count;
    for (let i = 0; i < count; i++) jobs.start(plan, `job ${i + 1}`);
    await until(() => finished.length === target, `${count} job(s) to end`);
  };
  return { jobs, lines, finished, runJobs };
}

describe('the account’s own concurrency (quota API, addendum §A3)', { timeout: 120_000 }, () => {
  let simulator: Simulator;
  before(async () => {
    // The older path only (`/api/v1/models/limits`): the client tries `/quotas` first and falls back.
    simulator = await fastSimulator({ quotaRoute: 'limits', accountConcurrency: { 'wan2.2-kf2v-flash': 1 }, pendingMs: 30, runningMs: 400 });
  });
  after(() => simulator.stop());

  it('with a concurrency of 1, two jobs of one model run one after the other', async () => {
    const { jobs, lines, finished, runJobs } = await manager(simulator);
    await runJobs(2);
    assert.deepEqual(finished.map((job) => job.record.status), ['saved', 'saved']);
    const creates = simulator.requestsFor('create');
    assert.equal(creates.length, 2);
    const firstTask = [...simulator.tasks.values()].sort((a, b) => a.createdAt - b.createdAt)[0];
    assert.ok(firstTask?.endedAt !== undefined);
    assert.ok((creates[1]?.time ?? 0) >= firstTask.endedAt, 'the second create waited for the first task to end');
    const quota = simulator.requestsFor('quota');
    assert.deepEqual(quota.map((request) => request.path), ['/api/v1/quotas', '/api/v1/models/limits'], 'one lookup: the newer path, then the older');
    assert.ok(lines.some((line) => /wan2\.2-kf2v-flash runs 1 task/.test(line)), lines.join('\n'));
    // A second batch in the same session asks no more.
    await runJobs(1);
    assert.equal(simulator.requestsFor('quota').length, 2, 'once per session per model');
    await jobs.dispose();
  });

  it('a quota lookup that fails never blocks a generate (catalog numbers instead)', async () => {
    const refusing = await fastSimulator({ quotaRoute: 'none' });
    try {
      refusing.faults.add({ route: 'quota', kind: { type: 'status', status: 403, code: 'AccessDenied', message: 'Access denied.' }, times: 5 });
      const { jobs, lines, finished, runJobs } = await manager(refusing);
      await runJobs(2);
      assert.deepEqual(finished.map((job) => job.record.status), ['saved', 'saved']);
      assert.equal(refusing.requestsFor('quota').length, 1, 'refused once, not asked again');
      assert.ok(lines.some((line) => /lookup for wan2\.2-kf2v-flash failed/.test(line)), lines.join('\n'));
      await jobs.dispose();
    } finally {
      await refusing.stop();
    }
  });
});
