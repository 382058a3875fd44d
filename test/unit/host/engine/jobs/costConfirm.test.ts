import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimate } from '../../../../../src/core/catalog/estimate';
import { costQuestion, DEFAULT_CONFIRM_ABOVE, moneyText, readThreshold } from '../../../../../src/host/engine/jobs/costConfirm';

const total = (min: number, max = min) => ({ total: { min, max } });

describe('wanKeyframes.confirmCostAbove: when Generate asks first', () => {
  it('reads a number or a numeric text as the amount, an empty text as never, anything else as the default', () => {
    assert.deepEqual(readThreshold(10), { ask: 'above', amount: 10 });
    assert.deepEqual(readThreshold(' 2.5 '), { ask: 'above', amount: 2.5 });
    assert.deepEqual(readThreshold(0), { ask: 'above', amount: 0 });
    assert.deepEqual(readThreshold(''), { ask: 'never' });
    assert.deepEqual(readThreshold('   '), { ask: 'never' });
    for (const odd of [-1, 'ten', undefined, null, Number.NaN, {}]) assert.deepEqual(readThreshold(odd), { ask: 'above', amount: DEFAULT_CONFIRM_ABOVE }, String(odd));
  });

  it('asks above the amount only, naming the total', () => {
    const above = { ask: 'above', amount: 10 } as const;
    assert.deepEqual(costQuestion(total(10), above), { ask: false }, 'at the amount is not above it');
    assert.deepEqual(costQuestion(total(10.01), above), { ask: true, total: { min: 10.01, max: 10.01 } });
    assert.deepEqual(costQuestion(total(3), above), { ask: false });
  });

  it('a range (the model chooses the length) asks when its top is above the amount', () => {
    const above = { ask: 'above', amount: 10 } as const;
    assert.deepEqual(costQuestion(total(2, 30), above), { ask: true, total: { min: 2, max: 30 } });
    assert.deepEqual(costQuestion(total(2, 9), above), { ask: false });
  });

  it('0 always asks; never never asks, even when the price is unknown', () => {
    assert.equal(costQuestion(total(0.01), { ask: 'above', amount: 0 }).ask, true);
    assert.equal(costQuestion(total(0), { ask: 'above', amount: 0 }).ask, true);
    assert.deepEqual(costQuestion(undefined, { ask: 'never' }), { ask: false });
    assert.deepEqual(costQuestion({ total: null }, { ask: 'never' }), { ask: false });
  });

  it('an unknown price is not above an amount (the form says "price unknown"); 0 asks, saying it is unknown', () => {
    assert.deepEqual(costQuestion({ total: null }, { ask: 'above', amount: 10 }), { ask: false });
    assert.deepEqual(costQuestion(undefined, { ask: 'above', amount: 10 }), { ask: false });
    assert.deepEqual(costQuestion({ total: null }, { ask: 'above', amount: 0 }), { ask: true, total: 'unknown' });
  });

  it("works on the catalog's estimate: 8 takes of 1080P cost more than one", () => {
    const eight = estimate({ model: 'wan2.2-kf2v-flash', region: 'cn-beijing', resolution: '1080P', count: 8 });
    const one = estimate({ model: 'wan2.2-kf2v-flash', region: 'cn-beijing', resolution: '1080P', count: 1 });
    assert.ok(eight.total && one.total && eight.total.max > one.total.max);
    const between = { ask: 'above', amount: ((one.total?.max ?? 0) + (eight.total?.max ?? 0)) / 2 } as const;
    assert.equal(costQuestion(eight, between).ask, true);
    assert.equal(costQuestion(one, between).ask, false);
    const custom = estimate({ model: 'wan2.2-kf2v-flash', region: undefined, count: 1 });
    assert.deepEqual(costQuestion(custom, { ask: 'above', amount: 0 }), { ask: true, total: 'unknown' }, 'a custom endpoint has no price');
    assert.deepEqual(costQuestion(custom, { ask: 'above', amount: 100 }), { ask: false });
  });

  it('names money with two decimals, a range when its ends differ', () => {
    assert.equal(moneyText({ min: 4, max: 4 }), '¥4.00');
    assert.equal(moneyText({ min: 2, max: 12.5 }), '¥2.00–12.50');
  });
});
