import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemClock } from '../../../src/core/base/clock';
import { MODELS } from '../../../src/core/catalog/models';
import { isWanError } from '../../../src/core/errors/wanError';
import type { DashScopeClient } from '../../../src/core/service/client';
import { pollTask } from '../../../src/core/service/poll';
import { kf2vField } from '../../../src/core/service/schemas';
import { TaskWatch } from '../../../src/core/service/taskWatch';
import { ROLE } from '../../../src/shared/mediaRoles';
import { addOtherTask, type Simulator } from '../../sandbox/simulator';
import { otherTask } from '../../sandbox/tasks';
import { encodePng } from '../../support/fixtures/png';
import { clientFor, fastSimulator, KEY } from '../../support/simulator';

const MODEL = MODELS['wan2.2-kf2v-flash'];
const frame = (from: [number, number, number]) => `data:image/png;base64,${encodePng({ width: 480, height: 320, from }).toString('base64')}`;
const BODY = { model: MODEL.id, input: { prompt: 'a slow pan', [kf2vField(ROLE.first)]: frame([200, 40, 40]), [kf2vField(ROLE.last)]: frame([40, 40, 200]) }, parameters: { resolution: '480P' } };
const OTHER_KEY = 'sk-simulator-another-key';

/**
 * The task list as the one status call per tick of every live job of a key, against the simulator over HTTP: eight
 * jobs (four running, four queued behind them), another tool's tasks in the same list, and the list refused, failing,
 * paging past its limit, or not showing a task of ours.
 */
describe('one task list per tick, against the simulator', { timeout: 120_000 }, () => {
  let simulator: Simulator;
  let client: DashScopeClient;
  before(async () => {
    simulator = await fastSimulator({ pendingMs: 100, runningMs: 2_500, accountConcurrency: { [MODEL.id]: 4 }, apiKeys: [KEY, OTHER_KEY] });
    client = clientFor(simulator);
    addOtherTask(simulator, otherTask(Date.now(), { agoMs: 1000 }));
    addOtherTask(simulator, otherTask(Date.now(), { agoMs: 2000, status: 'PENDING', model: MODEL.id, apiKeyId: 'another-key' }));
  });
  after(async () => {
    await client.close();
    await simulator.stop();
  });

  /** Creates `count` tasks, then polls them all through one watcher; returns each poll's outcome and the requests it made. */
  async function watchJobs(count: number, watchOptions: { pageSize?: number; maxPages?: number } = {}, arrange?: () => void) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push((await client.createTask(MODEL, BODY)).output.task_id);
    arrange?.();
    const seqBefore = simulator.requests.length;
    const watch = new TaskWatch(client, { clock: systemClock, ...watchOptions });
    for (const id of ids) watch.watch(id, { submittedAt: simulator.tasks.get(id)?.createdAt });
    const answers = new Map<string, number>();
    const results = await Promise.allSettled(ids.map((id) => pollTask(watch, id, { clock: systemClock, onUpdate: () => answers.set(id, (answers.get(id) ?? 0) + 1) })));
    const made = simulator.requests.slice(seqBefore);
    const queried = (id: string) => made.filter((request) => request.route === 'query' && request.path.endsWith(`/${id}`)).length;
    const polled = (id: string) => answers.get(id) ?? 0;
    return { ids, results, lists: made.filter((request) => request.route === 'list'), queries: made.filter((request) => request.route === 'query'), queried, polled, watch };
  }

  const succeeded = (results: Array<PromiseSettledResult<{ output: { task_status: string; video_url?: string } }>>) =>
    results.every((result) => result.status === 'fulfilled' && result.value.output.task_status === 'SUCCEEDED' && /^https?:/.test(result.value.output.video_url ?? ''));

  it('8 jobs: one list call per tick, each task queried once when it leaves, other tools\' tasks never touched', async () => {
    const run = await watchJobs(8);
    assert.ok(succeeded(run.results), JSON.stringify(run.results.filter((result) => result.status === 'rejected')));
    assert.deepEqual(run.ids.map(run.queried), run.ids.map(() => 1), 'one query per task, for its end and video_url');
    assert.equal(run.queries.length, 8, 'no query of anything not ours');
    const first = run.lists[0];
    assert.ok(first && run.lists.every((list) => list.query.page_no === '1'), 'one page holds every row');
    assert.equal(run.lists.filter((list) => list.time === first.time).length, 1, 'the first tick of eight jobs is one list call');
    const gaps = run.lists.slice(1).map((list, index) => list.time - (run.lists[index]?.time ?? 0));
    assert.ok(gaps.every((gap) => gap >= 900), `ticks at least a second apart: ${gaps.join(', ')}`);
    assert.equal(run.watch.stats.ticks, run.lists.length);
  });

  it('a refused list (403): every job polls its own task, and the list is not asked again', async () => {
    const run = await watchJobs(3, {}, () => simulator.faults.add({ route: 'list', kind: { type: 'status', status: 403, code: 'AccessDenied', message: 'Access denied.' } }));
    assert.ok(succeeded(run.results));
    assert.equal(run.lists.length, 1);
    assert.ok(run.ids.every((id) => run.queried(id) >= 2), 'polled one by one');
  });

  it('a list failing once (500), then a malformed one: those ticks query the tasks, the next ones list again', async () => {
    const run = await watchJobs(3, {}, () => {
      simulator.faults.add({ route: 'list', kind: { type: 'status', status: 500, code: 'InternalError', message: 'down' } });
      simulator.faults.add({ route: 'list', kind: { type: 'raw', status: 200, body: '<html>gateway</html>', contentType: 'text/html' }, skip: 1 });
    });
    assert.ok(succeeded(run.results));
    assert.ok(run.lists.length >= 3, `${run.lists.length} list calls: two that failed, then the list again`);
    assert.ok(run.ids.every((id) => run.queried(id) >= 3 && run.queried(id) < run.polled(id)), `queried ${run.ids.map(run.queried).join(', ')} of ${run.ids.map(run.polled).join(', ')} polls`);
  });

  it('past its page limit the list stops; the tasks it did not show are queried, never lost or doubled', async () => {
    const run = await watchJobs(4, { pageSize: 1, maxPages: 2 });
    assert.ok(succeeded(run.results));
    assert.ok(run.lists.every((list) => Number(list.query.page_no) <= 2));
    assert.ok(run.lists.some((list) => list.query.page_no === '2'), 'it paged');
    assert.ok(run.queries.length > 4, 'some polls went to the task itself');
    assert.equal(new Set(run.results.map((result) => result.status === 'fulfilled' && result.value.output.task_id)).size, 4, 'each job its own task');
  });

  it('a task of ours the list does not show (made with another key): queried on its own, and its end is clear', async () => {
    const other = clientFor(simulator, { apiKey: OTHER_KEY });
    const foreignId = (await other.createTask(MODEL, BODY)).output.task_id;
    await other.close();
    const watch = new TaskWatch(client, { clock: systemClock });
    const seqBefore = simulator.requests.length;
    await assert.rejects(pollTask(watch, foreignId, { clock: systemClock }), (error: unknown) => isWanError(error) && error.kind === 'expired');
    const made = simulator.requests.slice(seqBefore);
    assert.deepEqual(made.map((request) => request.route), ['list', 'query'], 'absent from the list, then one query: unknown to this key');
  });
});
