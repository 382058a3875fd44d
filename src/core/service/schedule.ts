import { hazard, type LogNormal, quantile, type TaskTiming } from './timeDistribution';

/** Never faster than once a second (per task here; per account in taskWatch.ts). */
export const MIN_POLL_MS = 1000;
/** The docs' suggested interval, and the slowest we poll once a task has run longer than most of its kind. */
export const LATE_POLL_CAP_MS = 15_000;
/** The slowest we poll while a finish is still unlikely: a task that ends far sooner than its kind is seen within this. */
const EARLY_POLL_CAP_MS = 30_000;
/** A queued task cannot finish before it has run: a few of its kind's shortest runs, within these bounds. */
const PENDING_POLL_MIN_MS = 2_000;
/**
 * The gap between polls at the learnt median, for a spread (σ) of 0.25 or less; a wider spread gets a little more
 * (∛ of the ratio), as each poll there tells less. Elsewhere the gap scales with 1/√hazard, which minimises the
 * expected detection delay plus a price per query; this constant picks the point on that curve (bench/poll.mjs).
 */
const GAP_AT_MEDIAN_MS = 3_000;
const NARROW_SIGMA = 0.25;
/** The SDK's steady gap: past the learnt p99 the learnt kind is not this task's kind, and we poll as if nothing were learnt. */
const UNLEARNT_GAP_MS = 5_000;

const SDK_EARLY_S = [1, 1, 2, 2, 2, 4, 4, 4];

/** The official SDKs' wait(): 1, 1, 2, 2, 2, 4, 4, 4, then 5 s after each unfinished answer. */
export function sdkDelayMs(attempt: number): number {
  return (SDK_EARLY_S[attempt] ?? 5) * 1000;
}

/** How many answers the SDK's wait() would have had `ms` after a submit (its polls at 0, 1, 2, 4, 6, 8, 12, 16, 20 s, …). */
function sdkAttemptsBy(ms: number): number {
  let at = 0;
  let attempt = 0;
  while (attempt < SDK_EARLY_S.length && at + sdkDelayMs(attempt) <= ms) at += sdkDelayMs(attempt++);
  return attempt;
}

/** Where a task stands after an unfinished answer. */
export interface PollState {
  /** The answer's task_status (PENDING, RUNNING, or another unfinished one). */
  status: string;
  /** How many unfinished answers came before this one (0 after the first). */
  attempt: number;
  /** How long ago the task was submitted, by our own clock; a resumed task is not polled as if new. */
  sinceSubmitMs?: number;
  /** How long it has been running, clocked from its scheduled_time; undefined while it is not known to run. */
  sinceScheduledMs?: number;
}

/**
 * The wait before the next query. Without a learnt timing it is the SDK's schedule, so a task with no history is
 * polled exactly as today (a resumed one from where the SDK would be by now). With one: sparse while queued (it cannot finish before it has run), then by the running
 * time's hazard — sparse while a finish is unlikely, dense around the learnt finish — never under a second, never
 * over 15 s once past the learnt p90, and as without history once past its p99.
 */
export function nextPollDelayMs(state: PollState, timing: TaskTiming | undefined): number {
  if (!timing) return sdkDelayMs(Math.max(state.attempt, sdkAttemptsBy(state.sinceSubmitMs ?? 0)));
  if (state.status === 'RUNNING' && state.sinceScheduledMs !== undefined) return runningGapMs(timing.running, Math.max(0, state.sinceScheduledMs));
  return Math.round(clamp(quantile(timing.running, 0.01) / 2, PENDING_POLL_MIN_MS, LATE_POLL_CAP_MS));
}

/** The gap after `elapsedMs` of running: the longest that stays within the hazard rule at the moment it ends. */
export function runningGapMs(running: LogNormal, elapsedMs: number): number {
  const p50 = quantile(running, 0.5);
  const p90 = quantile(running, 0.9);
  const p99 = quantile(running, 0.99);
  const atMedian = hazard(running, p50);
  const gapAtMedian = GAP_AT_MEDIAN_MS * Math.cbrt(Math.max(1, running.sigma / NARROW_SIGMA));
  const wanted = (at: number) => {
    const rate = hazard(running, at);
    return rate > 0 ? gapAtMedian * Math.sqrt(atMedian / rate) : Number.POSITIVE_INFINITY;
  };
  const cap = elapsedMs < p90 ? clamp(p50 / 4, LATE_POLL_CAP_MS, EARLY_POLL_CAP_MS) : LATE_POLL_CAP_MS;
  let gap: number;
  if (cap <= wanted(elapsedMs + cap)) gap = cap;
  else if (MIN_POLL_MS > wanted(elapsedMs + MIN_POLL_MS)) gap = MIN_POLL_MS;
  else {
    let low = MIN_POLL_MS;
    let high = cap;
    for (let step = 0; step < 30; step++) {
      const middle = (low + high) / 2;
      if (middle <= wanted(elapsedMs + middle)) low = middle;
      else high = middle;
    }
    gap = low;
  }
  if (elapsedMs > p99) gap = Math.max(gap, UNLEARNT_GAP_MS);
  return Math.round(clamp(gap, MIN_POLL_MS, cap));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
