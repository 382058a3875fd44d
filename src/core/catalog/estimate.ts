import type { Bilingual } from '../base/language';
import { AUTO_DURATION, MODELS, type ModelId, type Resolution } from './models';
import { BILLS_INPUT_VIDEO, freeQuotaSeconds, PRICE_CURRENCY, type PriceSource, priceOf, whyNoPrice } from './prices';
import type { RegionId } from './regions';

import { MAX_TAKES, MIN_TAKES } from '../../shared/variations';

export { MAX_TAKES, MIN_TAKES };

export interface Range {
  min: number;
  max: number;
}

export interface EstimateRequest {
  model: ModelId;
  /** Undefined: a custom endpoint that names no region (its price is unknown). */
  region: RegionId | undefined;
  /** Omitted: the model's default. */
  resolution?: Resolution;
  /** Seconds; -1 or 'auto' lets the model choose (a range). Omitted: the model's default. */
  duration?: number | 'auto';
  /** How many takes (1–8). */
  count: number;
  /** Seconds of a continued clip: inside wan2.7's output; billed on top only by a model that bills input video. */
  clipSeconds?: number;
}

/** What a request will cost, as the CLI prints it (`--json`) and the form summarises it. Money in full precision. */
export interface Estimate {
  model: ModelId;
  region: RegionId | null;
  currency: typeof PRICE_CURRENCY;
  /** Null when the table has no price: then `perTake` and `total` are null and `explanation` says why. */
  perSecond: number | null;
  /** Billed seconds of one take. */
  seconds: Range;
  perTake: Range | null;
  count: number;
  total: Range | null;
  /** The model's free seconds in this region (new accounts, Beijing only); null where there is none. */
  freeQuotaSeconds: number | null;
  source: PriceSource | null;
  explanation?: Bilingual;
}

/** A count that is not 1–8: its own problem, with the reason, so the message says exactly what is wrong. */
export interface CountProblem {
  code: 'count-invalid';
  reason: 'not-a-number' | 'not-whole' | 'out-of-range';
  value: string;
  min: number;
  max: number;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** Reads a count as a form or a command line gives it: a whole number from 1 to 8, or the problem with it. */
export function readCount(value: string | number): number | CountProblem {
  const text = String(value).trim();
  const problem = (reason: CountProblem['reason']): CountProblem => ({ code: 'count-invalid', reason, value: text, min: MIN_TAKES, max: MAX_TAKES });
  const number = typeof value === 'number' ? value : DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(number)) return problem('not-a-number');
  if (!Number.isInteger(number)) return problem('not-whole');
  if (number < MIN_TAKES || number > MAX_TAKES) return problem('out-of-range');
  return number;
}

/** The problem with a count, or undefined when it is a whole number from 1 to 8. */
export function countProblem(value: string | number): CountProblem | undefined {
  const read = readCount(value);
  return typeof read === 'number' ? undefined : read;
}

export function countProblemMessage(problem: CountProblem): Bilingual {
  const range = { en: `choose a whole number from ${problem.min} to ${problem.max}`, zh: `请选择 ${problem.min} 到 ${problem.max} 之间的整数` };
  switch (problem.reason) {
    case 'not-a-number':
      return { en: `Count “${problem.value}” is not a number: ${range.en}.`, zh: `数量“${problem.value}”不是数字：${range.zh}。` };
    case 'not-whole':
      return { en: `Count ${problem.value} is not a whole number: ${range.en}.`, zh: `数量 ${problem.value} 不是整数：${range.zh}。` };
    case 'out-of-range':
      return { en: `Count ${problem.value} is out of range: ${range.en}.`, zh: `数量 ${problem.value} 超出范围：${range.zh}。` };
  }
}

/**
 * Billed seconds of one take: kf2v always makes (and bills) its fixed length; `auto` is the model's whole range;
 * otherwise the output's duration, which for wan2.7 already holds a first clip. Wan 3.0 adds any input video.
 */
export function billedSeconds(model: ModelId, duration: number | 'auto' | undefined, clipSeconds = 0): Range {
  const { min, max, default: fallback } = MODELS[model].duration;
  const input = BILLS_INPUT_VIDEO[model] ? clipSeconds : 0;
  if (min === max || duration === 'auto' || duration === AUTO_DURATION) return { min: min + input, max: max + input };
  const output = duration ?? fallback;
  return { min: output + input, max: output + input };
}

const times = (range: Range, factor: number): Range => ({ min: range.min * factor, max: range.max * factor });

/** The estimate of `count` takes; a price the table lacks makes the money null (unknown), never 0. */
export function estimate(request: EstimateRequest): Estimate {
  const count = readCount(request.count);
  if (typeof count !== 'number') throw new RangeError(countProblemMessage(count).en);
  const { model, region } = request;
  const resolution = request.resolution ?? MODELS[model].defaultResolution;
  const seconds = billedSeconds(model, request.duration, request.clipSeconds);
  const free = freeQuotaSeconds(model, region) ?? null;
  const price = priceOf(model, resolution, region);
  const base = { model, region: region ?? null, currency: PRICE_CURRENCY } as const;
  if (!price) {
    return { ...base, perSecond: null, seconds, perTake: null, count, total: null, freeQuotaSeconds: free, source: null, explanation: whyNoPrice(model, resolution, region) };
  }
  const perTake = times(seconds, price.cnyPerSecond);
  return { ...base, perSecond: price.cnyPerSecond, seconds, perTake, count, total: times(perTake, count), freeQuotaSeconds: free, source: price.source };
}

/** Money for display only: two decimals, a range when its ends differ once rounded. */
function money(range: Range): string {
  const min = range.min.toFixed(2);
  const max = range.max.toFixed(2);
  return min === max ? `¥${min}` : `¥${min}–${max}`;
}

/**
 * The line under Generate: "≈ ¥1.00 per take · ¥4.00 for 4", a range where the model chooses the length, "price
 * unknown" where the table has none, and the free tier where the model has one ("part of" when the takes outlast it).
 */
export function estimateLine(estimate: Estimate): Bilingual {
  if (!estimate.perTake || !estimate.total) return { en: 'price unknown', zh: '价格未知' };
  const parts: Bilingual[] = [{ en: `≈ ${money(estimate.perTake)} per take`, zh: `约 ${money(estimate.perTake)}/条` }];
  if (estimate.count > 1) parts.push({ en: `${money(estimate.total)} for ${estimate.count}`, zh: `${estimate.count} 条共 ${money(estimate.total)}` });
  if (estimate.freeQuotaSeconds) {
    const covered = estimate.seconds.max * estimate.count <= estimate.freeQuotaSeconds;
    parts.push(covered ? { en: 'free quota may cover this', zh: '免费额度或可抵扣' } : { en: 'free quota may cover part of this', zh: '免费额度或可抵扣一部分' });
  }
  return { en: parts.map((part) => part.en).join(' · '), zh: parts.map((part) => part.zh).join(' · ') };
}
