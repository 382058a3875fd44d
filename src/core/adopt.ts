import { WanError } from './errors';
import { continueJob, type JobDeps, type JobResult } from './job';
import { type JobRecord, JobRecordSchema } from './jobRecord';
import { findCreatedTask } from './submit';

/** A create is accepted within this long of being sent, or it was not accepted (the client timed out long before). */
const CREATE_ACCEPT_WINDOW_MS = 60_000;

/** Lookups and claims run one at a time, so two interrupted jobs of one model never adopt the same task. */
let claims: Promise<unknown> = Promise.resolve();

/**
 * Settles a job whose process stopped while its create was in flight: the task list says whether the service took
 * it. Found → the task is adopted and the job goes on to its video; not found → nothing was charged, and the job
 * ends saying so.
 */
export async function adoptInterruptedCreate(input: JobRecord, deps: JobDeps): Promise<JobResult> {
  const record = JobRecordSchema.parse(input);
  const sentAt = Date.parse(record.createSentAt ?? record.createdAt);
  const claim = claims.then(async () => {
    const taskId = await findCreatedTask(deps.client, record.wireModel, { from: sentAt, to: sentAt + CREATE_ACCEPT_WINDOW_MS }, deps);
    if (!taskId) return undefined;
    const adopted: JobRecord = { ...record, state: 'submitted', taskId, submittedAt: new Date(deps.clock.now()).toISOString() };
    // Emitted inside the claim: the host's live view of known task ids includes this one before the next lookup.
    deps.onEvent?.({ type: 'submitted', taskId, requestId: undefined, recovered: true });
    deps.onEvent?.({ type: 'record', record: adopted });
    return adopted;
  });
  claims = claim.catch(() => undefined);
  const adopted = await claim;
  if (!adopted) {
    throw new WanError({
      kind: 'aborted',
      summary: {
        en: 'Stopped while the task was being submitted, and the task list shows no task from it: nothing was charged. Generate again.',
        zh: '提交任务时被中断，任务列表中也没有对应的任务：未产生费用。请重新生成。',
      },
    });
  }
  return continueJob(adopted, deps);
}
