import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskCreator, TaskListQuery } from '../../../../src/core/service/client';
import type { CreateBody, CreateTaskResponse, ListTasksResponse } from '../../../../src/core/service/schemas';
import { serviceError } from '../../../../src/core/service/serviceErrors';
import { classifyTransportError } from '../../../../src/core/net/transport';
import { isWanError } from '../../../../src/core/errors/wanError';
import { MODELS } from '../../../../src/core/catalog/models';
import { CreateGate } from '../../../../src/core/service/createGate';
import { submitTask } from '../../../../src/core/service/submit';
import { LOOKUP_PAUSES_MS } from '../../../../src/core/service/taskLookup';
import { virtualClock } from '../../../support/clocks';

const SPEC = MODELS['wan2.2-kf2v-flash'];
const BODY = { model: 'wan2.2-kf2v-flash', input: { first_frame_url: 'oss://a', last_frame_url: 'oss://b', prompt: 'p' }, parameters: {} } as unknown as CreateBody;
const transport = (code: string) => classifyTransportError(Object.assign(new Error(code), { code }), 'create');

/** A service that answers creates from a script and lists the tasks it says exist; it counts what it was asked. */
function service(creates: Array<'ok' | Error>, listed: (query: TaskListQuery, look: number) => Array<{ task_id: string; gmt_create?: number }> = () => []): TaskCreator & { baseUrl: string; creates: number; lists: number } {
  const fake = {
    baseUrl: 'http://127.0.0.1:1',
    creates: 0,
    lists: 0,
    async createTask(): Promise<CreateTaskResponse> {
      const answer = creates[Math.min(fake.creates++, creates.length - 1)];
      if (answer instanceof Error) throw answer;
      return { request_id: `req-${fake.creates}`, output: { task_id: `task-${fake.creates}`, task_status: 'PENDING' } } as CreateTaskResponse;
    },
    async listTasks(query: TaskListQuery): Promise<ListTasksResponse> {
      return { data: listed(query, fake.lists++) } as ListTasksResponse;
    },
  };
  return fake;
}

describe('submit: a create is sent again only when it provably was not taken', () => {
  it('sends once and returns the task', async () => {
    const fake = service(['ok']);
    const submitted = await submitTask(fake, SPEC, BODY, { gate: new CreateGate(), clock: virtualClock().clock });
    assert.deepEqual([submitted.taskId, submitted.recovered, fake.creates, fake.lists], ['task-1', false, 1, 0]);
  });

  it('resends after 429/5xx and after a connection that was refused before sending, with backoff', async () => {
    const time = virtualClock();
    const fake = service([serviceError({ status: 503, code: 'ModelUnavailable' }), transport('ECONNREFUSED'), serviceError({ status: 429, code: 'Throttling.RateQuota' }), 'ok']);
    const submitted = await submitTask(fake, SPEC, BODY, { gate: new CreateGate(), clock: time.clock, random: () => 0.5 });
    assert.equal(submitted.taskId, 'task-4');
    assert.deepEqual(time.sleeps, [750, 1500, 3000]);
  });

  it('never resends a refusal that says the request is wrong', async () => {
    const fake = service([serviceError({ status: 400, code: 'InvalidParameter', message: 'bad' }), 'ok']);
    await assert.rejects(submitTask(fake, SPEC, BODY, { gate: new CreateGate(), clock: virtualClock().clock }), (error: unknown) => isWanError(error) && error.kind === 'invalid-input');
    assert.equal(fake.creates, 1);
  });

  it('an answer lost after sending is looked up in the task list, never resent: found → adopted', async () => {
    const time = virtualClock();
    const fake = service([transport('ECONNRESET'), 'ok'], (_query, look) => (look === 2 ? [{ task_id: 'mine', gmt_create: time.now() }] : []));
    const submitted = await submitTask(fake, SPEC, BODY, { gate: new CreateGate(), clock: time.clock });
    assert.deepEqual([submitted.taskId, submitted.recovered, fake.creates, fake.lists], ['mine', true, 1, 3]);
  });

  it('not found after every look → unconfirmed, one create, looks spanning about 20 s', async () => {
    const time = virtualClock();
    const fake = service([transport('UND_ERR_HEADERS_TIMEOUT'), 'ok']);
    await assert.rejects(submitTask(fake, SPEC, BODY, { gate: new CreateGate(), clock: time.clock }), (error: unknown) => isWanError(error) && error.kind === 'unconfirmed' && !error.retryable);
    assert.equal(fake.creates, 1, 'never sent again');
    assert.equal(fake.lists, LOOKUP_PAUSES_MS.length);
    assert.deepEqual(time.sleeps, LOOKUP_PAUSES_MS.filter((ms) => ms > 0));
  });

  it('a task this process already owns is not adopted', async () => {
    const time = virtualClock();
    const fake = service([transport('ECONNRESET')], () => [{ task_id: 'sibling', gmt_create: time.now() }]);
    await assert.rejects(submitTask(fake, SPEC, BODY, { gate: new CreateGate(), clock: time.clock, knownTaskIds: new Set(['sibling']) }), (error: unknown) => isWanError(error) && error.kind === 'unconfirmed');
  });

  it('siblings of one model go through the gate one at a time: a lost answer never adopts a sibling\'s task', async () => {
    const time = virtualClock();
    const gate = new CreateGate();
    const calls: string[] = [];
    /** The service: every create it receives makes a task; the second create's answer is lost on the way back. */
    const tasks: Array<{ task_id: string; gmt_create: number }> = [];
    let created = 0;
    const fake = {
      baseUrl: 'http://127.0.0.1:1',
      async createTask(): Promise<CreateTaskResponse> {
        const n = ++created;
        calls.push(`create ${n}`);
        tasks.push({ task_id: `task-${n}`, gmt_create: time.now() });
        if (n === 2) throw transport('ECONNRESET');
        return { request_id: `req-${n}`, output: { task_id: `task-${n}`, task_status: 'PENDING' } } as CreateTaskResponse;
      },
      async listTasks(): Promise<ListTasksResponse> {
        calls.push('list');
        return { data: [...tasks] } as ListTasksResponse;
      },
    };
    const submitted = await Promise.all([1, 2, 3].map(() => submitTask(fake, SPEC, BODY, { gate, clock: time.clock })));
    assert.deepEqual(submitted.map((item) => item.taskId).sort(), ['task-1', 'task-2', 'task-3'], 'three jobs, three distinct tasks');
    assert.equal(submitted.filter((item) => item.recovered).length, 1);
    assert.ok(calls.indexOf('create 3') > calls.indexOf('list'), 'the third create waited for the second\'s lookup');
  });
});

