import type { Bilingual } from '../base/language';
import { takeCost } from './takeCost';
import type { Take } from './take';

/** What takes cost at list prices: today and this calendar month (local time), and how many takes had no price. */
export interface Spend {
  today: number;
  month: number;
  unpriced: number;
}

/** Sums the takes saved today and this month at `now` (the machine's local calendar). */
export function spendOf(takes: Iterable<Take>, now: Date): Spend {
  const spend: Spend = { today: 0, month: 0, unpriced: 0 };
  for (const take of takes) {
    const saved = new Date(take.times.savedAt);
    if (Number.isNaN(saved.getTime()) || saved.getFullYear() !== now.getFullYear() || saved.getMonth() !== now.getMonth()) continue;
    const cost = takeCost(take);
    if (!cost) {
      spend.unpriced++;
      continue;
    }
    spend.month += cost.amount;
    if (saved.getDate() === now.getDate()) spend.today += cost.amount;
  }
  return spend;
}

/** "Takes here: ¥3.20 today · ¥41.00 this month (2 without a price)"; undefined when there was nothing this month. */
export function spendLine(spend: Spend): Bilingual | undefined {
  if (spend.month === 0 && spend.unpriced === 0) return undefined;
  // Nothing priced (a custom endpoint, a model the table lacks): ¥0.00 would read as "free".
  if (spend.month === 0) return { en: `Takes in this workspace this month: ${spend.unpriced}, price unknown`, zh: `本工作区本月的视频：${spend.unpriced} 条，价格未知` };
  const today = `¥${spend.today.toFixed(2)}`;
  const month = `¥${spend.month.toFixed(2)}`;
  const unpriced = spend.unpriced > 0 ? { en: ` (${spend.unpriced} without a price)`, zh: `（${spend.unpriced} 条无价格）` } : { en: '', zh: '' };
  return { en: `Takes in this workspace: ${today} today · ${month} this month${unpriced.en}`, zh: `本工作区的视频：今日 ${today} · 本月 ${month}${unpriced.zh}` };
}
