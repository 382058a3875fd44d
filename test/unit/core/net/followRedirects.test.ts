import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { getFollowingRedirects, MAX_REDIRECTS, redirectError } from '../../../../src/core/net/followRedirects';
import { WanError } from '../../../../src/core/errors/wanError';

const HOST = 'https://result.example';
let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
});
afterEach(() => agent.close());

/** `path` on `origin` answers `status` with a Location (when given) and a short body. */
function answer(origin: string, path: string, status: number, location?: string) {
  agent.get(origin).intercept({ path, method: 'GET' }).reply(status, status === 200 ? 'video' : 'moved', location ? { headers: { location } } : {});
}
const get = (url: string, extra: { range?: string; what?: string } = {}) => getFollowingRedirects(url, { dispatcher: agent, userAgent: 'wan-keyframes/test', ...extra });
const visited = () => agent.getCallHistory()?.calls().map((call) => call.fullUrl) ?? [];
const refused = (detail: RegExp) => (error: WanError) => error instanceof WanError && error.kind === 'redirect' && error.retryable && detail.test(error.serviceMessage ?? '');

describe('following redirects', () => {
  it('follows each hop to the bytes, with a relative Location resolved against the URL that sent it', async () => {
    answer(HOST, '/task/v.mp4', 302, 'https://cdn.example/a/b/v.mp4');
    answer('https://cdn.example', '/a/b/v.mp4', 307, '../signed/v.mp4?x=1');
    answer('https://cdn.example', '/a/signed/v.mp4?x=1', 200);
    const response = await get(`${HOST}/task/v.mp4`);
    assert.equal(response.statusCode, 200);
    assert.equal(await response.body.text(), 'video');
    assert.deepEqual(visited(), [`${HOST}/task/v.mp4`, 'https://cdn.example/a/b/v.mp4', 'https://cdn.example/a/signed/v.mp4?x=1']);
  });

  it('sends only the user agent and the Range, on every hop: no authorization, no cookie', async () => {
    answer(HOST, '/v.mp4', 301, 'https://cdn.example/v.mp4');
    answer('https://cdn.example', '/v.mp4', 206);
    await get(`${HOST}/v.mp4`, { range: 'bytes=100-' });
    const sent = agent.getCallHistory()?.calls().map((call) => call.headers) ?? [];
    assert.equal(sent.length, 2);
    for (const headers of sent) assert.deepEqual(headers, { 'user-agent': 'wan-keyframes/test', range: 'bytes=100-' });
  });

  it('hands back any answer that is not a redirect, errors included', async () => {
    answer(HOST, '/gone.mp4', 404);
    assert.equal((await get(`${HOST}/gone.mp4`)).statusCode, 404);
  });

  it(`follows ${MAX_REDIRECTS} redirects, and refuses one more`, async () => {
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) answer(HOST, `/${hop}`, 302, `/${hop + 1}`);
    answer(HOST, `/${MAX_REDIRECTS}`, 200);
    assert.equal((await get(`${HOST}/0`)).statusCode, 200);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) answer(HOST, `/long/${hop}`, 302, `/long/${hop + 1}`);
    await assert.rejects(get(`${HOST}/long/0`), refused(new RegExp(`more than ${MAX_REDIRECTS} redirects`)));
  });

  it('tells a loop from a long chain', async () => {
    answer(HOST, '/a', 302, '/b');
    answer(HOST, '/b', 303, `${HOST}/a`);
    await assert.rejects(get(`${HOST}/a`), refused(/^redirect loop after 2 hop\(s\)$/));
    answer(HOST, '/self', 308, '/self');
    await assert.rejects(get(`${HOST}/self`), refused(/^redirect loop after 1 hop\(s\)$/));
  });

  it('refuses a redirect without a Location, to something not a URL, or to another scheme than http(s)', async () => {
    answer(HOST, '/none', 302);
    await assert.rejects(get(`${HOST}/none`), refused(/^HTTP 302 without a Location header$/));
    answer(HOST, '/bad', 302, 'http://[not-a-host/v.mp4');
    await assert.rejects(get(`${HOST}/bad`), refused(/^Location is not a URL: http:\/\/\[not-a-host/));
    answer(HOST, '/ftp', 301, 'ftp://files.example/v.mp4');
    await assert.rejects(get(`${HOST}/ftp`), refused(/^redirect to ftp: is refused/));
    assert.equal(visited().length, 3, 'no request to the refused targets');
  });

  it('says a failed connection as a transport error named by what was fetched', async () => {
    agent.get(HOST).intercept({ path: '/v.mp4', method: 'GET' }).replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await assert.rejects(get(`${HOST}/v.mp4`, { what: 'download' }), (error: WanError) => error.kind === 'network' && error.requestNotSent && error.serviceMessage === 'download: ECONNREFUSED');
  });
});

describe('a redirect error', () => {
  it('carries its detail and may be retried', () => {
    const error = redirectError('more than 5 redirects');
    assert.deepEqual([error.kind, error.serviceMessage, error.retryable], ['redirect', 'more than 5 redirects', true]);
  });
});
