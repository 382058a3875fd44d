import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../../src/core/redact';

describe('redact', () => {
  it('hides bearer tokens and DashScope keys', () => {
    const text = 'Authorization: Bearer sk-abc123def456 failed; key sk-0123456789abcdef in text';
    const clean = redact(text);
    assert.ok(!clean.includes('sk-abc123def456'));
    assert.ok(!clean.includes('sk-0123456789abcdef'));
    assert.match(clean, /Bearer «redacted»/);
  });
  it('drops the query string of signed URLs but keeps the path', () => {
    const url = 'https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/a/b.mp4?Expires=1&OSSAccessKeyId=LTAI&Signature=abc%3D';
    const clean = redact(`downloading ${url} now`);
    assert.equal(clean, 'downloading https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/a/b.mp4?«redacted» now');
  });
  it('hides extra secrets verbatim, whatever their shape', () => {
    assert.equal(redact('my key is XYZ-secret-1', ['XYZ-secret-1']), 'my key is «redacted»');
  });
  it('leaves ordinary text alone', () => {
    assert.equal(redact('task 0385dc79 is RUNNING'), 'task 0385dc79 is RUNNING');
  });
});
