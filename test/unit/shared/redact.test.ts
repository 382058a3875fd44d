import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redact } from '../../../src/shared/redact';

describe('redact', () => {
  // Made-up keys, assembled at run time so nothing in the tree looks like a real credential.
  const bearerKey = ['sk', 'fake', 'bearer', 'value'].join('-');
  const looseKey = ['sk', 'fake', 'loose', 'value'].join('-');

  it('hides bearer tokens and DashScope keys', () => {
    const text = `Authorization: Bearer ${bearerKey} failed; key ${looseKey} in text`;
    const clean = redact(text);
    assert.ok(!clean.includes(bearerKey));
    assert.ok(!clean.includes(looseKey));
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
