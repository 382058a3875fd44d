import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MODEL_IDS, MODELS, type ModelId, RESOLUTIONS } from '../../../../src/core/catalog/models';
import { BILLS_INPUT_VIDEO, FREE_QUOTA, freeQuotaSeconds, PRICE_TABLE, priceOf, whyNoPrice } from '../../../../src/core/catalog/prices';
import { REGION_IDS, REGIONS, type RegionId } from '../../../../src/core/catalog/regions';
import { FIXTURES } from '../../../support/files';

/** The addendum's sections, copied verbatim: the code must agree with every cell. */
const FIXTURE = readFileSync(path.join(FIXTURES, 'prices-a8.4.md'), 'utf8');

/** The body of the section whose heading starts with `heading`, up to the next heading. */
function section(heading: string): string {
  const start = FIXTURE.indexOf(`### ${heading}`);
  assert.ok(start >= 0, `the fixture has §${heading}`);
  const end = FIXTURE.indexOf('\n### ', start + 1);
  return FIXTURE.slice(start, end < 0 ? undefined : end);
}

/** The data rows of the first Markdown table in `text`, as trimmed cells. */
function tableRows(text: string): string[][] {
  const lines = text.split('\n').filter((line) => line.startsWith('|'));
  return lines.slice(2).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

const numbers = (cell: string) => [...cell.matchAll(/\d+(?:\.\d+)?/g)].map((match) => Number(match[0]));
const modelOf = (cell: string) => {
  const id = /^`?([\w.-]+)/.exec(cell)?.[1] as ModelId;
  assert.ok((MODEL_IDS as readonly string[]).includes(id), `“${cell}” names a catalog model`);
  return id;
};

interface Expected {
  cny: number;
  usd: number | undefined;
}

const A84 = tableRows(section('A8.4'));
const A18 = section('A1.8');

/** Beijing = Tokyo = Frankfurt = Virginia, as §A1.8's table header says it, mapped to the catalog's regions. */
function sameAsBeijing(): RegionId[] {
  const header = /Beijing( = \w+)+/.exec(A18)?.[0] ?? '';
  const names = header.split(' = ');
  assert.ok(names.length >= 4, header);
  return names.map((name) => {
    const region = REGION_IDS.find((id) => REGIONS[id].name.en.includes(name));
    assert.ok(region, `${name} is a catalog region`);
    return region;
  });
}

/** Every price the fixture states, by model|resolution|region. */
function expectedPrices(): Map<string, Expected> {
  const expected = new Map<string, Expected>();
  const wan3 = new Set(tableRows(A18).map((row) => modelOf(row[0] ?? '')));
  for (const [modelCell = '', resolutionCell = '', beijing = '', singapore = '', usd = ''] of A84) {
    const model = modelOf(modelCell);
    const resolutions = resolutionCell.split(' / ');
    const usdOfficial = /\(official/.test(usd) ? numbers(usd)[0] : undefined;
    const regions: Array<[RegionId[], number[], boolean]> = [
      [wan3.has(model) ? sameAsBeijing() : ['cn-beijing'], numbers(beijing), false],
      [['ap-southeast-1'], singapore === 'not listed' ? [] : numbers(singapore), true],
    ];
    for (const [ids, values, international] of regions) {
      if (values.length === 0) continue;
      assert.equal(values.length, resolutions.length, `${model}: one price per resolution`);
      resolutions.forEach((resolution, index) => {
        // The international page prices the international (Singapore) deployment.
        for (const region of ids) expected.set(`${model}|${resolution}|${region}`, { cny: values[index] as number, usd: international ? usdOfficial : undefined });
      });
    }
  }
  return expected;
}

describe('the price table (addendum §A8.4)', () => {
  const expected = expectedPrices();

  it('parses the copied table: every model of the catalog has a row', () => {
    assert.deepEqual(new Set(A84.map((row) => modelOf(row[0] ?? ''))), new Set(MODEL_IDS));
    assert.ok(expected.size >= A84.length);
  });

  it('answers the fixture\'s price for every model × resolution × region, and undefined where it lists none', () => {
    for (const model of MODEL_IDS) {
      for (const resolution of RESOLUTIONS) {
        for (const region of REGION_IDS) {
          const key = `${model}|${resolution}|${region}`;
          const row = priceOf(model, resolution, region);
          const want = expected.get(key);
          assert.equal(row?.cnyPerSecond, want?.cny, key);
          assert.equal(row?.usd?.perSecond, want?.usd, `${key} USD`);
        }
      }
    }
    assert.equal(PRICE_TABLE.length, expected.size, 'one row per stated price, no duplicates');
  });

  it('Wan 3.0 costs the same in Beijing, Tokyo, Frankfurt and Virginia, and is unknown in Hong Kong', () => {
    for (const model of ['wan3.0-video', 'wan3.0-video-prime'] as const) {
      for (const resolution of MODELS[model].resolutions) {
        const beijing = priceOf(model, resolution, 'cn-beijing')?.cnyPerSecond;
        assert.ok(beijing && beijing > 0);
        for (const region of sameAsBeijing()) assert.equal(priceOf(model, resolution, region)?.cnyPerSecond, beijing, `${model} ${resolution} ${region}`);
        assert.equal(priceOf(model, resolution, 'cn-hongkong'), undefined);
      }
    }
  });

  it('uses list prices, not the promotion §A1.8 saw', () => {
    const promoted = numbers(/→ ([\d. /]+)\)/.exec(A18)?.[1] ?? '');
    assert.equal(promoted.length, 3);
    for (const value of promoted) assert.ok(!PRICE_TABLE.some((row) => row.cnyPerSecond === value), `${value} is a promotion`);
  });

  it('a custom endpoint (no region) and a model the table does not price are unknown, never 0', () => {
    assert.equal(priceOf('wan2.7-i2v', '720P', undefined), undefined);
    assert.equal(priceOf('wan2.2-kf2v-flash', '720P', 'ap-southeast-1'), undefined);
    assert.equal(priceOf('wan2.7-i2v', '480P', 'cn-beijing'), undefined);
    assert.ok(PRICE_TABLE.every((row) => row.cnyPerSecond > 0));
  });

  it('names its source and date on every row; Wan 3.0\'s date is §A1.8\'s, the USD one the page\'s', () => {
    const wan3Source = /A1\.8 Prices \[([\w-]+), .*?(\d{4}-\d{2})\]/.exec(A18);
    assert.ok(wan3Source);
    const usdDate = /official, EN page, (\d{4}-\d{2})/.exec(FIXTURE)?.[1];
    for (const row of PRICE_TABLE) {
      assert.match(row.source.tag, /^S-[A-Z0-9-]+$/);
      assert.match(row.source.asOf, /^\d{4}-\d{2}$/);
      assert.match(row.source.url, /^https:\/\//);
      if (row.model.startsWith('wan3.0')) assert.deepEqual([row.source.tag, row.source.asOf], [wan3Source[1], wan3Source[2]]);
      else assert.ok(FIXTURE.includes(`[${row.source.tag}] for Beijing and Singapore CNY`), row.source.tag);
      if (row.usd) assert.equal(row.usd.source.asOf, usdDate);
    }
  });

  it('bills input video exactly where the billed-seconds column says so', () => {
    let previous = false;
    for (const row of A84) {
      const cell = row[5] ?? '';
      const billsInput: boolean = cell === 'same' ? previous : /input video/.test(cell);
      assert.equal(BILLS_INPUT_VIDEO[modelOf(row[0] ?? '')], billsInput, row[0]);
      previous = billsInput;
    }
  });
});

describe('free quota (addendum §A8.3)', () => {
  it('gives each model the fixture\'s free seconds, in Beijing only', () => {
    const sentence = section('A8.3').replace(/\s+/g, ' ');
    const stated = [...sentence.matchAll(/(wan[\w.-]+) (\d+) s/g)].map((match) => ({ prefix: match[1] as string, seconds: Number(match[2]) }));
    assert.ok(stated.length >= 4, sentence);
    for (const model of MODEL_IDS) {
      const entry = stated.find((item) => model === item.prefix || model.startsWith(`${item.prefix}-`));
      assert.ok(entry, `${model} has a free quota in the fixture`);
      assert.equal(freeQuotaSeconds(model, 'cn-beijing'), entry.seconds, model);
      for (const region of REGION_IDS.filter((id) => id !== 'cn-beijing')) assert.equal(freeQuotaSeconds(model, region), undefined, `${model} ${region}`);
      assert.equal(freeQuotaSeconds(model, undefined), undefined);
    }
    assert.match(A18, new RegExp(`Free quota: ${FREE_QUOTA.seconds['wan3.0-video']} s, Beijing only`));
  });
});

describe('why a price is unknown', () => {
  it('says which of the reasons it is, in both languages', () => {
    const reasons = [
      { text: whyNoPrice('wan2.7-i2v', '720P', undefined), en: /custom base URL names no region/ },
      { text: whyNoPrice('wan2.7-i2v', '720P', 'us-east-1'), en: /not offered in US \(Virginia\)/ },
      { text: whyNoPrice('wan2.7-i2v', '480P', 'cn-beijing'), en: /has no 480P/ },
      { text: whyNoPrice('wan3.0-video', '1080P', 'cn-hongkong'), en: /lists no China \(Hong Kong\) price for wan3\.0-video at 1080P/ },
      { text: whyNoPrice('wan2.2-kf2v-flash', '720P', 'ap-southeast-1'), en: /lists no Singapore price/ },
    ];
    for (const { text, en } of reasons) {
      assert.match(text.en, en);
      assert.match(text.zh, /[\u4e00-\u9fff]/);
      assert.doesNotMatch(text.en, /[\u4e00-\u9fff]/);
    }
    assert.match(reasons[3]?.text.zh ?? '', /中国（香港）/);
  });
});
