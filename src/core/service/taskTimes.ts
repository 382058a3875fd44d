import { parseBeijingTime } from '../base/serviceTime';
import type { ListedTask } from './schemas';

/** A task's moments as epoch ms: submitted, scheduled (started running), ended. */
export interface TaskTimes {
  submittedAt?: number;
  scheduledAt?: number;
  endedAt?: number;
}

/** How far past our own clock a service time may lie and still be read as a clock difference, not as a wrong time. */
export const FUTURE_SLACK_MS = 2 * 60_000;

/** The oldest time a task list can speak of: its window is at most a day, and tasks expire after one. */
const OLDEST_LISTED_MS = 2 * 24 * 3600_000;

/**
 * The times of a task query's answer (`YYYY-MM-DD HH:mm:ss.SSS`, UTC+8). A time that cannot be read, lies in the
 * future, or comes before the time it must follow is left out: no time is better than a wrong one.
 */
export function queriedTimes(output: { submit_time?: string; scheduled_time?: string; end_time?: string }, now: number): TaskTimes {
  return ordered({ submittedAt: parseBeijingTime(output.submit_time), scheduledAt: parseBeijingTime(output.scheduled_time), endedAt: parseBeijingTime(output.end_time) }, now);
}

/**
 * The times of a task in the task list (epoch ms: `gmt_create`, `start_time`, `end_time`). A PENDING task's
 * `start_time` is not a start. A number that is not a time of the last two days (seconds for ms, another clock) is
 * left out.
 */
export function listedTimes(task: ListedTask, now: number): TaskTimes {
  const recent = (value: number | undefined) => (value !== undefined && Number.isFinite(value) && value >= now - OLDEST_LISTED_MS ? value : undefined);
  return ordered({ submittedAt: recent(task.gmt_create), scheduledAt: task.status === 'PENDING' ? undefined : recent(task.start_time), endedAt: recent(task.end_time) }, now);
}

function ordered(times: TaskTimes, now: number): TaskTimes {
  const past = (value: number | undefined) => (value !== undefined && value <= now + FUTURE_SLACK_MS ? value : undefined);
  const submittedAt = past(times.submittedAt);
  let scheduledAt = past(times.scheduledAt);
  if (scheduledAt !== undefined && submittedAt !== undefined && scheduledAt < submittedAt) scheduledAt = undefined;
  let endedAt = past(times.endedAt);
  const before = scheduledAt ?? submittedAt;
  if (endedAt !== undefined && before !== undefined && endedAt < before) endedAt = undefined;
  return { ...(submittedAt !== undefined ? { submittedAt } : {}), ...(scheduledAt !== undefined ? { scheduledAt } : {}), ...(endedAt !== undefined ? { endedAt } : {}) };
}

/** `YYYY-MM-DD HH:mm:ss.SSS` in UTC+8, as a task query writes its times. */
export function beijingTimeText(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace('T', ' ').replace('Z', '');
}
