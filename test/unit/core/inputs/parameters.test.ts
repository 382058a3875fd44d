import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParametersSchema } from '../../../../src/core/inputs/parameters';

describe('a generation’s parameters as kept', () => {
  it('reads the parameters of a take, with or without the seed and Wan 3.0’s ratio and sound', () => {
    const kept = { resolution: '720P', duration: 5, promptExtend: true, watermark: false };
    assert.deepEqual(ParametersSchema.parse(kept), kept);
    const wan3 = { ...kept, duration: -1, seed: 42, ratio: '16:9', sound: true };
    assert.deepEqual(ParametersSchema.parse(wan3), wan3);
  });

  it('refuses a duration or seed that is not a whole number, and a missing field', () => {
    const kept = { resolution: '720P', duration: 5, promptExtend: true, watermark: false };
    assert.equal(ParametersSchema.safeParse({ ...kept, duration: 5.5 }).success, false);
    assert.equal(ParametersSchema.safeParse({ ...kept, seed: 1.5 }).success, false);
    assert.equal(ParametersSchema.safeParse({ ...kept, watermark: undefined }).success, false);
  });
});
