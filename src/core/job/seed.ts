import { randomInt } from 'node:crypto';

/** The seeds the service takes (dashscope-api.md §3.1, §4.1): 0 … 2147483647. */
export const MAX_SEED = 2147483647;

/**
 * A seed for a take asked to be "random": drawn here, sent and recorded, so the take can be made again. Wan 3.0's
 * own "random" (-1 or none) is never sent: a seed the service chose is a seed nobody can read back.
 */
export function drawSeed(): number {
  return randomInt(0, MAX_SEED + 1);
}
