import type { TaskTimes } from './taskTimes';
import { conditionalQuantile, quantile, type TaskTiming, type TimingLevel } from './timeDistribution';

/** What a progress display shows of a live task: time queued apart from time running, and an estimate only with a basis. */
export interface Eta {
  phase: 'queued' | 'running';
  /** Queued: for how long so far. Running: how long it waited before it started. Undefined when the service did not say. */
  queuedMs: number | undefined;
  /** Running: for how long so far (from scheduled_time). */
  runningMs: number | undefined;
  /** Undefined: "no estimate yet" — nothing learnt of this kind of task, or the task's own times are missing. */
  estimate: EtaEstimate | undefined;
}

export interface EtaEstimate {
  /** Until the video is ready: the median, and what 9 tasks in 10 of this kind beat, given how long this one has taken. */
  remainingMs: { p50: number; p90: number };
  /** It has waited or run longer than 9 tasks in 10 of its kind. */
  longerThanUsual: boolean;
  /** Whether the remaining time counts the rest of the queue (false: queued, and queue times of this kind are unknown). */
  includesQueue: boolean;
  samples: number;
  level: TimingLevel;
}

/** The ETA of a task whose last answer said `status`, at `now`; undefined for a task that has ended. */
export function estimateEta(status: string, times: TaskTimes, timing: TaskTiming | undefined, now: number): Eta | undefined {
  if (['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN'].includes(status)) return undefined;
  const since = (at: number | undefined) => (at === undefined ? undefined : Math.max(0, now - at));
  if (status === 'RUNNING') {
    const queuedMs = times.submittedAt !== undefined && times.scheduledAt !== undefined ? times.scheduledAt - times.submittedAt : undefined;
    const runningMs = since(times.scheduledAt);
    return { phase: 'running', queuedMs, runningMs, estimate: timing && runningMs !== undefined ? running(timing, runningMs) : undefined };
  }
  const queuedMs = since(times.submittedAt);
  return { phase: 'queued', queuedMs, runningMs: undefined, estimate: timing && queuedMs !== undefined ? queued(timing, queuedMs) : undefined };
}

function running(timing: TaskTiming, elapsedMs: number): EtaEstimate {
  const left = (p: number) => Math.round(conditionalQuantile(timing.running, p, elapsedMs) - elapsedMs);
  return {
    remainingMs: { p50: left(0.5), p90: left(0.9) },
    longerThanUsual: elapsedMs > quantile(timing.running, 0.9),
    includesQueue: true,
    samples: timing.samples,
    level: timing.level,
  };
}

function queued(timing: TaskTiming, elapsedMs: number): EtaEstimate {
  const queue = timing.queue;
  const queueLeft = (p: number) => (queue ? conditionalQuantile(queue, p, elapsedMs) - elapsedMs : 0);
  const total = (p: number) => Math.round(queueLeft(p) + quantile(timing.running, p));
  return {
    remainingMs: { p50: total(0.5), p90: total(0.9) },
    longerThanUsual: queue !== undefined && elapsedMs > quantile(queue, 0.9),
    includesQueue: queue !== undefined,
    samples: timing.samples,
    level: timing.level,
  };
}
