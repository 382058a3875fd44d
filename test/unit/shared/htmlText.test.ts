import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNonce, escapeAttribute } from '../../../src/shared/htmlText';

describe('text for a webview page', () => {
  it('a nonce is 32 letters and digits, and a new one each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9]{32}$/);
  });

  it('escapes what would end or open markup inside an attribute, & first', () => {
    assert.equal(escapeAttribute('{"a":"<b> & c"}'), '{&quot;a&quot;:&quot;&lt;b&gt; &amp; c&quot;}');
    assert.equal(escapeAttribute('&quot;'), '&amp;quot;', 'an entity already there is escaped again, not trusted');
  });
});
