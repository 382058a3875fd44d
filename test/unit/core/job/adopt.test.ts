import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWanError } from '../../../../src/core/errors/wanError';
import { adoptInterruptedCreate } from '../../../../src/core/job/adopt';
import { type JobEvent, jobDeps } from '../../../../src/core/job/jobDeps';
import type { JobRecord } from '../../../../src/core/job/jobRecord';
import type { DashScopeClient, TaskListQuery } from '../../../../src/core/service/client';
import { CreateGate } from '../../../../src/core/service/createGate';
import { type ListedTask, TaskQueryResponseSchema } from '../../../../src/core/service/schemas';
import { LOOKUP_PAUSES_MS } from '../../../../src/core/service/taskLookup';
import { virtualClock } from '../../../support/clocks';
import { jobRecord } from '../../../support/fixtures/records';
import { jobOptions } from '../../../support/jobs';

const BASE = 'http://127.0.0.1:1';
const MODEL = 'wan2.2-kf2v-flash';

/** A record left `submitting` by a process that stopped ten minutes ago, its create sent at `sentAt`. */
function interrupted(clockNow: number) {
  const sentAt = clockNow - 10 * 60_000;
  return { sentAt, record: jobRecord('job-1', 'submitting', { createSentAt: new Date(sentAt).toISOString() }) };
}

/** The lookup against a task list holding `listed`; polls of an adopted task answer FAILED, so no download follows. */
async function adopt(listed: (sentAt: number) => ListedTask[], setUp: { gate?: CreateGate; knownTaskIds?: Set<string> } = {}) {
  const time = virtualClock();
  const { sentAt, record } = interrupted(time.now());
  const queries: TaskListQuery[] = [];
  const polled: string[] = [];
  const client = {
    baseUrl: BASE,
    listTasks: async (query: TaskListQuery) => (queries.push(query), { data: listed(sentAt) }),
    getTask: async (taskId: string) => (polled.push(taskId), TaskQueryResponseSchema.parse({ request_id: 'req-q', output: { task_id: taskId, task_status: 'FAILED', code: 'InternalError', message: 'x' } })),
  } as unknown as DashScopeClient;
  const gate = setUp.gate ?? new CreateGate();
  const events: JobEvent[] = [];
  const kept: JobRecord[] = [];
  const deps = jobDeps('test', { client, dispatcher: undefined as never, clock: time.clock, options: jobOptions(), gate, knownTaskIds: setUp.knownTaskIds, onEvent: (event) => events.push(event), keepRecord: async (next) => void kept.push(next) });
  const outcome = await adoptInterruptedCreate(record, deps).then(
    () => ({ error: undefined as unknown }),
    (error: unknown) => ({ error }),
  );
  return { ...outcome, sentAt, queries, polled, gate, events, kept };
}

const nothingCharged = (error: unknown) => isWanError(error) && error.kind === 'aborted' && /nothing was charged/.test(error.message);

describe('settling a create a stopped process left in flight', () => {
  it('found in the task list: the task is adopted, kept as pending, and polled', async () => {
    const run = await adopt((sentAt) => [{ task_id: 'adopted', model_name: MODEL, gmt_create: sentAt + 800 }]);
    assert.ok(isWanError(run.error) && run.error.taskId === 'adopted' && run.error.step === 'generation', String(run.error));
    assert.equal(run.kept[0]?.status, 'pending');
    assert.equal(run.kept[0]?.taskId, 'adopted');
    assert.ok(run.kept[0]?.submittedAt);
    assert.ok(run.events.some((event) => event.type === 'submitted' && event.taskId === 'adopted' && event.recovered));
    assert.ok(run.gate.owns('adopted'), 'claimed, so no later lookup adopts it again');
    assert.deepEqual(run.polled.slice(0, 1), ['adopted']);
  });

  it('looks only within a minute of when the create was sent', async () => {
    const run = await adopt(() => []);
    assert.equal(run.queries[0]?.startTime?.getTime(), run.sentAt - 5_000);
    assert.equal(run.queries[0]?.endTime?.getTime(), run.sentAt + 60_000 + 5_000);
    assert.equal(run.queries[0]?.modelName, MODEL);
    const late = await adopt((sentAt) => [{ task_id: 'late', model_name: MODEL, gmt_create: sentAt + 66_000 }]);
    assert.ok(nothingCharged(late.error), 'a task made long after the create is not its task');
  });

  it('not found: the job ends saying nothing was charged; nothing is kept or polled', async () => {
    const run = await adopt(() => []);
    assert.ok(nothingCharged(run.error), String(run.error));
    assert.equal(run.queries.length, LOOKUP_PAUSES_MS.length, 'every look was made');
    assert.deepEqual([run.kept.length, run.polled.length, run.events.length], [0, 0, 0]);
  });

  it('a task this runner or another job of this process already owns is never adopted', async () => {
    const gate = new CreateGate();
    gate.claim('sibling');
    const owned = await adopt((sentAt) => [{ task_id: 'sibling', model_name: MODEL, gmt_create: sentAt }], { gate });
    assert.ok(nothingCharged(owned.error));
    const known = await adopt((sentAt) => [{ task_id: 'resumed', model_name: MODEL, gmt_create: sentAt }], { knownTaskIds: new Set(['resumed']) });
    assert.ok(nothingCharged(known.error));
  });

  it('the lookup waits for a live create of the same model to finish first', async () => {
    const gate = new CreateGate();
    let release!: () => void;
    const live = gate.exclusive(CreateGate.lane(BASE, MODEL), () => new Promise<void>((resolve) => (release = resolve)));
    const order: string[] = [];
    const adopting = adopt(() => (order.push('list'), []), { gate });
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('create done');
    release();
    await live;
    await adopting;
    assert.equal(order[0], 'create done', order.join(', '));
  });
});
