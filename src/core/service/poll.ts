import { pause } from '../net/abort';
import type { TaskSource } from './client';
import type { TaskQueryResponse } from './schemas';
import { serviceError } from './serviceErrors';
import { KIND_SUMMARIES } from '../errors/summaries';
import type { Clock } from '../base/clock';
import { isWanError, WanError } from '../errors/wanError';
import { withRetries } from '../net/retry';

/**
 * Seconds to wait before poll number `attempt` (0-based) after a non-terminal answer: the official SDKs' schedule
 * (1, 1, 2, 2, 2, 4, 4, 4, then 5 s), so a short task is seen as soon as with the SDK and a long one costs a
 * query every 5 s.
 */
export function pollDelayMs(attempt: number): number {
  const early = [1, 1, 2, 2, 2, 4, 4, 4];
  return (early[attempt] ?? 5) * 1000;
}

export interface PollOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Override the schedule (tests, or a later tuning). */
  delayMs?: (attempt: number) => number;
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
export async function pollTask(client: TaskSource, taskId: string, options: PollOptions): Promise<TaskQueryResponse> {
  const { clock, signal } = options;
  const started = clock.now();
  const delay = options.delayMs ?? pollDelayMs;
  const maxFailures = options.maxTransientFailures ?? 8;
  const deadline = started + (options.deadlineMs ?? THREE_HOURS_TEN);
  let attempt = 0;
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
    await pause(clock, delay(attempt++), signal);
  }
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
