import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceOf } from '../../../../src/core/catalog/prices';
import { modelFamily } from '../../../../src/core/catalog/models';
import { billedSecondsOf, formatCost, takeCost } from '../../../../src/core/output/takeCost';
import type { Take } from '../../../../src/core/output/take';
import { pricedTake } from '../../../support/takes';

const take = (extra: Partial<Take> = {}): Take => pricedTake(extra);

describe('what a take cost', () => {
  it('is the billed seconds times the table price of its model, resolution and region', () => {
    const model = modelFamily('wan2.2-kf2v-flash');
    assert.ok(model);
    const price = priceOf(model, '720P', 'cn-beijing');
    assert.ok(price);
    const cost = takeCost(take());
    assert.deepEqual(cost && { seconds: cost.seconds, amount: cost.amount }, { seconds: 5, amount: 5 * price.cnyPerSecond });
    assert.equal(formatCost({ seconds: 5, amount: 1, currency: 'CNY' }), '¥1.00');
  });

  it('reads wan2.7/3.0 usage.duration as well as kf2v video_duration, and the resolution from usage.SR', () => {
    assert.equal(billedSecondsOf(take({ usage: { duration: 7.5 } })), 7.5);
    const fromSr = takeCost(take({ parameters: undefined, usage: { video_duration: 5, SR: 720 } }));
    assert.equal(fromSr?.seconds, 5);
  });

  it('is unknown, never 0, without billed seconds, a known region or a priced resolution', () => {
    assert.equal(takeCost(take({ usage: undefined })), undefined);
    assert.equal(takeCost(take({ usage: { video_duration: 0 } })), undefined);
    assert.equal(takeCost(take({ region: undefined })), undefined, 'a custom endpoint has no price');
    assert.equal(takeCost(take({ region: 'ap-southeast-1' })), undefined, 'kf2v-flash has no Singapore price');
    assert.equal(takeCost(take({ model: 'wanx2.1-kf2v-plus', family: 'wanx2.1-kf2v-plus', parameters: { resolution: '480P', duration: 5, promptExtend: false, watermark: false } })), undefined);
  });
});
