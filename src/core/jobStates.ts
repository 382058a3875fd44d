/** A job record's states, here without zod so the small extension entry can read them too. */
export const JOB_STATES = ['preparing', 'submitting', 'submitted', 'downloading', 'saved', 'failed', 'canceled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States in which a stored job is still on its way, so a new window must pick it up. */
export const UNFINISHED_JOB_STATES: readonly JobState[] = ['preparing', 'submitting', 'submitted', 'downloading'];

export function isUnfinished(state: string | undefined): boolean {
  return (UNFINISHED_JOB_STATES as readonly string[]).includes(state ?? '');
}

/** How far along a record in `state` is; of two copies of one job, the further one is the truth. Every end ranks alike. */
export function progressOf(state: JobState): number {
  return Math.min(JOB_STATES.indexOf(state), JOB_STATES.indexOf('saved'));
}
