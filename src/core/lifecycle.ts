/** A job record's states, here without zod so the small extension entry can read them too. */
export const JOB_STATES = ['preparing', 'submitting', 'submitted', 'downloading', 'saved', 'failed', 'canceled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States in which a stored job is still on its way. */
export const UNFINISHED_JOB_STATES: readonly JobState[] = ['preparing', 'submitting', 'submitted', 'downloading'];

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
