import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { variationSeeds } from '../../../../src/core/job/batchPlan';
import { drawSeed, MAX_SEED } from '../../../../src/core/job/seed';

describe('the seeds of N variations', () => {
  it('count from a given seed, one apart', () => {
    assert.deepEqual(variationSeeds(4, 41, drawSeed), [41, 42, 43, 44]);
    assert.deepEqual(variationSeeds(1, 7, drawSeed), [7]);
  });

  it('wrap past 2147483647 to 0, so none is out of range and all differ', () => {
    const seeds = variationSeeds(4, MAX_SEED - 1, drawSeed);
    assert.deepEqual(seeds, [MAX_SEED - 1, MAX_SEED, 0, 1]);
    assert.ok(seeds.every((seed) => seed >= 0 && seed <= MAX_SEED));
  });

  it('with no seed, draw until N distinct seeds (a repeated draw is drawn again)', () => {
    const draws = [5, 5, 9, 5, 12];
    const seeds = variationSeeds(3, undefined, () => draws.shift() ?? NaN);
    assert.deepEqual(seeds, [5, 9, 12]);
    assert.equal(new Set(variationSeeds(8, undefined, drawSeed)).size, 8);
  });

  it('refuse a count or seed that is not one', () => {
    for (const count of [0, -1, 1.5, NaN]) assert.throws(() => variationSeeds(count, 1, drawSeed), RangeError);
    for (const seed of [-1, MAX_SEED + 1, 2.5]) assert.throws(() => variationSeeds(2, seed, drawSeed), RangeError);
  });
});
