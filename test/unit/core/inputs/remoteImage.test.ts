import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { isWanError } from '../../../../src/core/errors/wanError';
import { inspectRemoteImage, isImageUrl, REMOTE_PROBE_BYTES, urlFileName } from '../../../../src/core/inputs/remoteImage';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { encodePng } from '../../../support/fixtures/png';

const HOST = 'https://images.example.com';
const PNG = encodePng({ width: 640, height: 360 });

/** A mock dispatcher that refuses any request it was not told to expect. */
function mockHost(): MockAgent {
  const agent = new MockAgent();
  agent.disableNetConnect();
  return agent;
}

const probe = (url: string, agent: MockAgent, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
  inspectRemoteImage(url, ROLE.last, { dispatcher: agent, userAgent: 'wk-test', ...extra });

describe('image URLs', () => {
  it('tells an http(s) URL from a path', () => {
    assert.equal(isImageUrl('  HTTPS://example.com/a.png'), true);
    assert.equal(isImageUrl('http://example.com/a.png'), true);
    assert.equal(isImageUrl('frames/https.png'), false);
    assert.equal(isImageUrl('ftp://example.com/a.png'), false);
  });

  it('names a URL by its last path segment, else its host', () => {
    assert.equal(urlFileName('https://example.com/a/b/sun%20rise.png?x=1'), 'sun rise.png');
    assert.equal(urlFileName('https://example.com/'), 'example.com');
  });

  it('reads the first bytes with a Range request and probes them like a file', async () => {
    const agent = mockHost();
    agent.get(HOST).intercept({ path: '/a.png', method: 'GET', headers: { range: `bytes=0-${REMOTE_PROBE_BYTES - 1}` } }).reply(200, PNG, { headers: { 'content-length': String(PNG.length) } });
    const result = await probe(`${HOST}/a.png`, agent);
    assert.deepEqual(result.problems, []);
    assert.equal(`${result.facts?.probe.format} ${result.facts?.probe.width}x${result.facts?.probe.height}`, 'png 640x360');
    assert.equal(result.facts?.remote, true);
    assert.equal(result.facts?.bytes, PNG.length);
    assert.deepEqual(result.head, PNG);
    agent.assertNoPendingInterceptors();
  });

  it('takes a partial answer’s size from Content-Range, not from the bytes it read', async () => {
    const agent = mockHost();
    const head = PNG.subarray(0, 100);
    agent.get(HOST).intercept({ path: '/big.png', method: 'GET' }).reply(206, head, { headers: { 'content-range': `bytes 0-99/25000000` } });
    const result = await probe(`${HOST}/big.png`, agent);
    assert.equal(result.facts?.bytes, 25_000_000);
    assert.equal(result.facts?.probe.width, 640);
  });

  it('refuses a URL that is not http(s) or carries credentials, without a request', async () => {
    const agent = mockHost();
    for (const url of ['ftp://images.example.com/a.png', 'https://user:secret@images.example.com/a.png', 'https://']) {
      const result = await probe(url, agent);
      assert.equal(result.problems[0]?.code, 'url-invalid', url);
      assert.equal(result.facts, undefined);
    }
  });

  it('reports an error status and an unreachable host as problems of the role', async () => {
    const agent = mockHost();
    agent.get(HOST).intercept({ path: '/gone.png', method: 'GET' }).reply(404, 'no such key');
    assert.deepEqual((await probe(`${HOST}/gone.png`, agent)).problems, [{ code: 'url-status', role: ROLE.last, status: 404 }]);
    agent.get(HOST).intercept({ path: '/down.png', method: 'GET' }).replyWithError(Object.assign(new Error('connect refused'), { code: 'ECONNREFUSED' }));
    const down = await probe(`${HOST}/down.png`, agent);
    assert.equal(down.problems[0]?.code, 'url-unreachable');
    assert.match(JSON.stringify(down.problems[0]), /ECONNREFUSED/);
  });

  it('gives up on a slow host after its timeout', async () => {
    const agent = mockHost();
    agent.get(HOST).intercept({ path: '/slow.png', method: 'GET' }).reply(200, PNG).delay(400);
    const result = await probe(`${HOST}/slow.png`, agent, { timeoutMs: 20 });
    assert.equal(result.problems[0]?.code, 'url-unreachable');
    assert.match(JSON.stringify(result.problems[0]), /no answer in/);
  });

  it('lets the user’s cancellation through instead of blaming the URL', async () => {
    const agent = mockHost();
    agent.get(HOST).intercept({ path: '/a.png', method: 'GET' }).reply(200, PNG);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(probe(`${HOST}/a.png`, agent, { signal: controller.signal }), (error: unknown) => isWanError(error) && error.kind === 'aborted');
  });
});
