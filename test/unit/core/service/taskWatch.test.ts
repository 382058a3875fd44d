import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Clock } from '../../../../src/core/base/clock';
import { KIND_SUMMARIES } from '../../../../src/core/errors/summaries';
import { isWanError, WanError } from '../../../../src/core/errors/wanError';
import type { TaskListQuery } from '../../../../src/core/service/client';
import { pollTask } from '../../../../src/core/service/poll';
import { type ListedTask, ListedTaskSchema, type ListTasksResponse, type TaskQueryResponse, TaskQueryResponseSchema } from '../../../../src/core/service/schemas';
import { serviceError } from '../../../../src/core/service/serviceErrors';
import { beijingTimeText } from '../../../../src/core/service/taskTimes';
import { TaskWatch } from '../../../../src/core/service/taskWatch';
import type { TaskTiming } from '../../../../src/core/service/timeDistribution';

/**
 * Virtual time for many waiters at once: a sleep is parked until `run` moves time to the earliest wake-up, once every
 * promise that can move has moved. Waits of minutes pass in microseconds, in the order they would in real time.
 */
function eventClock(start = Date.UTC(2026, 11, 1, 4, 0, 0)) {
  let now = start;
  const parked: Array<{ at: number; wake: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const entry = { at: now + Math.max(0, ms), wake: resolve };
        parked.push(entry);
        signal?.addEventListener('abort', () => (parked.splice(parked.indexOf(entry), 1), reject(signal.reason)), { once: true });
      }),
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    clock,
    now: () => now,
    /** Moves time on until `done` settles; returns its outcome. */
    async run<T>(done: Promise<T>): Promise<T> {
      let finished = false;
      const watched = done.finally(() => (finished = true));
      watched.catch(() => undefined);
      for (let turns = 0; turns < 100_000; turns++) {
        await settle();
        if (finished || parked.length === 0) break;
        const at = Math.min(...parked.map((entry) => entry.at));
        now = Math.max(now, at);
        for (const entry of parked.filter((item) => item.at <= now)) {
          parked.splice(parked.indexOf(entry), 1);
          entry.wake();
        }
      }
      return watched;
    },
  };
}

interface FakeTask {
  id: string;
  submittedAt: number;
  queueMs: number;
  runMs: number;
  /** How the list shows it: as it is, not at all, or changed. */
  row?: 'absent' | ((row: Record<string, unknown>) => Record<string, unknown>);
}

const OTHER_TOOL: ListedTask = ListedTaskSchema.parse({ task_id: 'vidu-1', model_name: 'vidu/viduq3-pro_start-end2video', status: 'RUNNING', api_key_id: 'someone-else' });

/** An account seen through one key: our tasks, another tool's, the list and the task query, and every call made. */
function account(time: ReturnType<typeof eventClock>, tasks: FakeTask[]) {
  const state = (task: FakeTask) => {
    const elapsed = time.now() - task.submittedAt;
    return elapsed < task.queueMs ? 'PENDING' : elapsed < task.queueMs + task.runMs ? 'RUNNING' : 'SUCCEEDED';
  };
  const world = {
    lists: [] as Array<{ at: number; query: TaskListQuery }>,
    gets: [] as Array<{ at: number; id: string }>,
    listAnswer: undefined as undefined | ((query: TaskListQuery) => ListTasksResponse),
    listError: undefined as undefined | (() => Error),
    async listTasks(query: TaskListQuery): Promise<ListTasksResponse> {
      world.lists.push({ at: time.now(), query });
      if (world.listError) throw world.listError();
      if (world.listAnswer) return world.listAnswer(query);
      const rows = tasks
        .filter((task) => task.row !== 'absent' && task.submittedAt >= (query.startTime?.getTime() ?? 0) && task.submittedAt <= (query.endTime?.getTime() ?? Infinity))
        .map((task) => {
          const status = state(task);
          const row: Record<string, unknown> = { task_id: task.id, model_name: 'wan2.7-i2v', status, gmt_create: task.submittedAt, start_time: status === 'PENDING' ? task.submittedAt : task.submittedAt + task.queueMs };
          if (status === 'SUCCEEDED') row.end_time = task.submittedAt + task.queueMs + task.runMs;
          return typeof task.row === 'function' ? task.row(row) : row;
        });
      return { data: [OTHER_TOOL, ...rows.map((row) => ListedTaskSchema.parse(row))], total: rows.length + 1, total_page: 1, page_no: query.pageNo ?? 1 };
    },
    async getTask(id: string): Promise<TaskQueryResponse> {
      world.gets.push({ at: time.now(), id });
      const task = tasks.find((item) => item.id === id);
      if (!task) return TaskQueryResponseSchema.parse({ request_id: 'r', output: { task_id: id, task_status: 'UNKNOWN' } });
      const status = state(task);
      const output: Record<string, unknown> = { task_id: id, task_status: status, submit_time: beijingTimeText(task.submittedAt) };
      if (status !== 'PENDING') output.scheduled_time = beijingTimeText(task.submittedAt + task.queueMs);
      if (status === 'SUCCEEDED') Object.assign(output, { end_time: beijingTimeText(task.submittedAt + task.queueMs + task.runMs), video_url: `https://example.test/${id}.mp4` });
      return TaskQueryResponseSchema.parse({ request_id: `get-${world.gets.length}`, output });
    },
  };
  return world;
}

/** `count` tasks submitted one second apart from now, each queued and running as given. */
function batch(time: ReturnType<typeof eventClock>, count: number, queueMs = 3_000, runMs = 60_000): FakeTask[] {
  return Array.from({ length: count }, (_, index) => ({ id: `ours-${index}`, submittedAt: time.now() - 1000 * (count - index), queueMs: queueMs + 7_000 * index, runMs: runMs + 5_000 * index }));
}

async function pollAll(time: ReturnType<typeof eventClock>, watch: TaskWatch, tasks: FakeTask[], timing?: TaskTiming) {
  return time.run(Promise.allSettled(tasks.map((task) => pollTask(watch, task.id, { clock: time.clock, timing }))));
}

const refused = () => serviceError({ status: 403, code: 'AccessDenied', message: 'Access denied.' });
const down = () => serviceError({ status: 500, code: 'InternalError', message: 'down' });

describe('one task list call per tick for every live task of a key', () => {
  it('one tick of 8 jobs sends one list call and no task query', async () => {
    const time = eventClock();
    const tasks = batch(time, 8);
    const world = account(time, tasks);
    const watch = new TaskWatch(world, { clock: time.clock });
    for (const task of tasks) watch.watch(task.id, { submittedAt: task.submittedAt });
    const answers = await time.run(Promise.all(tasks.map((task) => watch.getTask(task.id))));
    assert.deepEqual([world.lists.length, world.gets.length], [1, 0]);
    assert.deepEqual(answers.map((answer) => answer.output.task_id), tasks.map((task) => task.id));
    assert.ok(answers.every((answer) => ['PENDING', 'RUNNING'].includes(answer.output.task_status)));
  });

  it('8 jobs to the end: one query per task (when it leaves the list), ≤ 1.2 requests per tick, ≤ 1 request a second', async () => {
    const time = eventClock();
    const started = time.now();
    const tasks = batch(time, 8, 3_000, 280_000);
    const world = account(time, tasks);
    const statuses: string[] = [];
    const watch = new TaskWatch(world, { clock: time.clock, onStatus: (id, status) => statuses.push(`${id}:${status}`) });
    const results = await pollAll(time, watch, tasks);
    assert.ok(results.every((result) => result.status === 'fulfilled' && result.value.output.task_status === 'SUCCEEDED'), 'every job ends with its own video');
    const perTask = tasks.map((task) => world.gets.filter((get) => get.id === task.id).length);
    assert.deepEqual(perTask, tasks.map(() => 1), 'one task query each, when it left the list');
    assert.ok(!world.gets.some((get) => get.id === OTHER_TOOL.task_id), 'another tool\'s task is never queried');
    const requests = world.lists.length + world.gets.length;
    assert.ok(requests / world.lists.length <= 1.2, `${requests} requests in ${world.lists.length} ticks`);
    assert.ok(requests <= (time.now() - started) / 1000 + 2, `${requests} requests in ${(time.now() - started) / 1000} s`);
    assert.ok(world.lists.every((list, index) => index === 0 || list.at - (world.lists[index - 1]?.at ?? 0) >= 1000), 'lists at least a second apart');
    assert.ok(tasks.every((task) => statuses.includes(`${task.id}:RUNNING`) && statuses.includes(`${task.id}:SUCCEEDED`)), 'each change reported');
  });

  it('a task that left the list is queried once, for its end and video_url', async () => {
    const time = eventClock();
    const [task] = batch(time, 1, 0, 20_000) as [FakeTask];
    const world = account(time, [task]);
    const watch = new TaskWatch(world, { clock: time.clock });
    watch.watch(task.id, { submittedAt: task.submittedAt });
    const [result] = await pollAll(time, watch, [task]);
    assert.equal(result?.status === 'fulfilled' && result.value.output.video_url, `https://example.test/${task.id}.mp4`);
    assert.equal(world.gets.length, 1);
    assert.ok(world.lists.length > 3);
  });

  it('a list refused for good (403): every job polls its own task, and the list rests', async () => {
    const time = eventClock();
    const tasks = batch(time, 3, 0, 15_000);
    const world = account(time, tasks);
    world.listError = refused;
    const watch = new TaskWatch(world, { clock: time.clock });
    const results = await pollAll(time, watch, tasks);
    assert.ok(results.every((result) => result.status === 'fulfilled'));
    assert.equal(world.lists.length, 1, 'asked once, then left alone');
    assert.ok(world.gets.length >= tasks.length * 5, 'polled one by one, as without a watcher');
  });

  it('a failing list (500, malformed): task queries for that tick; after three failures in a row it rests', async () => {
    for (const failure of [down, () => new WanError({ kind: 'unexpected-response', summary: KIND_SUMMARIES['unexpected-response'] })]) {
      const time = eventClock();
      const tasks = batch(time, 2, 0, 30_000);
      const world = account(time, tasks);
      world.listError = failure;
      const watch = new TaskWatch(world, { clock: time.clock });
      const results = await pollAll(time, watch, tasks);
      assert.ok(results.every((result) => result.status === 'fulfilled'));
      assert.equal(world.lists.length, 3);
    }
  });

  it('a list that pages for ever stops at its page limit; the tasks it did not show are queried', async () => {
    const time = eventClock();
    const tasks = batch(time, 2, 0, 10_000);
    const world = account(time, tasks);
    world.listAnswer = (query) => ({ data: [OTHER_TOOL], total_page: 1000, page_no: query.pageNo ?? 1 });
    const watch = new TaskWatch(world, { clock: time.clock, maxPages: 3 });
    for (const task of tasks) watch.watch(task.id, { submittedAt: task.submittedAt });
    await time.run(Promise.all(tasks.map((task) => watch.getTask(task.id))));
    assert.deepEqual([world.lists.length, world.gets.length], [2, 2], 'a page with nothing new ends the paging; each task asked once');
    const endless = account(time, tasks);
    let serial = 0;
    endless.listAnswer = (query) => ({ data: [{ ...OTHER_TOOL, task_id: `other-${serial++}` }], total_page: 1000, page_no: query.pageNo ?? 1 });
    const limited = new TaskWatch(endless, { clock: time.clock, maxPages: 3 });
    for (const task of tasks) limited.watch(task.id, { submittedAt: task.submittedAt });
    await time.run(Promise.all(tasks.map((task) => limited.getTask(task.id))));
    assert.deepEqual([endless.lists.length, endless.gets.length], [3, 2]);
  });

  it('our row with a field missing, a time in the future or in another time zone: that job queries its task; others keep the list', async () => {
    const cases: Array<(row: Record<string, unknown>) => Record<string, unknown>> = [
      ({ status: _status, ...row }) => row,
      (row) => ({ ...row, gmt_create: (row.gmt_create as number) + 3600_000 }),
      (row) => ({ ...row, gmt_create: (row.gmt_create as number) - 8 * 3600_000 }),
      (row) => ({ ...row, status: 'RUNNING', start_time: undefined }),
    ];
    for (const change of cases) {
      const time = eventClock();
      const [odd, plain] = batch(time, 2, 0, 40_000) as [FakeTask, FakeTask];
      odd.row = change;
      const world = account(time, [odd, plain]);
      const watch = new TaskWatch(world, { clock: time.clock });
      for (const task of [odd, plain]) watch.watch(task.id, { submittedAt: task.submittedAt });
      const results = await pollAll(time, watch, [odd, plain]);
      assert.ok(results.every((result) => result.status === 'fulfilled'), 'never a lost job');
      const queries = (task: FakeTask) => world.gets.filter((get) => get.id === task.id).length;
      assert.ok(queries(odd) >= 5, `the odd task polled on its own (${queries(odd)})`);
      assert.equal(queries(plain), 1, 'the other one only when it left the list');
    }
  });

  it('a task of ours missing from the list (expired, another key): queried on its own, never lost', async () => {
    const time = eventClock();
    const [missing, listed] = batch(time, 2, 0, 40_000) as [FakeTask, FakeTask];
    missing.row = 'absent';
    const world = account(time, [missing, listed]);
    const watch = new TaskWatch(world, { clock: time.clock });
    for (const task of [missing, listed]) watch.watch(task.id, { submittedAt: task.submittedAt });
    const results = await pollAll(time, watch, [missing, listed]);
    assert.ok(results.every((result) => result.status === 'fulfilled'));
    assert.ok(world.gets.filter((get) => get.id === missing.id).length > 3);
    const gone = account(time, []);
    const expired = new TaskWatch(gone, { clock: time.clock });
    const [ended] = await time.run(Promise.allSettled([pollTask(expired, 'long-gone', { clock: time.clock })]));
    assert.ok(ended?.status === 'rejected' && isWanError(ended.reason) && ended.reason.kind === 'expired');
  });

  it('a job that stops while waiting for a shared tick stops alone', async () => {
    const time = eventClock();
    const tasks = batch(time, 2);
    const world = account(time, tasks);
    const watch = new TaskWatch(world, { clock: time.clock });
    for (const task of tasks) watch.watch(task.id, { submittedAt: task.submittedAt });
    await time.run(watch.getTask('ours-0'));
    const controller = new AbortController();
    const stopping = watch.getTask('ours-0', { signal: controller.signal });
    const staying = watch.getTask('ours-1');
    const outcomes = Promise.allSettled([stopping, staying]);
    controller.abort(new Error('stop'));
    const [stopped, stayed] = await time.run(outcomes);
    assert.ok(stopped?.status === 'rejected' && isWanError(stopped.reason) && stopped.reason.kind === 'aborted');
    assert.equal(stayed?.status, 'fulfilled');
  });

  it('lands a wait on a tick another task planned, when it is a little earlier; plans its own otherwise', () => {
    const time = eventClock();
    const watch = new TaskWatch(account(time, []), { clock: time.clock });
    assert.equal(watch.alignDelay('a', 10_000), 10_000);
    assert.equal(watch.alignDelay('b', 12_000), 10_000, 'two seconds early rides along');
    assert.equal(watch.alignDelay('c', 30_000), 30_000, 'twenty seconds early does not');
    assert.equal(watch.alignDelay('d', 9_500), 9_500, 'never later than wanted');
  });
});
