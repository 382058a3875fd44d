import type { Dispatcher } from 'undici';
import { ROLE } from '../../../shared/mediaRoles';
import type { WanError } from '../../../core/errors/wanError';
import type { JobOptions, JobRecord } from '../../../core/job/jobRecord';
import type { JobStatus } from '../../../shared/jobStatus';
import type { DashScopeClient } from '../../../core/service/client';
import type { GenerationPlan } from '../../../core/inputs/request';
import type { TaskTimes } from '../../../core/service/taskTimes';
import type { TaskTiming } from '../../../core/service/timeDistribution';

/** A job as this window knows it: its record (whose `status` is the job's status) and what only the live view has. */
export interface LiveJob {
  id: string;
  title: string;
  record: JobRecord;
  /** The task's state as the service last said it (PENDING, RUNNING…). */
  taskStatus?: string;
  startedAt: number;
  error?: WanError;
  videoPath?: string;
  actualPrompt?: string;
  /** The service took the user's cancel: the abort that follows ends the job as canceled, not stopped. */
  cancelAccepted?: boolean;
  /** Picked up from a stored record (the panel says "Resuming" until the service answers). */
  resumed?: boolean;
  /** The task's times as its last answer said them (submitted, started running): the ETA's clock. */
  times?: TaskTimes;
  /** What was known of this kind of task at its last poll (timingModel.ts); none: "no estimate yet". */
  timing?: TaskTiming;
  /** A take of a batch: how many takes the batch has. */
  batchCount?: number;
  /** A batch take's plan, kept in this window so "retry failed" can make a take the service failed again. */
  again?: { plan: GenerationPlan; outputDir?: string };
}

export function statusOf(job: LiveJob): JobStatus {
  return job.record.status;
}

/** What a job is connected with: a client for its endpoint, and the options a new job starts with. */
export interface Connection {
  client: DashScopeClient;
  dispatcher: Dispatcher;
  options: JobOptions;
  region: string | undefined;
  close(): Promise<void>;
}

/** A job that reached its end: saved, or settled with the error to show (none for a cancel the user asked for). */
export interface Finished {
  job: LiveJob;
  error?: WanError;
}

export function titleOf(record: JobRecord): string {
  const first = record.inputs?.[ROLE.first] ?? record.inputs?.[ROLE.clip];
  const last = record.inputs?.[ROLE.last];
  return first ? (last ? `${first.name} → ${last.name}` : first.name) : (record.taskId ?? record.id);
}
