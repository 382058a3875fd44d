import { modelFamily, RESOLUTIONS, type Resolution } from '../catalog/models';
import { priceOf, PRICE_CURRENCY } from '../catalog/prices';
import { isRegionId } from '../catalog/regions';
import type { Take } from './take';

/** What a take cost: the seconds the service billed times the list price of its model, resolution and region. */
export interface TakeCost {
  seconds: number;
  amount: number;
  currency: typeof PRICE_CURRENCY;
}

/** The seconds billed for a take, as the service's `usage` said (wan2.7/3.0 `duration`, kf2v `video_duration`). */
export function billedSecondsOf(take: Take): number | undefined {
  const usage = take.usage;
  const seconds = usage?.duration ?? usage?.video_duration;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

function resolutionOf(take: Take): Resolution | undefined {
  const named = take.parameters?.resolution?.toUpperCase();
  if (RESOLUTIONS.includes(named as Resolution)) return named as Resolution;
  const sr = take.usage?.SR;
  return typeof sr === 'number' && RESOLUTIONS.includes(`${sr}P` as Resolution) ? (`${sr}P` as Resolution) : undefined;
}

/** Undefined when the service did not say the seconds, or the table has no price (a custom endpoint, Hong Kong). */
export function takeCost(take: Take): TakeCost | undefined {
  const seconds = billedSecondsOf(take);
  const model = modelFamily(take.family) ?? modelFamily(take.model);
  const resolution = resolutionOf(take);
  if (seconds === undefined || !model || !resolution) return undefined;
  const price = priceOf(model, resolution, take.region !== undefined && isRegionId(take.region) ? take.region : undefined);
  return price ? { seconds, amount: seconds * price.cnyPerSecond, currency: PRICE_CURRENCY } : undefined;
}

/** "¥1.00" (a list price: what the take would cost without free quota or discounts). */
export function formatCost(cost: TakeCost): string {
  return `¥${cost.amount.toFixed(2)}`;
}
