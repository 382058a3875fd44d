import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base64Length, decodedLength, fitInline, GATEWAY_BODY_LIMITS, measureBody, withinGatewayLimits } from '../../../../src/core/service/bodyLimit';
import { ROLE } from '../../../../src/shared/mediaRoles';

const MIB = 1024 * 1024;
const BODY = 2_000;

describe('the gateway body limit (addendum §A8.1)', () => {
  it('counts base64 both ways the way Buffer writes and reads it', () => {
    for (const bytes of [0, 1, 2, 3, 4, 5, 1000, 1001, 1002]) {
      const text = Buffer.alloc(bytes, 7).toString('base64');
      assert.equal(base64Length(bytes), text.length, `${bytes} bytes`);
      assert.equal(decodedLength(text), bytes, `${bytes} bytes back`);
    }
  });

  it('inlines frames whose decoded total is exactly 16 MiB', () => {
    const half = 8 * MIB;
    const fit = fitInline(BODY, [
      { role: ROLE.first, bytes: half },
      { role: ROLE.last, bytes: GATEWAY_BODY_LIMITS.decodedBytes - half - BODY },
    ]);
    assert.deepEqual(fit.inline, [ROLE.first, ROLE.last]);
    assert.deepEqual(fit.over, []);
    assert.equal(fit.decodedIfAllInline, 16 * MIB);
  });

  it('one byte over 16 MiB: the frame that would cross it goes as an upload, the one before stays inline', () => {
    const half = 8 * MIB;
    const fit = fitInline(BODY, [
      { role: ROLE.first, bytes: half },
      { role: ROLE.last, bytes: GATEWAY_BODY_LIMITS.decodedBytes - half - BODY + 1 },
    ]);
    assert.deepEqual(fit.inline, [ROLE.first]);
    assert.deepEqual(fit.over, [{ role: ROLE.last, limit: 'decoded' }]);
    assert.equal(fit.decodedIfAllInline, 16 * MIB + 1);
  });

  it('two 10 MB frames are each legal and over the limit together: the first inline, the second uploaded', () => {
    const fit = fitInline(BODY, [
      { role: ROLE.first, bytes: 10_000_000 },
      { role: ROLE.last, bytes: 10_000_000 },
    ]);
    assert.deepEqual(fit.inline, [ROLE.first]);
    assert.deepEqual(fit.over, [{ role: ROLE.last, limit: 'decoded' }]);
  });

  it('one item whose base64 is over 20 MiB is uploaded even though it decodes under 16 MiB, and a smaller one after it still fits', () => {
    const big = Math.floor((20 * MIB * 3) / 4) + 3; // its base64: just over 20 MiB
    assert.ok(big < GATEWAY_BODY_LIMITS.decodedBytes);
    const fit = fitInline(BODY, [
      { role: ROLE.first, bytes: big },
      { role: ROLE.last, bytes: 3 * MIB },
    ]);
    assert.deepEqual(fit.over, [{ role: ROLE.first, limit: 'item' }]);
    assert.deepEqual(fit.inline, [ROLE.last]);
  });

  it('weighs a serialized body with each data: payload counted as its decoded bytes', () => {
    const payload = Buffer.alloc(3000, 1).toString('base64');
    const text = JSON.stringify({ model: 'm', input: { media: [{ type: ROLE.first, url: `data:image/png;base64,${payload}` }, { type: ROLE.last, url: 'oss://d/b.png' }] } });
    const measured = measureBody(text);
    assert.equal(measured.rawBytes, Buffer.byteLength(text));
    assert.equal(measured.decodedBytes, measured.rawBytes - payload.length + 3000);
    assert.equal(measured.largestBase64Chars, payload.length);
    assert.ok(withinGatewayLimits(measured));
    assert.ok(!withinGatewayLimits({ ...measured, decodedBytes: 16 * MIB + 1 }));
    assert.ok(!withinGatewayLimits({ ...measured, largestBase64Chars: 20 * MIB + 1 }));
  });
});
