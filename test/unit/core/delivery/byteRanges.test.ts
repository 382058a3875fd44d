import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PARALLEL_DEFAULTS, parseContentRange, partCount, rangeAnswerProblem, splitSpans } from '../../../../src/core/delivery/byteRanges';

const answer = (statusCode: number, headers: Record<string, string> = {}) => ({ statusCode, headers });

describe('byte ranges', () => {
  it('reads a Content-Range, with a known or an unknown total', () => {
    assert.deepEqual(parseContentRange('bytes 0-99/1000'), { start: 0, last: 99, total: 1000 });
    assert.deepEqual(parseContentRange(['bytes 500-999/*']), { start: 500, last: 999, total: undefined });
  });

  it('refuses a Content-Range that is missing, malformed or impossible', () => {
    for (const value of [undefined, '', 'bytes */1000', 'items 0-9/10', 'bytes 10-5/100', 'bytes 0-100/100']) {
      assert.equal(parseContentRange(value), undefined, String(value));
    }
  });

  it('splits a size into contiguous, near-equal spans that cover it exactly', () => {
    for (const [total, count] of [[10, 4], [9_437_961, 4], [3, 8], [1, 1]] as const) {
      const spans = splitSpans(total, count);
      assert.equal(spans.length, Math.min(count, total));
      assert.equal(spans[0]?.start, 0);
      assert.equal(spans.at(-1)?.end, total);
      for (let i = 1; i < spans.length; i++) assert.equal(spans[i]?.start, spans[i - 1]?.end);
      const sizes = spans.map((span) => span.end - span.start);
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `near-equal: ${sizes.join(', ')}`);
    }
  });

  it('uses several connections only from the threshold on', () => {
    assert.equal(partCount(PARALLEL_DEFAULTS.minBytes - 1, PARALLEL_DEFAULTS), 1);
    assert.equal(partCount(PARALLEL_DEFAULTS.minBytes, PARALLEL_DEFAULTS), PARALLEL_DEFAULTS.parts);
    assert.equal(partCount(10_000, { parts: 0, minBytes: 1 }), 1);
  });

  it('takes a 206 whose range starts where asked, with the total and a matching length', () => {
    assert.equal(rangeAnswerProblem(answer(206, { 'content-range': 'bytes 100-999/1000', 'content-length': '900' }), 100, 1000), undefined);
    assert.equal(rangeAnswerProblem(answer(206, { 'content-range': 'bytes 0-999/1000' }), 0, undefined), undefined, 'a chunked 206 says no length');
  });

  it('names every sign of a host that does not really do ranges', () => {
    const cases: Array<[ReturnType<typeof answer>, number, number | undefined, RegExp]> = [
      [answer(200, { 'content-length': '1000' }), 0, undefined, /HTTP 200 to a Range/],
      [answer(416, { 'content-range': 'bytes */1000' }), 100, 1000, /HTTP 416/],
      [answer(206, { 'content-range': 'bytes 0-999/1000' }), 100, 1000, /from byte 0, asked from 100/],
      [answer(206, { 'content-range': 'bytes 100-999/2000' }), 100, 1000, /total is 2000 bytes, 1000 before/],
      [answer(206, { 'content-range': 'bytes 100-999/*' }), 100, 1000, /does not say the total/],
      [answer(206, { 'content-range': 'bytes 100-999/1000', 'content-length': '1900' }), 100, 1000, /Content-Length 1900 disagrees/],
      [answer(206, {}), 0, undefined, /not a byte range/],
      [answer(206, { 'content-range': 'bytes 0-9/10', 'content-type': 'application/xml' }), 0, undefined, /206 with application\/xml/],
    ];
    for (const [response, start, total, says] of cases) assert.match(rangeAnswerProblem(response, start, total) ?? '', says);
  });
});
