import { WanError } from '../errors/wanError';
import { CreateGate } from '../service/createGate';
import { findCreatedTask } from '../service/taskLookup';
import { continueJob } from './job';
import type { JobDeps, JobResult } from './jobDeps';
import { type JobRecord, JobRecordSchema } from './jobRecord';

/** A create is accepted within this long of being sent, or it was not accepted (the client timed out long before). */
const CREATE_ACCEPT_WINDOW_MS = 60_000;

/**
 * Settles a job whose process stopped while its create was in flight: the task list says whether the service took
 * it. Found → the task is adopted and the job goes on to its video; not found → nothing was charged, and the job
 * ends saying so. The lookup holds the model's create gate, so it never races a live create or another adoption.
 */
export async function adoptInterruptedCreate(input: JobRecord, deps: JobDeps): Promise<JobResult> {
  const record = JobRecordSchema.parse(input);
  const sentAt = Date.parse(record.createSentAt ?? record.createdAt);
  const gate = deps.gate;
  const notOurs = { has: (taskId: string) => gate.owns(taskId) || (deps.knownTaskIds?.has(taskId) ?? false) };
  const adopted = await gate.exclusive(CreateGate.lane(deps.client.baseUrl, record.wireModel), async () => {
    const taskId = await findCreatedTask(deps.client, record.wireModel, { from: sentAt, to: sentAt + CREATE_ACCEPT_WINDOW_MS }, { clock: deps.clock, signal: deps.signal, notOurs });
    if (!taskId) return undefined;
    gate.claim(taskId);
    const found: JobRecord = { ...record, status: 'pending', taskId, submittedAt: new Date(deps.clock.now()).toISOString() };
    deps.onEvent?.({ type: 'submitted', taskId, requestId: undefined, recovered: true });
    deps.onEvent?.({ type: 'record', record: found });
    await deps.keepRecord?.(found);
    return found;
  });
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
