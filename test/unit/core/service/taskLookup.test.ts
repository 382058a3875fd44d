import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskListQuery } from '../../../../src/core/service/client';
import type { ListedTask, ListTasksResponse } from '../../../../src/core/service/schemas';
import { serviceError } from '../../../../src/core/service/serviceErrors';
import { isWanError } from '../../../../src/core/errors/wanError';
import { findCreatedTask, LOOKUP_PAUSES_MS } from '../../../../src/core/service/taskLookup';
import { virtualClock } from '../../../support/clocks';

const MODEL = 'wan2.2-kf2v-flash';

/** A task list that answers each look from a script (a list of tasks, or an error), and keeps the queries. */
function taskList(answer: (look: number) => ListedTask[] | Error) {
  const queries: TaskListQuery[] = [];
  return {
    queries,
    async listTasks(query: TaskListQuery): Promise<ListTasksResponse> {
      const answered = answer(queries.length);
      queries.push(query);
      if (answered instanceof Error) throw answered;
      return { data: answered } as ListTasksResponse;
    },
  };
}

describe('finding the task a lost create made', () => {
  it('never returns a task the notOurs set holds; the earliest of the others is the one', async () => {
    const time = virtualClock();
    const at = time.now();
    const list = taskList(() => [
      { task_id: 'sibling', model_name: MODEL, gmt_create: at },
      { task_id: 'later', model_name: MODEL, gmt_create: at + 2_000 },
      { task_id: 'mine', model_name: MODEL, gmt_create: at + 1_000 },
    ]);
    const found = await findCreatedTask(list, MODEL, { from: at }, { clock: time.clock, notOurs: new Set(['sibling']) });
    assert.equal(found, 'mine');
    assert.equal(list.queries.length, 1);
  });

  it('when every listed task is someone else\'s, looks at each pause and returns nothing', async () => {
    const time = virtualClock();
    const list = taskList(() => [{ task_id: 'sibling', model_name: MODEL, gmt_create: time.now() }]);
    const found = await findCreatedTask(list, MODEL, { from: time.now() }, { clock: time.clock, notOurs: new Set(['sibling']) });
    assert.equal(found, undefined);
    assert.equal(list.queries.length, LOOKUP_PAUSES_MS.length);
    assert.deepEqual(time.sleeps, LOOKUP_PAUSES_MS.filter((ms) => ms > 0));
  });

  it('respects the window: asks for it (5 s of slack each side) and skips tasks outside it or of another model', async () => {
    const time = virtualClock();
    const from = time.now() - 60_000;
    const to = from + 10_000;
    const list = taskList(() => [
      { task_id: 'too-early', model_name: MODEL, gmt_create: from - 5_001 },
      { task_id: 'too-late', model_name: MODEL, gmt_create: to + 5_001 },
      { task_id: 'other-model', model_name: 'wan2.7-i2v', gmt_create: from },
    ]);
    assert.equal(await findCreatedTask(list, MODEL, { from, to }, { clock: time.clock }), undefined);
    assert.equal(list.queries[0]?.startTime?.getTime(), from - 5_000);
    assert.equal(list.queries[0]?.endTime?.getTime(), to + 5_000);
    assert.equal(list.queries[0]?.modelName, MODEL);
    const edge = taskList(() => [{ task_id: 'edge', model_name: MODEL, gmt_create: to + 5_000 }]);
    assert.equal(await findCreatedTask(edge, MODEL, { from, to }, { clock: time.clock }), 'edge', 'the edge of the slack is inside');
    const undated = taskList(() => [{ task_id: 'undated' }]);
    assert.equal(await findCreatedTask(undated, MODEL, { from, to }, { clock: time.clock }), undefined, 'a task the list gives no creation time cannot be placed in the window');
  });

  it('without an end, the window grows with the clock: a task the list shows late is found at a later look', async () => {
    const time = virtualClock();
    const sent = time.now();
    const list = taskList((look) => (look < 2 ? [] : [{ task_id: 'lagging', model_name: MODEL, gmt_create: sent + 4_000 }]));
    assert.equal(await findCreatedTask(list, MODEL, { from: sent }, { clock: time.clock }), 'lagging');
    assert.equal(list.queries.length, 3);
    assert.ok((list.queries[2]?.endTime?.getTime() ?? 0) > (list.queries[0]?.endTime?.getTime() ?? 0));
  });

  it('a retryable list error is looked past; one on the last look, or any other error, is thrown', async () => {
    const busy = () => serviceError({ status: 503, code: 'ModelUnavailable' });
    const time = virtualClock();
    const flaky = taskList((look) => (look < 2 ? busy() : [{ task_id: 'mine', gmt_create: time.now() }]));
    assert.equal(await findCreatedTask(flaky, MODEL, { from: time.now() }, { clock: time.clock }), 'mine');
    const down = taskList(() => busy());
    await assert.rejects(findCreatedTask(down, MODEL, { from: time.now() }, { clock: time.clock }), (error: unknown) => isWanError(error) && error.kind === 'server');
    assert.equal(down.queries.length, LOOKUP_PAUSES_MS.length);
    const refused = taskList(() => serviceError({ status: 401, code: 'InvalidApiKey' }));
    await assert.rejects(findCreatedTask(refused, MODEL, { from: time.now() }, { clock: time.clock }), (error: unknown) => isWanError(error) && error.kind === 'auth');
    assert.equal(refused.queries.length, 1, 'not retried');
  });

  it('a stop while waiting between looks ends the lookup as aborted', async () => {
    const controller = new AbortController();
    const time = virtualClock();
    const list = taskList(() => {
      controller.abort();
      return [];
    });
    await assert.rejects(findCreatedTask(list, MODEL, { from: time.now() }, { clock: time.clock, signal: controller.signal }), (error: unknown) => isWanError(error) && error.kind === 'aborted');
    assert.equal(list.queries.length, 1);
  });
});
