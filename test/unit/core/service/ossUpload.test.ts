import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { isWanError } from '../../../../src/core/errors/wanError';
import { ossError, uploadToOss } from '../../../../src/core/service/ossUpload';
import type { UploadPolicy } from '../../../../src/core/service/schemas';
import { tempDir } from '../../../support/files';

const OSS = 'https://oss.test';
const POLICY: UploadPolicy = { policy: 'pol', signature: 'sig', upload_dir: 'dashscope-instant/abc', upload_host: OSS, expire_in_seconds: 300, max_file_size_mb: 100, oss_access_key_id: 'access-id', x_oss_object_acl: 'private', x_oss_forbid_overwrite: 'true' };
const xml = (code: string, message: string, requestId = 'oss-req-1') => `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>${requestId}</RequestId></Error>`;
const NOW = Date.UTC(2026, 11, 1);

/** One upload to a mock OSS host answering `status` and `data`; returns what it received, or the error. */
async function upload(status: number, data = '', headers: Record<string, string> = {}) {
  const dir = await tempDir('wk-oss-');
  const file = path.join(dir, 'dawn.png');
  await writeFile(file, 'not really a png');
  const agent = new MockAgent();
  agent.disableNetConnect();
  const received: { form?: FormData; headers?: Record<string, string> } = {};
  agent.get(OSS).intercept({ method: 'POST', path: '/' }).reply((request) => {
    received.form = request.body as unknown as FormData;
    received.headers = request.headers as Record<string, string>;
    return { statusCode: status, data, responseOptions: { headers } };
  });
  const result = await uploadToOss(POLICY, { path: file, objectName: 'a1b2-dawn.png', contentType: 'image/png' }, { dispatcher: agent, userAgent: 'wk-unit', now: () => NOW }).then(
    (url) => ({ url }),
    (error: unknown) => ({ error }),
  );
  return { ...result, ...received };
}

describe('the OSS upload (a mock OSS host)', () => {
  it('posts the policy\'s fields, the key under its folder, and the file last; returns the oss:// URL', async () => {
    const sent = await upload(200);
    assert.ok('url' in sent, String((sent as { error?: unknown }).error));
    assert.equal(sent.url, `oss://${POLICY.upload_dir}/a1b2-dawn.png`);
    const names = [...(sent.form?.keys() ?? [])];
    assert.equal(names.at(-1), 'file', `fields in order: ${names.join(', ')}`);
    assert.equal(names.indexOf('file'), names.length - 1, 'one file field');
    for (const field of ['OSSAccessKeyId', 'Signature', 'policy', 'key', 'x-oss-object-acl', 'x-oss-forbid-overwrite', 'x-oss-content-type', 'success_action_status']) assert.ok(names.includes(field), field);
    assert.equal(sent.form?.get('key'), `${POLICY.upload_dir}/a1b2-dawn.png`);
    assert.equal(sent.form?.get('x-oss-content-type'), 'image/png');
    assert.equal(await (sent.form?.get('file') as Blob).text(), 'not really a png');
    assert.equal(sent.headers?.['user-agent'], 'wk-unit');
    assert.equal(sent.headers?.authorization, undefined, 'the API key never goes to OSS');
  });

  it('an expired policy (403 …expired) is said of the upload, retryable with a fresh policy, with the XML\'s code and request id', async () => {
    const sent = await upload(403, xml('AccessDenied', 'Invalid according to Policy: Policy expired.'));
    assert.ok('error' in sent && isWanError(sent.error));
    assert.deepEqual([sent.error.kind, sent.error.code, sent.error.requestId, sent.error.retryable], ['access', 'OSS.AccessDenied', 'oss-req-1', true]);
    assert.match(sent.error.message, /upload permission expired/);
    assert.doesNotMatch(sent.error.message, /API key|video link/);
  });

  it('a 503 with Retry-After is a retryable server error that says how long to wait', async () => {
    const sent = await upload(503, xml('ServiceUnavailable', 'Please reduce your request rate.'), { 'retry-after': '3' });
    assert.ok('error' in sent && isWanError(sent.error));
    assert.deepEqual([sent.error.kind, sent.error.retryable, sent.error.retryAfterMs], ['server', true, 3_000]);
  });
});

describe('OSS error answers', () => {
  it('the HTTP status decides what a retry can do; OSS codes are marked as OSS\'s', () => {
    const denied = ossError(403, xml('AccessDenied', 'You have no right to access this object.'), {}, NOW);
    assert.deepEqual([denied.kind, denied.code, denied.retryable], ['access', 'OSS.AccessDenied', true]);
    assert.match(denied.message, /storage host refused the temporary upload/);
    const tooLarge = ossError(400, xml('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.'), {}, NOW);
    assert.deepEqual([tooLarge.kind, tooLarge.code, tooLarge.retryable], ['invalid-input', 'OSS.EntityTooLarge', false]);
    const slow = ossError(429, xml('SlowDown', 'Reduce your request rate.'), {}, NOW);
    assert.deepEqual([slow.kind, slow.code, slow.retryable], ['rate-limit', 'OSS.SlowDown', true]);
  });

  it('the request id comes from the XML, else from x-oss-request-id; Retry-After may be a date', () => {
    const bare = ossError(500, '', { 'x-oss-request-id': 'hdr-1', 'retry-after': new Date(NOW + 5_000).toUTCString() }, NOW);
    assert.deepEqual([bare.kind, bare.requestId, bare.retryAfterMs], ['server', 'hdr-1', 5_000]);
    assert.equal(ossError(500, xml('InternalError', 'x', 'xml-1'), { 'x-oss-request-id': 'hdr-1' }, NOW).requestId, 'xml-1');
  });
});
