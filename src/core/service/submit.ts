import type { Clock } from '../base/clock';
import { KIND_SUMMARIES } from '../errors/summaries';
import { isWanError, WanError } from '../errors/wanError';
import { withRetries } from '../net/retry';
import type { ModelSpec } from '../catalog/models';
import type { TaskCreator } from './client';
import { CreateGate } from './createGate';
import type { CreateBody } from './schemas';
import { findCreatedTask, type KnownTaskIds } from './taskLookup';

export interface SubmitOptions {
  clock: Clock;
  /** The runner's create gate: one create of this model in flight at a time. */
  gate: CreateGate;
  signal?: AbortSignal;
  attempts?: number;
  random?: () => number;
  /** Task ids this process already owns (other jobs, resumed ones), so a lookup never adopts one of them. */
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
 * Creates the task exactly once. A create is sent again only when the first provably was not accepted: the
 * connection failed before the request was written, or the service answered 429/5xx. When the answer is lost
 * after the request went out, the task list for this model and time window says whether the task exists; when
 * it still shows none, the job stops with an `unconfirmed` error instead of risking a second paid task. The whole
 * exchange, lookup included, holds the model's create gate.
 */
export async function submitTask(client: TaskCreator & { baseUrl: string }, spec: ModelSpec, body: CreateBody, options: SubmitOptions): Promise<Submitted> {
  const gate = options.gate;
  const notOurs = { has: (taskId: string) => gate.owns(taskId) || (options.knownTaskIds?.has(taskId) ?? false) };
  return gate.exclusive(CreateGate.lane(client.baseUrl, body.model), () =>
    withRetries(
      async () => {
        const sentAt = options.clock.now();
        try {
          const response = await client.createTask(spec, body, { signal: options.signal });
          gate.claim(response.output.task_id);
          return { taskId: response.output.task_id, requestId: response.request_id, recovered: false };
        } catch (error) {
          if (!isWanError(error) || options.signal?.aborted || !mayHaveBeenAccepted(error)) throw error;
          const found = await findCreatedTask(client, body.model, { from: sentAt }, { clock: options.clock, signal: options.signal, notOurs });
          if (found) {
            gate.claim(found);
            return { taskId: found, requestId: undefined, recovered: true };
          }
          throw new WanError({ kind: 'unconfirmed', summary: KIND_SUMMARIES.unconfirmed, retryable: false, cause: error });
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
    ),
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
