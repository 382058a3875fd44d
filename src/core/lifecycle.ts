import type { WanError } from './errors';
import type { JobRecord } from './jobRecord';
import { storeError } from './storedError';

/*
 * A job's life, in one place. No zod and no vscode: the small extension entry reads `awaitsResume` at start-up, and
 * the core, the host, the panel and the CLI all speak `JobStatus`.
 *
 *   waiting-for-slot ─▶ preparing ─▶ uploading ─▶ submitting ─▶ pending ─▶ running ─▶ downloading ─▶ saving ─▶ saved
 *         │                 (any step: settle() decides the end)                           │
 *         └──────────────────────────────▶ failed · canceled · stopped · unconfirmed ◀────┘
 *
 * JobManager (host) moves a job through the statuses from the core's events; settle() is the only writer of an end.
 */

/** Where a stored record is; what another window resumes from. */
export const JOB_STATES = ['preparing', 'submitting', 'submitted', 'downloading', 'saved', 'failed', 'canceled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States in which a stored job is still on its way. */
export const UNFINISHED_JOB_STATES: readonly JobState[] = ['preparing', 'submitting', 'submitted', 'downloading'];

/** Where a job is, from the click to its end. */
export const JOB_STATUSES = [
  'waiting-for-slot',
  'preparing',
  'uploading',
  'submitting',
  'pending',
  'running',
  'downloading',
  'saving',
  'saved',
  'failed',
  'canceled',
  'stopped',
  'unconfirmed',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type EndStatus = Extract<JobStatus, 'saved' | 'failed' | 'canceled' | 'stopped' | 'unconfirmed'>;
const ENDS: readonly JobStatus[] = ['saved', 'failed', 'canceled', 'stopped', 'unconfirmed'];

export function isEnded(status: JobStatus): status is EndStatus {
  return ENDS.includes(status);
}

/** Still to be waited for: queued locally or on its way. */
export function isActive(status: JobStatus): boolean {
  return !isEnded(status);
}

/**
 * Whether a stored record is a job a new window must pick up: on its way, and not paused by its user. Takes the
 * record unparsed too, so the small entry bundle can ask at activation without zod.
 */
export function awaitsResume(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const { state, paused } = record as { state?: unknown; paused?: unknown };
  return (UNFINISHED_JOB_STATES as readonly unknown[]).includes(state) && !paused;
}

/** How far along a record in `state` is; of two copies of one job, the further one is the truth. Every end ranks alike. */
export function progressOf(state: JobState): number {
  return Math.min(JOB_STATES.indexOf(state), JOB_STATES.indexOf('saved'));
}

/** What happened to a job that ended without its video: the error it stopped on, and what the user had asked. */
export interface Ending {
  error: WanError;
  /** The service accepted the user's cancel before the job's wait was stopped. */
  canceledOnService?: boolean;
}

export interface Settled {
  status: Exclude<EndStatus, 'saved'>;
  record: JobRecord;
  /** What to show: none for a cancel the user asked for. */
  error: WanError | undefined;
}

/**
 * The end of a job that did not save, decided once, from what happened: a cancel (the service said CANCELED, or
 * accepted the user's cancel), a stop (the wait was aborted while a task exists: it stays resumable, paused), a
 * create whose fate is unknown, or a failure. The only writer of end states.
 */
export function settle(record: JobRecord, ending: Ending): Settled {
  const { error } = ending;
  if (error.kind === 'canceled' || ending.canceledOnService) {
    return { status: 'canceled', record: { ...record, state: 'canceled', error: storeError(error) }, error: undefined };
  }
  if (error.kind === 'aborted' && record.taskId) {
    return { status: 'stopped', record: { ...record, paused: true }, error };
  }
  const status = error.kind === 'unconfirmed' ? 'unconfirmed' : 'failed';
  return { status, record: { ...record, state: 'failed', error: storeError(error) }, error };
}

/**
 * Whether Retry (or Retry Download) can help: the job reached the service (it has a task id) and either the user
 * stopped waiting, or it failed in a way that the same task can get past (polling again, downloading again).
 */
export function canRetry(status: JobStatus, record: Pick<JobRecord, 'taskId'>, error: WanError | undefined): boolean {
  if (!record.taskId) return false;
  return status === 'stopped' || (status === 'failed' && (error?.retryable ?? false));
}

/** The status a task's state on the service means for the job. */
export function statusOfTask(taskStatus: string): JobStatus | undefined {
  if (taskStatus === 'PENDING') return 'pending';
  if (taskStatus === 'RUNNING') return 'running';
  return undefined;
}
