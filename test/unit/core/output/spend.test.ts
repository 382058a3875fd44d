import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spendLine, spendOf } from '../../../../src/core/output/spend';
import type { Take } from '../../../../src/core/output/take';
import { pricedTake } from '../../../support/takes';
import { takeCost } from '../../../../src/core/output/takeCost';

const take = (savedAt: Date, extra: Partial<Take> = {}): Take => pricedTake(extra, savedAt.toISOString());

describe("this workspace's spend", () => {
  const now = new Date(2026, 11, 15, 12, 0, 0);
  const today = new Date(2026, 11, 15, 9, 0, 0);
  const earlier = new Date(2026, 11, 2, 9, 0, 0);
  const lastMonth = new Date(2026, 10, 30, 9, 0, 0);

  it('sums today and this month in local time, and counts the takes without a price', () => {
    const one = takeCost(take(today))?.amount ?? Number.NaN;
    const spend = spendOf([take(today), take(earlier), take(lastMonth), take(today, { region: undefined })], now);
    assert.equal(spend.today, one);
    assert.equal(spend.month, 2 * one);
    assert.equal(spend.unpriced, 1);
    const line = spendLine(spend);
    assert.match(line?.en ?? '', new RegExp(`¥${one.toFixed(2)} today · ¥${(2 * one).toFixed(2)} this month \\(1 without a price\\)`));
    assert.match(line?.zh ?? '', /今日/);
  });

  it('says nothing without takes this month, and never ¥0.00 when nothing had a price', () => {
    assert.equal(spendLine(spendOf([take(lastMonth)], now)), undefined);
    const unpriced = spendLine(spendOf([take(today, { region: undefined }), take(earlier, { usage: undefined })], now));
    assert.doesNotMatch(unpriced?.en ?? '', /¥/);
    assert.match(unpriced?.en ?? '', /2, price unknown/);
  });

  it('skips a take whose saved time cannot be read', () => {
    assert.deepEqual(spendOf([take(today, { times: { savedAt: 'not a date' } })], now), { today: 0, month: 0, unpriced: 0 });
  });
});
