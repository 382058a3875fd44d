import { pause } from './abort';
import type { TaskCreator } from './api/client';
import type { CreateBody } from './api/schemas';
import type { Clock } from './clock';
import { SERVICE_SUMMARIES } from './api/serviceErrors';
import { isWanError, WanError } from './errors';
import { withRetries } from './retry';
import type { ModelSpec } from './models';

/** Asked at the moment of each lookup, so a live view of the jobs sees a task a sibling job adopted a moment ago. */
export interface KnownTaskIds {
  has(taskId: string): boolean;
}

export interface SubmitOptions {
  clock: Clock;
  signal?: AbortSignal;
  attempts?: number;
  random?: () => number;
  /** Task ids this process already owns, so a lookup never adopts a sibling job's task. */
  knownTaskIds?: KnownTaskIds;
  onRetry?: (error: WanError, delayMs: number) => void;
}

export interface Submitted {
  taskId: string;
  requestId: string | undefined;
  /** True when the create's answer was lost and the task was found through the task list instead. */
  recovered: boolean;
}

/**
 * Waits between looks at the task list after a create's answer was lost. The list can lag behind a create, and a
 * create can still be in the service's hands when our timeout fires, so the looks span about twenty seconds.
 */
export const LOOKUP_PAUSES_MS: readonly number[] = [0, 2_000, 3_000, 5_000, 10_000];

/**
 * Creates the task exactly once. A create is sent again only when the first provably was not accepted: the
 * connection failed before the request was written, or the service answered 429/5xx. When the answer is lost
 * after the request went out, the task list for this model and time window says whether the task exists; when
 * it still shows none, the job stops with an `unconfirmed` error instead of risking a second paid task.
 */
export async function submitTask(client: TaskCreator, spec: ModelSpec, body: CreateBody, options: SubmitOptions): Promise<Submitted> {
  return withRetries(
    async () => {
      const sentAt = options.clock.now();
      try {
        const response = await client.createTask(spec, body, { signal: options.signal });
        return { taskId: response.output.task_id, requestId: response.request_id, recovered: false };
      } catch (error) {
        if (!isWanError(error) || options.signal?.aborted || !mayHaveBeenAccepted(error)) throw error;
        const found = await findCreatedTask(client, body.model, { from: sentAt }, options);
        if (found) return { taskId: found, requestId: undefined, recovered: true };
        throw new WanError({ kind: 'unconfirmed', summary: SERVICE_SUMMARIES.unconfirmed, retryable: false, cause: error });
      }
    },
    {
      clock: options.clock,
      signal: options.signal,
      attempts: options.attempts ?? 5,
      baseMs: 1000,
      capMs: 30_000,
      random: options.random,
      shouldRetry: provablyNotAccepted,
      onRetry: options.onRetry,
    },
  );
}

/** The request went out and its answer was lost, or came as a 2xx that could not be read: the task may exist. */
function mayHaveBeenAccepted(error: WanError): boolean {
  const transport = error.kind === 'network' || error.kind === 'timeout';
  return (transport && !error.requestNotSent) || (error.status !== undefined && error.status < 300);
}

/** Sending again is safe only when the service said no (429, 5xx) or the request never left this machine. */
function provablyNotAccepted(error: WanError): boolean {
  const answeredNo = error.status !== undefined && (error.status === 429 || error.status >= 500) && error.retryable;
  const notSent = (error.kind === 'network' || error.kind === 'timeout') && error.requestNotSent;
  return answeredNo || notSent;
}

/** How far around the moment a create was sent its task's creation time may lie (clocks and queues differ). */
const SLACK_MS = 5_000;

export interface LookupOptions {
  clock: Clock;
  signal?: AbortSignal;
  knownTaskIds?: KnownTaskIds;
}

/**
 * Looks for a task of this model created from `window.from` (and up to `window.to`, else until now) that this
 * process does not already own, at each of LOOKUP_PAUSES_MS. The earliest such task is the one.
 */
export async function findCreatedTask(client: Pick<TaskCreator, 'listTasks'>, model: string, window: { from: number; to?: number }, options: LookupOptions): Promise<string | undefined> {
  for (const [look, pauseMs] of LOOKUP_PAUSES_MS.entries()) {
    if (pauseMs > 0) await pause(options.clock, pauseMs, options.signal);
    const to = (window.to ?? options.clock.now()) + SLACK_MS;
    let listed;
    try {
      listed = await client.listTasks({ modelName: model, startTime: new Date(window.from - SLACK_MS), endTime: new Date(to), pageSize: 100 }, { signal: options.signal });
    } catch (error) {
      if (isWanError(error) && error.retryable && look < LOOKUP_PAUSES_MS.length - 1) continue;
      // Unknown outcome and no way to check: refuse to risk a second paid task.
      throw error;
    }
    const candidates = listed.data
      .filter((task) => !options.knownTaskIds?.has(task.task_id))
      .filter((task) => task.model_name === undefined || task.model_name === model)
      .filter((task) => task.gmt_create === undefined || (task.gmt_create >= window.from - SLACK_MS && task.gmt_create <= to))
      .sort((a, b) => (a.gmt_create ?? 0) - (b.gmt_create ?? 0));
    if (candidates[0]) return candidates[0].task_id;
  }
  return undefined;
}
