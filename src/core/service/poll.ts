import { pause } from '../net/abort';
import type { TaskSource } from './client';
import type { TaskQueryResponse } from './schemas';
import { nextPollDelayMs, type PollState, sdkDelayMs } from './schedule';
import { queriedTimes } from './taskTimes';
import type { TaskTiming } from './timeDistribution';
import { serviceError } from './serviceErrors';
import { KIND_SUMMARIES } from '../errors/summaries';
import type { Clock } from '../base/clock';
import { isWanError, WanError } from '../errors/wanError';
import { withRetries } from '../net/retry';

/**
 * The wait before poll number `attempt` (0-based) after a non-terminal answer when nothing is known of the task's
 * kind: the official SDKs' schedule (1, 1, 2, 2, 2, 4, 4, 4, then 5 s).
 */
export const pollDelayMs = sdkDelayMs;

/** A task source that may move a wait onto a moment it already plans to ask the service (taskWatch.ts: one list call for many tasks). */
export interface PollSource extends TaskSource {
  alignDelay?(taskId: string, delayMs: number): number;
}

export interface PollOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Override the schedule (tests): wins over `timing`, and the source does not move its waits. */
  delayMs?: (attempt: number) => number;
  /** What is known of this kind of task's queue and running times (job/timingModel.ts); none → the SDK's schedule. */
  timing?: TaskTiming;
  /** When the task was submitted, by this clock (a record's submittedAt): a resumed task's schedule goes on from there. */
  submittedAt?: number;
  /** Consecutive transient failures tolerated before giving up (the task stays resumable). */
  maxTransientFailures?: number;
  /** Stop waiting after this long; the service itself fails a task after 3 h. */
  deadlineMs?: number;
  random?: () => number;
  onUpdate?: (response: TaskQueryResponse) => void;
  onRetry?: (error: WanError, delayMs: number) => void;
}

const THREE_HOURS_TEN = (3 * 60 + 10) * 60_000;

/** Polls until the task is SUCCEEDED (returned) or ends otherwise (thrown as its specific WanError). */
export async function pollTask(client: PollSource, taskId: string, options: PollOptions): Promise<TaskQueryResponse> {
  const { clock, signal } = options;
  const started = clock.now();
  const maxFailures = options.maxTransientFailures ?? 8;
  const deadline = started + (options.deadlineMs ?? THREE_HOURS_TEN);
  let attempt = 0;
  let runningSeenAt: number | undefined;
  for (;;) {
    let response: TaskQueryResponse;
    try {
      // Consecutive transient failures only: each answer starts the count again.
      response = await withRetries(() => client.getTask(taskId, { signal }), {
        clock,
        signal,
        attempts: maxFailures + 1,
        baseMs: 1000,
        capMs: 30_000,
        random: options.random,
        onRetry: options.onRetry,
      });
    } catch (error) {
      throw isWanError(error) ? error.with({ taskId }) : error;
    }
    options.onUpdate?.(response);
    if (response.output.task_status === 'SUCCEEDED') return response;
    const ended = taskEndError(response, taskId);
    if (ended) throw ended;
    if (clock.now() >= deadline) {
      throw new WanError({
        kind: 'timeout',
        summary: { en: 'Stopped waiting for the task; it can be resumed by its task id.', zh: '已停止等待任务；可凭任务 ID 继续。' },
        taskId,
        retryable: true,
      });
    }
    const status = response.output.task_status;
    if (status === 'RUNNING') runningSeenAt ??= clock.now();
    const sinceSubmitMs = options.submittedAt === undefined ? undefined : clock.now() - options.submittedAt;
    await pause(clock, nextWaitMs(client, taskId, options, { status, attempt: attempt++, sinceSubmitMs, sinceScheduledMs: sinceScheduled(response, runningSeenAt, clock.now()) }), signal);
  }
}

function nextWaitMs(client: PollSource, taskId: string, options: PollOptions, state: PollState): number {
  if (options.delayMs) return options.delayMs(state.attempt);
  const wanted = nextPollDelayMs(state, options.timing);
  return client.alignDelay ? client.alignDelay(taskId, wanted) : wanted;
}

/**
 * How long a RUNNING task has run: from its scheduled_time, and at least since this poll first saw it running (a
 * service clock behind ours would otherwise make it younger than what we saw).
 */
function sinceScheduled(response: TaskQueryResponse, runningSeenAt: number | undefined, now: number): number | undefined {
  if (response.output.task_status !== 'RUNNING' || runningSeenAt === undefined) return undefined;
  const scheduledAt = queriedTimes(response.output, now).scheduledAt ?? runningSeenAt;
  return now - Math.min(scheduledAt, runningSeenAt);
}

/** The error a task's own end is: FAILED with the service's code, CANCELED, or UNKNOWN (expired); undefined otherwise. */
export function taskEndError(response: TaskQueryResponse, taskId: string): WanError | undefined {
  const output = response.output;
  const requestId = response.request_id;
  switch (output.task_status) {
    case 'FAILED':
      return serviceError({ code: output.code, message: output.message, requestId, taskId, fromTask: true }).with({ step: 'generation' });
    case 'CANCELED':
      return new WanError({ kind: 'canceled', step: 'generation', summary: KIND_SUMMARIES.canceled, requestId, taskId });
    case 'UNKNOWN':
      return new WanError({ kind: 'expired', step: 'generation', summary: KIND_SUMMARIES.expired, requestId, taskId });
    default:
      return undefined;
  }
}
