import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MessageHandlers, type RequestHandlers, route } from '../../../../../src/host/engine/panel/router';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import type { WebviewMessage } from '../../../../../src/shared/protocol';
import { WEBVIEW_MESSAGE_SHAPES } from '../../../../support/fixtures/messages';

type Answer = { ok: boolean; picked?: boolean; error?: string };

/** Handlers that note which of them got what, requests that answer `picked` or throw what the test sets. */
function setUp(failure?: unknown) {
  const seen: Array<[string, unknown]> = [];
  const replies: Array<[string, Answer]> = [];
  const types = WEBVIEW_MESSAGE_SHAPES.map((message) => message.type).filter((type) => type !== 'request');
  const handlers = Object.fromEntries(types.map((type) => [type, (message: WebviewMessage) => void seen.push([type, message])])) as unknown as MessageHandlers;
  const answer = (kind: string, picked: boolean) => async (request: unknown) => {
    seen.push([kind, request]);
    if (failure !== undefined) throw failure;
    return { picked };
  };
  const requests: RequestHandlers = { pickInput: answer('pickInput', true), pickInputUrl: answer('pickInputUrl', false), saveFrame: answer('saveFrame', true) };
  const send = (message: WebviewMessage) => route(message, handlers, requests, async (id, reply) => void replies.push([id, reply]));
  return { seen, replies, send, types };
}

describe('a message from the page reaches its handler', () => {
  it('each kind of message reaches the handler of its type, and is not answered', async () => {
    const { seen, replies, send, types } = setUp();
    const messages = WEBVIEW_MESSAGE_SHAPES.filter((message) => message.type !== 'request');
    for (const message of messages) await send(message);
    assert.equal(messages.length, types.length);
    assert.ok(messages.length > 10, 'every kind the page sends');
    assert.deepEqual(seen.map(([handler]) => handler), messages.map((message) => message.type));
    assert.ok(seen.every(([, message], index) => message === messages[index]));
    assert.equal(replies.length, 0);
  });

  it("a request goes to its kind's handler, and the reply carries its id and the answer", async () => {
    const { seen, replies, send } = setUp();
    const request = { kind: 'pickInputUrl', role: ROLE.last } as const;
    await send({ type: 'request', id: 'r7', request });
    assert.deepEqual(seen, [['pickInputUrl', request]]);
    assert.deepEqual(replies, [['r7', { ok: true, picked: false }]]);
  });

  it("a request whose handler throws: the reply says ok false with the error's message, and the error goes on", async () => {
    const { replies, send } = setUp(new Error('no folder is open'));
    await assert.rejects(send({ type: 'request', id: 'r8', request: { kind: 'pickInput', role: ROLE.first } }), /no folder is open/);
    assert.deepEqual(replies, [['r8', { ok: false, error: 'no folder is open' }]]);
    const other = setUp('not an Error');
    await assert.rejects(other.send({ type: 'request', id: 'r9', request: { kind: 'pickInput', role: ROLE.first } }));
    assert.deepEqual(other.replies, [['r9', { ok: false, error: 'not an Error' }]]);
  });
});
