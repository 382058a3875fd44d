import { MAX_SEED } from './seed';

/**
 * The seeds of N variations: from a given seed, that seed then seed+1, seed+2… — past 2147483647 they wrap to 0, so a
 * seed near the top still makes N distinct takes and none is sent out of range; with no seed, N distinct drawn seeds.
 */
export function variationSeeds(count: number, seed: number | undefined, draw: () => number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`not a count of takes: ${count}`);
  if (seed !== undefined) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`not a seed: ${seed}`);
    return Array.from({ length: count }, (_, index) => (seed + index) % (MAX_SEED + 1));
  }
  const seeds = new Set<number>();
  while (seeds.size < count) seeds.add(draw());
  return [...seeds];
}
