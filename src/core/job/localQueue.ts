import type { ModelId } from '../catalog/models';

/**
 * Which waiting jobs may start now, in the order they were asked for: a model's jobs run at most `limit(model)` at a
 * time on the account (the service would keep the rest PENDING, and the user would pay in waiting, not in money), so
 * the rest wait here. A job of another model is not held up behind them.
 */
export function startable<T extends { family: ModelId }>(waiting: readonly T[], active: (family: ModelId) => number, limit: (family: ModelId) => number): T[] {
  const started = new Map<ModelId, number>();
  const chosen: T[] = [];
  for (const entry of waiting) {
    const running = active(entry.family) + (started.get(entry.family) ?? 0);
    if (running >= limit(entry.family)) continue;
    started.set(entry.family, (started.get(entry.family) ?? 0) + 1);
    chosen.push(entry);
  }
  return chosen;
}
