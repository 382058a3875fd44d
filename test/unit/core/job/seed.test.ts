import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawSeed, MAX_SEED } from '../../../../src/core/job/seed';

describe('drawSeed', () => {
  it('draws whole numbers across the service range 0 … 2147483647, not one fixed value', () => {
    const seeds = Array.from({ length: 2000 }, () => drawSeed());
    for (const seed of seeds) assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED, String(seed));
    assert.ok(new Set(seeds).size > 1990, 'draws differ');
    assert.ok(seeds.some((seed) => seed > MAX_SEED / 2) && seeds.some((seed) => seed < MAX_SEED / 2), 'both halves of the range');
    assert.equal(MAX_SEED, 2 ** 31 - 1);
  });
});
