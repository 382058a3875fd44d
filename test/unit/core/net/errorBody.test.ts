import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorBodyFields } from '../../../../src/core/net/errorBody';

describe('the fields of an error body', () => {
  it('from DashScope JSON: code, message, request_id', () => {
    const body = JSON.stringify({ code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded.', request_id: 'req-1' });
    assert.deepEqual(errorBodyFields(`  ${body}\n`), { code: 'Throttling.RateQuota', message: 'Requests rate limit exceeded.', requestId: 'req-1' });
  });

  it('from capitalised JSON, and from a nested error object', () => {
    assert.deepEqual(errorBodyFields('{"Code":"AccessDenied","Message":"No.","RequestId":"R-2"}'), { code: 'AccessDenied', message: 'No.', requestId: 'R-2' });
    assert.deepEqual(errorBodyFields('{"error":{"code":"invalid_key","message":"Bad key."}}'), { code: 'invalid_key', message: 'Bad key.', requestId: undefined });
  });

  it('skips empty or non-text JSON values', () => {
    assert.deepEqual(errorBodyFields('{"code":"","Code":"Real","message":42,"error":{"message":"Nested."}}'), { code: 'Real', message: 'Nested.', requestId: undefined });
  });

  it('from OSS or CDN XML, trimmed, whatever the tag case', () => {
    const xml = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message> Request has expired. </Message><RequestId>6F3A</RequestId></Error>';
    assert.deepEqual(errorBodyFields(xml), { code: 'AccessDenied', message: 'Request has expired.', requestId: '6F3A' });
    assert.equal(errorBodyFields('<error><code>NoSuchKey</code></error>').code, 'NoSuchKey');
  });

  it('from an HTML page: its title is the message, unless it has a Message', () => {
    assert.deepEqual(errorBodyFields('<html><head><title> 502 Bad Gateway </title></head><body>nginx</body></html>'), { code: undefined, message: '502 Bad Gateway', requestId: undefined });
    assert.equal(errorBodyFields('<title>Page</title><Message>Real reason</Message>').message, 'Real reason');
  });

  it('is empty for broken JSON, plain text and an empty body', () => {
    for (const body of ['{"code": "Trunc', 'Service Unavailable', '', '<Code></Code>']) {
      const fields = errorBodyFields(body);
      assert.deepEqual([fields.code, fields.message, fields.requestId], [undefined, undefined, undefined], body);
    }
  });
});
