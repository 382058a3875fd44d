import type { JobStatus } from '../shared/jobStatus';
import type { JobView } from '../shared/protocol';

/** How a card looks for a status: on its way, or one of its ends (an unconfirmed create looks failed). */
export function cardLook(status: JobStatus): 'running' | 'saved' | 'failed' | 'canceled' | 'stopped' {
  switch (status) {
    case 'saved':
    case 'failed':
    case 'canceled':
    case 'stopped':
      return status;
    case 'unconfirmed':
      return 'failed';
    default:
      return 'running';
  }
}

/** How a take's slot looks: waiting here for the model's concurrency, on its way, or one of its ends. */
export type SlotLook = 'queued' | ReturnType<typeof cardLook>;

export function slotLook(status: JobStatus): SlotLook {
  return status === 'waiting-for-slot' ? 'queued' : cardLook(status);
}

/** How many slots are in each state, in the order the summary names them (states with none left out). */
export function slotCounts(jobs: readonly Pick<JobView, 'status'>[]): Array<[SlotLook, number]> {
  const order: SlotLook[] = ['saved', 'running', 'queued', 'failed', 'stopped', 'canceled'];
  const counts = new Map<SlotLook, number>();
  for (const job of jobs) counts.set(slotLook(job.status), (counts.get(slotLook(job.status)) ?? 0) + 1);
  return order.flatMap((look) => (counts.get(look) ? [[look, counts.get(look) as number] as [SlotLook, number]] : []));
}

/** Whether "retry failed" has something to do: a take that ended without its video and that Retry can help. */
export function hasRetryable(jobs: readonly Pick<JobView, 'status' | 'canRetry'>[]): boolean {
  return jobs.some((job) => job.canRetry && ['failed', 'stopped'].includes(slotLook(job.status)));
}
