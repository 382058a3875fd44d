/*
 * A job's statuses, from the click to its end: the one vocabulary the core, the stored records, the host, the
 * webview protocol and the CLI's progress all speak. Imports nothing: the start-up bundle reads stored records with
 * these functions (no zod, no core), and core/job/lifecycle.ts moves a job between them.
 *
 *   waiting-for-slot ─▶ preparing ─▶ uploading ─▶ submitting ─▶ pending ─▶ running ─▶ downloading ─▶ saving ─▶ saved
 *         │                      (any step: lifecycle.ts settle() decides the end)                     │
 *         └──────────────────────────────▶ failed · canceled · stopped · unconfirmed ◀────────────────┘
 */

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

export const END_STATUSES = ['saved', 'failed', 'canceled', 'stopped', 'unconfirmed'] as const satisfies readonly JobStatus[];
export type EndStatus = (typeof END_STATUSES)[number];

export function isEnded(status: JobStatus): status is EndStatus {
  return (END_STATUSES as readonly JobStatus[]).includes(status);
}

/** Still to be waited for: queued locally or on its way. */
export function isActive(status: JobStatus): boolean {
  return !isEnded(status);
}

/** Where a version-1 record was (before records stored a JobStatus); read by the v1 upgrade and by `awaitsResume`. */
const V1_UNFINISHED = ['preparing', 'submitting', 'submitted', 'downloading'];

/**
 * Whether a stored record is a job a new window must pick up: on its way, and not stopped by its user. Takes the
 * record unparsed, either version, so the start-up bundle can ask at activation without zod.
 */
export function awaitsResume(record: unknown): boolean {
  if (typeof record !== 'object' || record === null) return false;
  const { version, status, state, paused } = record as { version?: unknown; status?: unknown; state?: unknown; paused?: unknown };
  if (version === 1) return V1_UNFINISHED.includes(state as string) && !paused;
  return (JOB_STATUSES as readonly unknown[]).includes(status) && !isEnded(status as JobStatus);
}

/** How far along a job in `status` is; of two copies of one record, the further one is the truth. Every end ranks alike. */
export function progressOf(status: JobStatus): number {
  return Math.min(JOB_STATUSES.indexOf(status), JOB_STATUSES.indexOf('saved'));
}
