import { WanError } from '../../../core/errors/wanError';
import type { JobRecord } from '../../../core/job/jobRecord';
import { awaitsResume } from '../../../shared/jobStatus';

const DAY_MS = 24 * 3600_000;

/**
 * What a new window does with a stored record: show it (history), end it (nothing to resume), or pick it up —
 * adopting the task of a create that was in flight, or polling a task it has.
 */
export type ResumeDecision =
  | { action: 'history' }
  | { action: 'end'; error: WanError }
  | { action: 'adopt' }
  | { action: 'continue' };

export function resumeDecision(record: JobRecord, now: number): ResumeDecision {
  if (!awaitsResume(record)) return { action: 'history' };
  const createInFlight = record.status === 'submitting' && !record.taskId;
  if (!record.taskId && !createInFlight) {
    // Stopped before any create was sent: nothing was charged and there is nothing to poll.
    return { action: 'end', error: new WanError({ kind: 'aborted', summary: { en: 'Interrupted before the task was submitted.', zh: '任务提交前被中断。' } }) };
  }
  if (now - Date.parse(record.createdAt) > DAY_MS) {
    return {
      action: 'end',
      error: new WanError({ kind: 'expired', summary: { en: 'This job is older than 24 hours; its task and video link have expired.', zh: '此任务已超过 24 小时，任务与视频链接均已过期。' }, taskId: record.taskId }),
    };
  }
  return createInFlight ? { action: 'adopt' } : { action: 'continue' };
}
