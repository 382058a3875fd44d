import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { characters, elapsed, format, humanBytes } from '../../../src/webview/format';

describe("the page's text helpers", () => {
  it('format puts each value in its numbered place, as often as named; a missing one is empty', () => {
    assert.equal(format('{1} after {0}, then {1}', 'dawn', 'dusk'), 'dusk after dawn, then dusk');
    assert.equal(format('{0} of {1} MB', 3), '3 of  MB');
    assert.equal(format('{0}', '{1}', 'x'), '{1}', 'a value is not formatted again');
    assert.equal(format('no places', 'x'), 'no places');
  });

  it('humanBytes: bytes below 1 KiB, whole KB below 1 MiB, then MB with one decimal', () => {
    assert.equal(humanBytes(0), '0 B');
    assert.equal(humanBytes(1023), '1023 B');
    assert.equal(humanBytes(1024), '1 KB');
    assert.equal(humanBytes(1024 * 1024 - 1), '1024 KB');
    assert.equal(humanBytes(1024 * 1024), '1.0 MB');
    assert.equal(humanBytes(6.25 * 1024 * 1024), '6.3 MB');
  });

  it('elapsed: minutes and two-digit seconds, never below zero', () => {
    const since = 1_000_000;
    assert.equal(elapsed(since, since), '0:00');
    assert.equal(elapsed(since, since + 65_400), '1:05');
    assert.equal(elapsed(since, since + 59_600), '1:00', 'rounded to the second');
    assert.equal(elapsed(since, since + 3_600_000), '60:00');
    assert.equal(elapsed(since, since - 5_000), '0:00', 'a clock that went back');
  });

  it('characters counts what the service counts: an emoji or a Chinese character is one', () => {
    assert.equal(characters('abc'), 3);
    assert.equal(characters('晨光'), 2);
    assert.equal(characters('🌅 dawn'), 6);
    assert.notEqual(characters('🌅'), '🌅'.length);
  });
});
