import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isWanError } from '../../../src/core/errors/wanError';
import { pollTask } from '../../../src/core/service/poll';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastSimulator } from '../../support/simulator';
import { recordingClock } from '../../support/clocks';
import { runJob } from '../../support/jobHarness';

describe('polling the simulator over HTTP', () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator();
  });
  after(() => simulator.stop());

  async function submitted(): Promise<string> {
    const run = await runJob(simulator);
    assert.ok(run.result);
    return run.result.taskId;
  }

  it('retries transient failures with backoff and gives up with the task id after too many', async () => {
    const taskId = await submitted();
    const client = clientFor(simulator);
    simulator.faults.add({ route: 'query', kind: { type: 'status', status: 503, code: 'ModelUnavailable', message: 'busy' }, times: 2 });
    const { clock, sleeps } = recordingClock(1000);
    const done = await pollTask(client, taskId, { clock, random: () => 0.5 });
    assert.equal(done.output.task_status, 'SUCCEEDED');
    assert.deepEqual(sleeps, [750, 1500], 'backoff 1 s then 2 s, jittered to three quarters');
    simulator.faults.add({ route: 'query', kind: { type: 'status', status: 500, code: 'InternalError', message: 'down' }, times: 10 });
    await assert.rejects(pollTask(client, taskId, { clock, maxTransientFailures: 3, random: () => 0.5 }), (error: unknown) => isWanError(error) && error.kind === 'server' && error.taskId === taskId);
    simulator.faults.clear();
    await client.close();
  });

  it('stops at once when aborted, and at its deadline with a resumable timeout', async () => {
    simulator.setTiming({ pendingMs: 60_000 });
    const run = runJob(simulator);
    const deadline = Date.now() + 20_000;
    let task = [...simulator.tasks.values()].find((t) => t.status === 'PENDING');
    while (!task && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      task = [...simulator.tasks.values()].find((t) => t.status === 'PENDING');
    }
    assert.ok(task, 'a pending task');
    const client = clientFor(simulator);
    const controller = new AbortController();
    const { clock } = recordingClock(1);
    setTimeout(() => controller.abort(new Error('stop')), 100);
    const started = Date.now();
    await assert.rejects(pollTask(client, task.id, { clock, signal: controller.signal }), (error: unknown) => isWanError(error) && error.kind === 'aborted');
    assert.ok(Date.now() - started < 2000);
    await assert.rejects(pollTask(client, task.id, { clock: recordingClock(1000).clock, deadlineMs: 0 }), (error: unknown) => isWanError(error) && error.kind === 'timeout' && error.taskId === task.id && error.retryable);
    simulator.setTiming({ pendingMs: 30 });
    await client.close();
    await run;
  });
});
