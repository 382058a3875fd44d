import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListedTask, TaskQueryResponse } from '../../../../../src/core/service/schemas';
import { beijingTimeText } from '../../../../../src/core/service/taskTimes';
import { type EndpointClient, Watches } from '../../../../../src/host/engine/jobs/watches';
import { virtualClock } from '../../../../support/clocks';

/** A job's client: notes which client each request went through. */
function client(name: string, calls: string[], rows: () => ListedTask[], baseUrl = 'https://dash.test/api/v1'): EndpointClient {
  return {
    baseUrl,
    getTask: async (taskId: string) => {
      calls.push(`${name} get ${taskId}`);
      return { request_id: 'r', output: { task_id: taskId, task_status: 'SUCCEEDED', submit_time: beijingTimeText(Date.UTC(2026, 11, 1)) } } as TaskQueryResponse;
    },
    listTasks: async () => {
      calls.push(`${name} list`);
      return { request_id: 'r', data: rows(), total_page: 1 } as never;
    },
  };
}

describe('one task watch per endpoint for the jobs of this window', () => {
  it('jobs at one endpoint share one watch: eight polls of one tick cost one list call', async () => {
    const { clock, now } = virtualClock();
    const calls: string[] = [];
    const rows = () => Array.from({ length: 8 }, (_, index) => ({ task_id: `t${index}`, status: 'RUNNING', gmt_create: now() - 5_000, start_time: now() - 4_000, model_name: 'wan2.2-kf2v-flash' }) as ListedTask);
    const watches = new Watches(clock);
    const leases = Array.from({ length: 8 }, (_, index) => watches.acquire(client(`c${index}`, calls, rows)));
    assert.ok(leases.every((lease) => lease.source === leases[0]?.source));
    for (const [index, lease] of leases.entries()) lease.source.watch(`t${index}`, { submittedAt: now() - 5_000, model: 'wan2.2-kf2v-flash' });
    const answers = await Promise.all(leases.map((lease, index) => lease.source.getTask(`t${index}`)));
    assert.ok(answers.every((answer) => answer.output.task_status === 'RUNNING'));
    assert.deepEqual(calls, ['c7 list'], 'one list call, through the newest live client');
    assert.deepEqual(watches.stats(), { listRequests: 1, taskQueries: 0 });
  });

  it('a job whose run ended gives its client back; the watch asks through one still live; another endpoint has its own', async () => {
    const { clock, now } = virtualClock();
    const calls: string[] = [];
    const watches = new Watches(clock, (tasks) => calls.push(`learnt ${tasks.length}`));
    const first = watches.acquire(client('first', calls, () => []));
    const second = watches.acquire(client('second', calls, () => []));
    const elsewhere = watches.acquire(client('far', calls, () => [], 'https://other.test/api/v1'));
    assert.notEqual(elsewhere.source, first.source);
    second.release('t2');
    second.release('t2');
    first.source.watch('t1', { submittedAt: now() });
    await first.source.getTask('t1');
    assert.deepEqual(calls, ['first list', 'learnt 0', 'first get t1'], 'absent from a complete list: queried on its own, through the live client');
    first.release('t1');
    const again = watches.acquire(client('next', calls, () => []));
    assert.notEqual(again.source, first.source, 'a watch nobody uses is let go');
  });

  it('another key at the same endpoint has its own watch: its jobs never ask through the new key', () => {
    const { clock } = virtualClock();
    const calls: string[] = [];
    const watches = new Watches(clock);
    const withKey = (name: string, account: string) => ({ ...client(name, calls, () => []), account });
    const a = watches.acquire(withKey('a', 'account-a'));
    const a2 = watches.acquire(withKey('a2', 'account-a'));
    const b = watches.acquire(withKey('b', 'account-b'));
    assert.equal(a.source, a2.source, 'one account, one watch');
    assert.notEqual(a.source, b.source, "a new key does not take over the old key's jobs");
  });
});

