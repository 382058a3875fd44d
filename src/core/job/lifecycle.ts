import type { WanError } from '../errors/wanError';
import { storeError } from '../errors/storedError';
import type { JobRecord } from './jobRecord';
import type { EndStatus, JobStatus } from '../../shared/jobStatus';

/*
 * How a job's life moves (the statuses are in states.ts): the only writer of an end is settle(); the only way back
 * from an end is reopen().
 */

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
 * accepted the user's cancel), a stop (the wait was aborted while a task exists: resumable by Retry), a create whose
 * fate is unknown, or a failure.
 */
export function settle(record: JobRecord, ending: Ending): Settled {
  const { error } = ending;
  const ended = (status: Settled['status'], shown: WanError | undefined): Settled => ({ status, record: { ...record, status, error: storeError(error) }, error: shown });
  if (error.kind === 'canceled' || ending.canceledOnService) return ended('canceled', undefined);
  if (error.kind === 'aborted' && record.taskId) return ended('stopped', error);
  return ended(error.kind === 'unconfirmed' ? 'unconfirmed' : 'failed', error);
}

/**
 * Whether Retry (or Retry Download) can help: the job reached the service (it has a task id) and either the user
 * stopped waiting, or it failed in a way that the same task can get past (polling again, downloading again).
 */
export function canRetry(record: Pick<JobRecord, 'taskId' | 'status'>, error: WanError | undefined): boolean {
  if (!record.taskId) return false;
  return record.status === 'stopped' || (record.status === 'failed' && (error?.retryable ?? false));
}

/** A stopped or failed job made live again to finish its task (poll again, then download), maybe to another place. */
export function reopen(record: JobRecord, saveAs?: { outputDir: string; baseName: string }): JobRecord {
  return { ...record, ...saveAs, status: 'pending', error: undefined };
}

/** The status a task's state on the service means for the job. */
export function statusOfTask(taskStatus: string): JobStatus | undefined {
  if (taskStatus === 'PENDING') return 'pending';
  if (taskStatus === 'RUNNING') return 'running';
  return undefined;
}
