import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliPolling } from '../../../src/cli/polling';
import type { DashScopeClient } from '../../../src/core/service/client';
import type { PollSource } from '../../../src/core/service/poll';
import { TaskQueryResponseSchema } from '../../../src/core/service/schemas';
import { beijingTimeText } from '../../../src/core/service/taskTimes';
import { virtualClock } from '../../support/clocks';

/** An account whose task list shows tasks t1 and t2 RUNNING (and another tool's), and 4 finished tasks of kf2v-flash that ran 60 s each. */
function account(now: () => number) {
  const calls: string[] = [];
  const client = {
    baseUrl: 'https://dashscope.aliyuncs.com',
    createTask: async () => ({ request_id: 'r', output: { task_id: 't1', task_status: 'PENDING' } }),
    async getTask(taskId: string) {
      calls.push(`get ${taskId}`);
      return TaskQueryResponseSchema.parse({ request_id: 'q', output: { task_id: taskId, task_status: 'SUCCEEDED', submit_time: beijingTimeText(now() - 90_000), scheduled_time: beijingTimeText(now() - 80_000), end_time: beijingTimeText(now() - 1000), video_url: 'https://x/v.mp4' } });
    },
    async listTasks(query: { status?: string }) {
      calls.push(`list${query.status ? ` ${query.status}` : ''}`);
      if (query.status === 'SUCCEEDED') {
        const data = [1, 2, 3, 4].map((n) => ({ task_id: `old-${n}`, model_name: 'wan2.2-kf2v-flash', status: 'SUCCEEDED', gmt_create: now() - 3_600_000 * n, start_time: now() - 3_600_000 * n + 5000, end_time: now() - 3_600_000 * n + 65_000 }));
        return { data };
      }
      const live = (id: string) => ({ task_id: id, model_name: 'wan2.2-kf2v-flash', status: 'RUNNING', gmt_create: now() - 20_000, start_time: now() - 15_000 });
      return { data: [live('t1'), live('t2'), { ...live('other'), model_name: 'vidu' }] };
    },
  };
  return { client: client as unknown as DashScopeClient, calls };
}

describe('CliPolling: one task watch and the ETA for a CLI run', () => {
  it('the jobs’ client answers polls of live tasks from one task-list call, keeps everything else of the run’s client', async () => {
    const { clock, now } = virtualClock();
    const { client, calls } = account(now);
    const polling = new CliPolling(client, clock);
    const wrapped = polling.client() as DashScopeClient & PollSource;
    assert.equal(wrapped.baseUrl, 'https://dashscope.aliyuncs.com');
    assert.equal(typeof wrapped.alignDelay, 'function', 'poll waits can land on shared ticks');
    polling.submitted('t1', 'wan2.2-kf2v-flash');
    polling.submitted('t2', 'wan2.2-kf2v-flash');
    await polling.settled();
    const [one, two] = await Promise.all([wrapped.getTask('t1'), wrapped.getTask('t2')]);
    assert.equal(one.output.task_status, 'RUNNING');
    assert.equal(two.output.task_status, 'RUNNING');
    assert.deepEqual(calls, ['list SUCCEEDED', 'list'], 'the account’s recent tasks once, then one list for both polls; no task queries');
  });

  it('the ETA comes from what the account’s finished tasks teach: running 15 s of ~60 s → about 45 s left', async () => {
    const { clock, now } = virtualClock();
    const { client } = account(now);
    const polling = new CliPolling(client, clock);
    const kind = { model: 'wan2.2-kf2v-flash', resolution: '480P', duration: 5, region: 'cn-beijing' };
    assert.equal(polling.eta('t1', kind), undefined, 'nothing before the first answer');
    await polling.client().getTask('t1');
    assert.equal(polling.eta('t1', kind)?.estimate, undefined, 'no basis yet: no number');
    polling.submitted('t1', 'wan2.2-kf2v-flash');
    await polling.settled();
    await polling.client().getTask('t1');
    const eta = polling.eta('t1', kind);
    assert.equal(eta?.phase, 'running');
    const left = eta?.estimate?.remainingMs.p50 ?? 0;
    assert.ok(left > 30_000 && left < 60_000, `~45 s left, not ${left}`);
  });
});
