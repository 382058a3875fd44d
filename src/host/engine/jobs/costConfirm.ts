import type { Estimate, Range } from '../../../core/catalog/estimate';

/** The threshold as read from `wanKeyframes.confirmCostAbove`: an amount in CNY, or never ask. */
export type CostThreshold = { ask: 'never' } | { ask: 'above'; amount: number };

/** The default threshold (package.json's): ¥10. */
export const DEFAULT_CONFIRM_ABOVE = 10;

/**
 * Reads the setting: a number (or a numeric string) ≥ 0 is the amount (0: always ask); an empty string never asks;
 * anything else (a negative number, words) is the default, so a typo never silently turns the question off.
 */
export function readThreshold(value: unknown): CostThreshold {
  if (typeof value === 'string' && value.trim() === '') return { ask: 'never' };
  const amount = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  return Number.isFinite(amount) && amount >= 0 ? { ask: 'above', amount } : { ask: 'above', amount: DEFAULT_CONFIRM_ABOVE };
}

/** Whether to ask before a Generate, and what to name: the total (a range when the model chooses the length), or unknown. */
export type CostQuestion = { ask: false } | { ask: true; total: Range } | { ask: true; total: 'unknown' };

/**
 * Asks when the most the batch may cost is above the threshold (0 asks every time, even for a free-looking ¥0, and
 * for a price the table lacks, saying so). An unknown price is not "above" an amount: the form already says "price
 * unknown" under Generate, and a custom endpoint (a gateway, the simulator) would otherwise ask at every Generate.
 * "Never" never asks.
 */
export function costQuestion(estimate: Pick<Estimate, 'total'> | undefined, threshold: CostThreshold): CostQuestion {
  if (threshold.ask === 'never') return { ask: false };
  const total = estimate?.total;
  if (!total) return threshold.amount === 0 ? { ask: true, total: 'unknown' } : { ask: false };
  if (threshold.amount === 0 || total.max > threshold.amount) return { ask: true, total };
  return { ask: false };
}

/** "¥4.00" or "¥2.00–12.00": the total as the question names it. */
export function moneyText(total: Range): string {
  const min = total.min.toFixed(2);
  const max = total.max.toFixed(2);
  return min === max ? `¥${min}` : `¥${min}–${max}`;
}
