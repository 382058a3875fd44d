import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asDownloadError, DOWNLOAD_SUMMARIES, downloadError, transportDownloadError, videoHostError } from '../../../../src/core/delivery/downloadErrors';
import { KIND_SUMMARIES } from '../../../../src/core/errors/summaries';
import { WanError } from '../../../../src/core/errors/wanError';
import { redirectError } from '../../../../src/core/net/followRedirects';
import { classifyTransportError } from '../../../../src/core/net/transport';

const NOW = Date.UTC(2026, 11, 1);
const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('download errors', () => {
  it('speak of the video host or the video link, never of generating', () => {
    for (const [kind, summary] of Object.entries(DOWNLOAD_SUMMARIES)) {
      assert.match(summary.en, /video (host|link)/, kind);
      assert.doesNotMatch(summary.en, /generat|service/i, kind);
    }
  });

  it('restate a transport or redirect failure as the video host’s, at the download step', () => {
    for (const error of [classifyTransportError(reset, 'download'), redirectError('redirect loop after 2 hop(s)')]) {
      const restated = asDownloadError(error);
      assert.equal(restated.step, 'download');
      assert.equal(restated.kind, error.kind);
      assert.equal(restated.serviceMessage, error.serviceMessage);
      assert.equal(restated.retryable, error.retryable);
      assert.equal(restated.summary, DOWNLOAD_SUMMARIES[error.kind as 'network' | 'redirect']);
      assert.notEqual(restated.summary, KIND_SUMMARIES[error.kind]);
      assert.match(restated.localized('en'), /^Download failed: /);
    }
  });

  it('leave any other error as it is', () => {
    const auth = new WanError({ kind: 'auth', summary: KIND_SUMMARIES.auth, step: 'submit' });
    assert.equal(asDownloadError(auth), auth);
  });

  it('read a dropped connection, and a cancellation, below HTTP', () => {
    const dropped = transportDownloadError(reset, undefined);
    assert.equal(dropped.kind, 'network');
    assert.equal(dropped.summary, DOWNLOAD_SUMMARIES.network);
    const controller = new AbortController();
    controller.abort();
    assert.equal(transportDownloadError(reset, controller.signal).kind, 'aborted');
  });

  it('read an expired link from a 403 body, and only then refuse to retry', () => {
    const expired = videoHostError(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message><RequestId>R1</RequestId></Error>', {}, NOW);
    assert.equal(expired.kind, 'url-expired');
    assert.equal(expired.retryable, false);
    assert.equal(`${expired.code} ${expired.requestId} ${expired.status}`, 'AccessDenied R1 403');
    const refused = videoHostError(403, '<Error><Code>AccessDenied</Code></Error>', { 'x-oss-request-id': 'OSS-2' }, NOW);
    assert.equal(refused.kind, 'access');
    assert.equal(refused.retryable, true);
    assert.equal(refused.requestId, 'OSS-2');
    assert.equal(refused.serviceMessage, 'HTTP 403');
  });

  it('map other statuses to what the host means, with its Retry-After', () => {
    const throttled = videoHostError(429, '', { 'retry-after': '7' }, NOW);
    assert.equal(throttled.kind, 'rate-limit');
    assert.equal(throttled.retryAfterMs, 7000);
    assert.equal(videoHostError(502, '<html><title>Bad Gateway</title></html>', {}, NOW).serviceMessage, 'Bad Gateway');
    assert.equal(videoHostError(503, '', {}, NOW).kind, 'server');
    assert.equal(videoHostError(401, '', {}, NOW).kind, 'access');
    assert.equal(videoHostError(404, '', {}, NOW).kind, 'not-found');
    assert.ok([403, 404, 429, 500].every((status) => videoHostError(status, '', {}, NOW).step === 'download'));
  });

  it('make our own download failures retryable, with the host’s words before ours', () => {
    const page = downloadError('not-a-video', 'no ftyp box', { code: 'NoSuchKey', serviceMessage: 'gone' });
    assert.equal(page.kind, 'not-a-video');
    assert.equal(page.serviceMessage, 'gone — no ftyp box');
    assert.equal(page.code, 'NoSuchKey');
    const cut = downloadError('truncated', 'download stopped at 10 of 20 bytes');
    assert.equal(cut.kind, 'network');
    assert.equal(cut.retryable && page.retryable, true);
    assert.equal(cut.serviceMessage, 'download stopped at 10 of 20 bytes');
  });
});
