import { inLanguage } from '../core/base/language';
import { estimate as estimateCost, type Estimate, estimateLine } from '../core/catalog/estimate';
import type { ModelId, Resolution } from '../core/catalog/models';
import { priceOf } from '../core/catalog/prices';
import { type Endpoint, priceRegion, REGIONS } from '../core/catalog/regions';
import { cliText } from './messages';

/** A price as the page lists it: at least two decimals, all of its own (0.733924 stays 0.733924). */
function listed(value: number): string {
  const decimals = (String(value).split('.')[1] ?? '').length;
  return value.toFixed(Math.max(2, decimals));
}

/** The lines under an estimate: what it rests on (model, length, region, the price and its source), or why unknown. */
export function basisLines(result: Estimate, resolution: Resolution, zh: boolean): string[] {
  const { seconds, region, source } = result;
  const length = seconds.min === seconds.max ? cliText('seconds', zh, String(seconds.min)) : cliText('secondsChosen', zh, String(seconds.min), String(seconds.max));
  const place = region ? REGIONS[region].name[zh ? 'zh' : 'en'] : cliText('customEndpoint', zh);
  const what = `${result.model} ${resolution}`;
  if (result.perSecond === null || !source) return [cliText('estimateUnknown', zh, what, length, place, result.explanation ? (zh ? result.explanation.zh : result.explanation.en) : '')];
  const lines = [cliText('estimateBasis', zh, what, length, place, listed(result.perSecond), source.tag, source.asOf, source.url)];
  const usd = region ? priceOf(result.model, resolution, region)?.usd : undefined;
  if (usd) lines.push(cliText('estimateUsd', zh, listed(usd.perSecond), usd.source.tag, usd.source.asOf));
  if (result.freeQuotaSeconds) lines.push(cliText('estimateFree', zh, String(result.freeQuotaSeconds)));
  return lines;
}

export interface PlannedCost {
  model: ModelId;
  resolution: Resolution;
  /** Seconds; -1 lets the model choose (a range). */
  duration: number;
  count: number;
}

/** The estimate of a planned run of takes at an endpoint. */
export function estimateOf(planned: PlannedCost, endpoint: Endpoint): Estimate {
  return estimateCost({ model: planned.model, region: priceRegion(endpoint), resolution: planned.resolution, duration: planned.duration, count: planned.count });
}

/** "Estimate: ≈ ¥0.70 per take · ¥2.10 for 3" (or "price unknown"), the line generate says before it sends anything. */
export function estimateSentence(result: Estimate, locale: string, zh: boolean): string {
  return cliText('estimate', zh, inLanguage(estimateLine(result), locale));
}
