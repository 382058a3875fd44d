import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { id, longText, shortText, text } from '../../../src/shared/schemaParts';

describe('bounded strings of the messages', () => {
  it('accepts up to its bound and refuses one character more', () => {
    const three = text(3);
    assert.equal(z.safeParse(three, 'abc').success, true);
    assert.equal(z.safeParse(three, 'abcd').success, false);
    assert.equal(z.safeParse(id, 'x'.repeat(128)).success, true);
    assert.equal(z.safeParse(id, 'x'.repeat(129)).success, false);
    assert.equal(z.safeParse(shortText, 'x'.repeat(2_001)).success, false);
    assert.equal(z.safeParse(longText, 'x'.repeat(20_000)).success, true);
  });

  it('refuses what is not a string', () => {
    assert.equal(z.safeParse(shortText, 12).success, false);
  });
});
