import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { basisLines, estimateOf, estimateSentence } from '../../../src/cli/estimateText';
import { endpointFor, priceRegion } from '../../../src/core/catalog/regions';
import { priceOf } from '../../../src/core/catalog/prices';

describe('estimateText: what generate says before it sends anything', () => {
  const beijing = endpointFor('cn-beijing', undefined, undefined);
  const custom = endpointFor('cn-beijing', 'http://127.0.0.1:9', undefined);

  it('per take and for N at the region’s price; a custom base URL has none: "price unknown"', () => {
    const price = priceOf('wan2.2-kf2v-flash', '480P', 'cn-beijing');
    assert.ok(price, 'the table prices kf2v-flash 480P in Beijing');
    const result = estimateOf({ model: 'wan2.2-kf2v-flash', resolution: '480P', duration: 5, count: 3 }, beijing);
    const perTake = (5 * price.cnyPerSecond).toFixed(2);
    const total = (15 * price.cnyPerSecond).toFixed(2);
    assert.ok(estimateSentence(result, 'en', false).startsWith(`Estimate: ≈ ¥${perTake} per take · ¥${total} for 3`), estimateSentence(result, 'en', false));
    assert.ok(estimateSentence(result, 'zh-cn', true).startsWith('预估费用：约 ¥'));
    assert.equal(priceRegion(custom), undefined);
    const unknown = estimateOf({ model: 'wan2.2-kf2v-flash', resolution: '480P', duration: 5, count: 1 }, custom);
    assert.equal(estimateSentence(unknown, 'en', false), 'Estimate: price unknown');
    assert.match(basisLines(unknown, '480P', false)[0] ?? '', /custom base URL/);
  });

  it('a model that chooses its length: a range', () => {
    const result = estimateOf({ model: 'wan3.0-video', resolution: '720P', duration: -1, count: 2 }, beijing);
    assert.ok(result.seconds.min < result.seconds.max, JSON.stringify(result.seconds));
    assert.ok(result.perTake, 'the table prices it');
    assert.match(estimateSentence(result, 'en', false), /¥[\d.]+–[\d.]+ per take/);
  });
});
