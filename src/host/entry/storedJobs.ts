import { awaitsResume } from '../../shared/jobStatus';

/** Where job records live: globalState (shared by windows) and a file mirror under the global storage folder. */
export const RECORDS_KEY = 'wanKeyframes.jobs.v1';
export const LEASES_KEY = 'wanKeyframes.jobLeases.v1';
export const JOBS_FILE = 'jobs.json';

/** A cheap look, without zod, at whether stored records hold a job still on its way (the engine parses fully). */
export function hasUnfinishedJobs(records: unknown): boolean {
  return Array.isArray(records) && records.some(awaitsResume);
}
