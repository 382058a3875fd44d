import * as assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { bodyText, discardBody, requestVideo } from '../../../../src/core/delivery/videoRequest';
import { isWanError } from '../../../../src/core/errors/wanError';

const URL_ = 'https://result.example/task/v.mp4?Signature=s';
let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
});
afterEach(() => agent.close());

const options = () => ({ dispatcher: agent, userAgent: 'wan-keyframes/test' });

describe('one request for the video', () => {
  it('goes from the signed link through its redirect, sending the Range on every hop', async () => {
    agent.get('https://result.example').intercept({ path: '/task/v.mp4?Signature=s', method: 'GET', headers: { range: 'bytes=10-19' } }).reply(302, '', { headers: { location: 'https://cdn.example/v.mp4?auth=1' } });
    agent.get('https://cdn.example').intercept({ path: '/v.mp4?auth=1', method: 'GET', headers: { range: 'bytes=10-19' } }).reply(206, 'abcdefghij', { headers: { 'content-range': 'bytes 10-19/100' } });
    const response = await requestVideo(URL_, 'bytes=10-19', options());
    assert.equal(response.statusCode, 206);
    assert.equal(await response.body.text(), 'abcdefghij');
    assert.deepEqual(agent.getCallHistory()?.calls().map((call) => call.origin), ['https://result.example', 'https://cdn.example']);
  });

  it('says a dropped connection and a bad redirect of the video host, at the download step', async () => {
    agent.get('https://result.example').intercept({ path: '/task/v.mp4?Signature=s', method: 'GET' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    await assert.rejects(requestVideo(URL_, undefined, options()), (error: unknown) => isWanError(error) && error.kind === 'network' && error.step === 'download' && /video host/.test(error.summary.en));
    agent.get('https://result.example').intercept({ path: '/task/v.mp4?Signature=s', method: 'GET' }).reply(302, '', {});
    await assert.rejects(requestVideo(URL_, undefined, options()), (error: unknown) => isWanError(error) && error.kind === 'redirect' && error.step === 'download');
  });

  it('reads at most 64 KiB of an error body, and lets go of a body it will not read', async () => {
    agent.get('https://result.example').intercept({ path: '/task/v.mp4?Signature=s', method: 'GET' }).reply(403, 'x'.repeat(200_000));
    const text = await bodyText(await requestVideo(URL_, undefined, options()));
    assert.equal(text.length, 64 * 1024);
    agent.get('https://result.example').intercept({ path: '/task/v.mp4?Signature=s', method: 'GET' }).reply(200, Buffer.alloc(500_000));
    const response = await requestVideo(URL_, undefined, options());
    await discardBody(response);
    assert.ok(response.body.destroyed || response.body.readableEnded);
  });
});
