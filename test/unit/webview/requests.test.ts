import * as assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { ROLE } from '../../../src/shared/mediaRoles';
import type { Reply, WebviewMessage } from '../../../src/shared/protocol';
import { Requests } from '../../../src/webview/requests';

/** Requests whose messages are kept; the give-up timer runs on mocked time. */
function setUp(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const sent: WebviewMessage[] = [];
  const requests = new Requests((message) => sent.push(message));
  const idOf = (index: number) => (sent[index]?.type === 'request' ? sent[index].id : assert.fail(`message ${index} is no request`));
  return { sent, requests, idOf };
}

/** The promise's outcome, if it has one after the pending callbacks ran. */
async function outcome(promise: Promise<Reply>): Promise<Reply | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);
}

describe('requests to the host that wait for an answer', () => {
  it('each goes out with its own id and the request', (t) => {
    const { sent, requests, idOf } = setUp(t);
    const asked = [{ kind: 'pickInput', role: ROLE.first }, { kind: 'pickInput', role: ROLE.first }, { kind: 'pickInputUrl', role: ROLE.last }] as const;
    for (const request of asked) requests.ask(request);
    assert.equal(new Set(sent.map((_, index) => idOf(index))).size, asked.length);
    assert.deepEqual(sent.map((message) => message.type === 'request' && message.request), [...asked]);
  });

  it('a reply settles only the request with its id', async (t) => {
    const { requests, idOf } = setUp(t);
    const first = requests.ask({ kind: 'pickInput', role: ROLE.first });
    const second = requests.ask({ kind: 'pickInput', role: ROLE.last });
    const reply: Reply = { type: 'reply', id: idOf(1), ok: true, picked: true };
    requests.settle(reply);
    assert.equal(await outcome(second), reply);
    assert.equal(await outcome(first), 'pending');
  });

  it('a reply nobody waits for is dropped, and does not settle another', async (t) => {
    const { requests, idOf } = setUp(t);
    const waiting = requests.ask({ kind: 'pickInput', role: ROLE.audio });
    requests.settle({ type: 'reply', id: 'r999', ok: true });
    assert.equal(await outcome(waiting), 'pending');
    requests.settle({ type: 'reply', id: idOf(0), ok: false, error: 'cancelled' });
    const settled = await outcome(waiting);
    assert.equal(settled !== 'pending' && settled.error, 'cancelled');
  });

  it('a request never answered stops being waited for after 30 minutes', async (t) => {
    const { requests } = setUp(t);
    const waiting = requests.ask({ kind: 'pickInputUrl', role: ROLE.first });
    t.mock.timers.tick(30 * 60_000 - 1);
    assert.equal(await outcome(waiting), 'pending');
    t.mock.timers.tick(1);
    const settled = await outcome(waiting);
    assert.equal(settled !== 'pending' && settled.ok, false);
  });
});
