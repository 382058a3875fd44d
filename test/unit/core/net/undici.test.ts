import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Agent, errors, MockAgent, ProxyAgent } from 'undici';
import { undici } from '../../../../src/core/net/undici';

describe('undici, loaded on first use', () => {
  it('is loaded once: every call gives the same module', () => {
    assert.equal(undici(), undici());
  });

  it('is the undici the rest of the code imports, so its classes and errors are the same', () => {
    assert.equal(undici().Agent, Agent);
    assert.equal(undici().ProxyAgent, ProxyAgent);
    assert.equal(undici().errors.HeadersTimeoutError, errors.HeadersTimeoutError);
  });

  it('makes requests through the dispatcher it is given', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://files.example').intercept({ path: '/a.txt', method: 'GET' }).reply(200, 'hello');
    const response = await undici().request('https://files.example/a.txt', { dispatcher: agent });
    assert.equal(response.statusCode, 200);
    assert.equal(await response.body.text(), 'hello');
    await agent.close();
  });
});
