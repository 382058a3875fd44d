import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  billedSeconds,
  countProblem,
  countProblemMessage,
  estimate,
  type Estimate,
  estimateLine,
  MAX_TAKES,
  MIN_TAKES,
  readCount,
} from '../../../../src/core/catalog/estimate';
import { AUTO_DURATION, MODEL_IDS, MODELS } from '../../../../src/core/catalog/models';
import { priceOf, PRICE_TABLE } from '../../../../src/core/catalog/prices';
import { REGION_IDS } from '../../../../src/core/catalog/regions';

const CHINESE = /[\u4e00-\u9fff]/;

describe('billed seconds', () => {
  it('kf2v always bills its fixed 5 s, whatever duration is asked', () => {
    for (const model of ['wan2.2-kf2v-flash', 'wanx2.1-kf2v-plus'] as const) {
      for (const duration of [undefined, 5, 10, AUTO_DURATION, 'auto'] as const) assert.deepEqual(billedSeconds(model, duration), { min: 5, max: 5 }, `${model} ${duration}`);
    }
  });

  it('wan2.7 bills its total duration: a first clip lies inside it', () => {
    assert.deepEqual(billedSeconds('wan2.7-i2v', 15, 3), { min: 15, max: 15 });
    assert.deepEqual(billedSeconds('wan2.7-i2v', 7), { min: 7, max: 7 });
    assert.deepEqual(billedSeconds('wan2.7-i2v', undefined), { min: MODELS['wan2.7-i2v'].duration.default, max: MODELS['wan2.7-i2v'].duration.default });
  });

  it('Wan 3.0: "let the model choose" (-1 or auto) is its whole 2–30 s range; input video is billed on top', () => {
    for (const duration of [AUTO_DURATION, 'auto'] as const) assert.deepEqual(billedSeconds('wan3.0-video', duration), { min: 2, max: 30 });
    assert.deepEqual(billedSeconds('wan3.0-video-prime', 5, 4), { min: 9, max: 9 });
    assert.deepEqual(billedSeconds('wan3.0-video', AUTO_DURATION, 4), { min: 6, max: 34 });
  });
});

describe('estimate', () => {
  it('a known price: per second × seconds per take, × count for the total, in CNY, with its source', () => {
    const result = estimate({ model: 'wan2.2-kf2v-flash', region: 'cn-beijing', resolution: '720P', count: 4 });
    assert.equal(result.currency, 'CNY');
    assert.equal(result.perSecond, 0.2);
    assert.deepEqual(result.seconds, { min: 5, max: 5 });
    assert.deepEqual(result.perTake, { min: 0.2 * 5, max: 0.2 * 5 });
    assert.deepEqual(result.total, { min: 0.2 * 5 * 4, max: 0.2 * 5 * 4 });
    assert.equal(result.count, 4);
    assert.equal(result.freeQuotaSeconds, 50);
    assert.equal(result.source?.tag, 'S-PRICE-CN');
    assert.equal(result.explanation, undefined);
  });

  it('a duration the model chooses is a range of money too', () => {
    const result = estimate({ model: 'wan3.0-video', region: 'cn-beijing', resolution: '480P', duration: AUTO_DURATION, count: 2 });
    assert.deepEqual(result.seconds, { min: 2, max: 30 });
    assert.deepEqual(result.perTake, { min: 0.3 * 2, max: 0.3 * 30 });
    assert.deepEqual(result.total, { min: 0.3 * 2 * 2, max: 0.3 * 30 * 2 });
  });

  it('keeps full precision in its numbers (Singapore\'s six-decimal prices)', () => {
    const result = estimate({ model: 'wan2.7-i2v', region: 'ap-southeast-1', resolution: '1080P', duration: 7, count: 3 });
    assert.equal(result.perSecond, 1.100886);
    assert.equal(result.perTake?.min, 1.100886 * 7);
    assert.equal(result.total?.max, 1.100886 * 7 * 3);
    assert.notEqual(result.perTake?.min, Math.round(1.100886 * 7 * 100) / 100);
  });

  it('is in CNY in every region the table prices, Singapore included; a region without the free tier has none', () => {
    for (const row of PRICE_TABLE) {
      const result = estimate({ model: row.model, region: row.region, resolution: row.resolution, count: 1 });
      assert.equal(result.currency, 'CNY');
      assert.equal(result.perSecond, row.cnyPerSecond, `${row.model} ${row.region}`);
      assert.equal(result.freeQuotaSeconds === null, row.region !== 'cn-beijing', `${row.model} ${row.region}`);
    }
  });

  it('defaults to the model\'s resolution and duration', () => {
    const result = estimate({ model: 'wan2.7-i2v', region: 'cn-beijing', count: 1 });
    const spec = MODELS['wan2.7-i2v'];
    assert.equal(result.perSecond, priceOf('wan2.7-i2v', spec.defaultResolution, 'cn-beijing')?.cnyPerSecond);
    assert.deepEqual(result.seconds, { min: spec.duration.default, max: spec.duration.default });
  });

  it('unknown prices: money null (never 0), seconds still known, and why, in both languages', () => {
    const cases = [
      estimate({ model: 'wan3.0-video', region: 'cn-hongkong', resolution: '720P', duration: 5, count: 2 }),
      estimate({ model: 'wan2.2-kf2v-flash', region: 'ap-southeast-1', resolution: '720P', count: 2 }),
      estimate({ model: 'wan2.7-i2v', region: undefined, resolution: '720P', duration: 5, count: 2 }),
    ];
    for (const result of cases) {
      assert.equal(result.perSecond, null);
      assert.equal(result.perTake, null);
      assert.equal(result.total, null);
      assert.equal(result.source, null);
      assert.deepEqual(result.seconds, { min: 5, max: 5 });
      assert.ok(result.explanation && result.explanation.en.length > 0 && CHINESE.test(result.explanation.zh));
      assert.deepEqual(estimateLine(result), { en: 'price unknown', zh: '价格未知' });
    }
    assert.equal(cases[2]?.region, null, 'a custom endpoint has no region');
    assert.match(cases[2]?.explanation?.en ?? '', /custom base URL/);
  });

  it('every model and region the catalog offers has an answer: a price, or unknown with a reason', () => {
    for (const model of MODEL_IDS) {
      for (const region of REGION_IDS) {
        for (const resolution of MODELS[model].resolutions) {
          const result = estimate({ model, region, resolution, count: 1 });
          assert.ok(result.perSecond === null ? result.explanation : result.perSecond > 0, `${model} ${region} ${resolution}`);
        }
      }
    }
  });

  it('refuses a count outside 1–8', () => {
    for (const count of [0, 9, 2.5, Number.NaN]) assert.throws(() => estimate({ model: 'wan2.7-i2v', region: 'cn-beijing', count }), RangeError);
  });
});

describe('the line under Generate', () => {
  const line = (result: Estimate) => estimateLine(result);

  it('per take and for N, rounded to cents for display, with the free tier where there is one', () => {
    const result = estimate({ model: 'wan2.2-kf2v-flash', region: 'cn-beijing', resolution: '720P', count: 4 });
    assert.deepEqual(line(result), { en: '≈ ¥1.00 per take · ¥4.00 for 4 · free quota may cover this', zh: '约 ¥1.00/条 · 4 条共 ¥4.00 · 免费额度或可抵扣' });
  });

  it('one take: no total; outside Beijing: no free tier', () => {
    const result = estimate({ model: 'wan2.7-i2v', region: 'ap-southeast-1', resolution: '720P', duration: 5, count: 1 });
    assert.deepEqual(line(result), { en: '≈ ¥3.67 per take', zh: '约 ¥3.67/条' });
  });

  it('a range where the model chooses the length; "part of" when the takes outlast the free seconds', () => {
    const result = estimate({ model: 'wan3.0-video', region: 'cn-beijing', resolution: '720P', duration: 'auto', count: 4 });
    assert.deepEqual(line(result), {
      en: '≈ ¥1.20–18.00 per take · ¥4.80–72.00 for 4 · free quota may cover part of this',
      zh: '约 ¥1.20–18.00/条 · 4 条共 ¥4.80–72.00 · 免费额度或可抵扣一部分',
    });
  });

  it('a range whose ends round to the same cents shows one figure', () => {
    const result = estimate({ model: 'wan2.7-i2v', region: 'ap-southeast-1', count: 1 });
    const narrow: Estimate = { ...result, perTake: { min: 1.001, max: 1.004 }, total: { min: 1.001, max: 1.004 } };
    assert.equal(line(narrow).en, '≈ ¥1.00 per take');
  });
});

describe('the count', () => {
  it('takes a whole number from 1 to 8, as a number or as text', () => {
    for (let count = MIN_TAKES; count <= MAX_TAKES; count += 1) {
      assert.equal(readCount(count), count);
      assert.equal(readCount(` ${count} `), count);
      assert.equal(countProblem(String(count)), undefined);
    }
    assert.equal(readCount('4.0'), 4, 'a whole number written with a decimal point');
  });

  it('refuses anything else with the reason', () => {
    const reasons: Array<[string | number, string]> = [
      [0, 'out-of-range'],
      ['9', 'out-of-range'],
      [-1, 'out-of-range'],
      ['two', 'not-a-number'],
      ['', 'not-a-number'],
      ['0x4', 'not-a-number'],
      [Number.NaN, 'not-a-number'],
      [Number.POSITIVE_INFINITY, 'not-a-number'],
      [2.5, 'not-whole'],
      ['2.5', 'not-whole'],
    ];
    for (const [value, reason] of reasons) assert.equal(countProblem(value)?.reason, reason, String(value));
  });

  it('says what is wrong, with the value and the range, in both languages, each its own sentence', () => {
    const messages = [countProblem(0), countProblem('two'), countProblem(2.5)].map((problem) => {
      assert.ok(problem);
      return countProblemMessage(problem);
    });
    assert.equal(new Set(messages.map((message) => message.en)).size, 3);
    for (const [message, value] of [[messages[0], '0'], [messages[1], 'two'], [messages[2], '2.5']] as const) {
      assert.ok(message?.en.includes(value) && message.zh.includes(value), value);
      assert.match(message?.en ?? '', /from 1 to 8/);
      assert.match(message?.zh ?? '', /1 到 8/);
      assert.doesNotMatch(message?.en ?? '', CHINESE);
    }
  });
});
