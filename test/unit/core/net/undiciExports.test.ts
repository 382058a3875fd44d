import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as undici from 'undici';
import * as parts from '../../../../src/core/net/undiciExports';

/** A mock origin that answers every request with its method, path and body, so a test sees what was sent. */
function echoAgent(): undici.MockAgent {
  const agent = new undici.MockAgent();
  agent.disableNetConnect();
  agent
    .get('https://api.example')
    .intercept({ path: () => true, method: () => true })
    .reply(200, (options) => ({ method: options.method, path: options.path, body: typeof options.body === 'string' ? options.body : null }))
    .persist();
  return agent;
}

/** undici.request as its code takes it, so a test can pass what its types would refuse (`path`, bad values). */
const loosely = (request: typeof undici.request) => request as (url: unknown, options?: unknown) => Promise<undici.Dispatcher.ResponseData>;

async function sent(response: Promise<undici.Dispatcher.ResponseData>): Promise<unknown> {
  return (await response).body.json();
}

describe('the parts of undici dist/http.js holds', () => {
  it('are undici’s own classes and errors, so instances and instanceof checks agree with its index', () => {
    for (const name of parts.UNDICI_PARTS.filter((part) => part !== 'request')) assert.equal(parts[name], undici[name], name);
    assert.equal(typeof parts.request, 'function');
  });

  it('give every dispatcher its request methods, as the index does (ProxyAgent tunnels with connect)', async () => {
    const agent = new parts.Agent();
    assert.equal(typeof agent.request, 'function');
    assert.equal(typeof agent.connect, 'function');
    await agent.close();
  });

  it('request sends what undici.request sends: method, path with its query, a body', async () => {
    const agent = echoAgent();
    for (const [url, options] of [
      ['https://api.example/api/v1/tasks/t-1?x=1', { dispatcher: agent }],
      ['https://api.example/upload', { dispatcher: agent, body: 'bytes' }],
      ['https://api.example/upload', { dispatcher: agent, method: 'POST', body: 'bytes' }],
      ['https://api.example', { dispatcher: agent, path: 'api/v1/tasks' }],
      [new URL('https://api.example/from-a-url'), { dispatcher: agent }],
    ] as [string | URL, object][]) {
      assert.deepEqual(await sent(loosely(parts.request)(url, options)), await sent(loosely(undici.request)(url, options)), String(url));
    }
    assert.deepEqual(await sent(parts.request('https://api.example/upload', { dispatcher: agent, body: 'bytes' })), { method: 'PUT', path: '/upload', body: 'bytes' });
    await agent.close();
  });

  it('request refuses what undici.request refuses, with the same error', () => {
    const agent = echoAgent();
    const cases: [unknown, unknown][] = [
      ['', { dispatcher: agent }],
      ['https://api.example/a', 'options'],
      ['https://api.example/a', { dispatcher: agent, path: 7 }],
      ['https://api.example/a-path', { dispatcher: agent, path: '/b' }],
      ['https://api.example/a', { dispatcher: agent, agent: {} }],
    ];
    const refusal = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return error as Error;
      }
      assert.fail('not refused');
    };
    for (const [url, options] of cases) {
      const ours = refusal(() => loosely(parts.request)(url, options));
      const theirs = refusal(() => loosely(undici.request)(url, options));
      assert.ok(ours instanceof undici.errors.InvalidArgumentError);
      assert.equal(ours.message, theirs.message);
    }
  });

  it('request without a dispatcher goes through the global one', async () => {
    const before = undici.getGlobalDispatcher();
    const agent = echoAgent();
    undici.setGlobalDispatcher(agent);
    try {
      assert.deepEqual(await sent(parts.request('https://api.example/global')), { method: 'GET', path: '/global', body: null });
    } finally {
      undici.setGlobalDispatcher(before);
      await agent.close();
    }
  });
});
