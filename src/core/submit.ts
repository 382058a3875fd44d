import { pause } from './abort';
import type { DashScopeClient } from './api/client';
import type { CreateBody } from './api/schemas';
import { backoffMs, type Clock } from './clock';
import { isWanError, type WanError } from './errors';
import type { ModelSpec } from './models';

export interface SubmitOptions {
  clock: Clock;
  signal?: AbortSignal;
  attempts?: number;
  random?: () => number;
  /** Task ids this process already owns, so a lookup never adopts a sibling job's task. */
  knownTaskIds?: ReadonlySet<string>;
  onRetry?: (error: WanError, delayMs: number) => void;
  onLookup?: (found: string | undefined) => void;
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
 * after the request went out, the task list for this model and time window says whether the task exists.
 */
export async function submitTask(client: DashScopeClient, spec: ModelSpec, body: CreateBody, options: SubmitOptions): Promise<Submitted> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const sentAt = options.clock.now();
    try {
      const response = await client.createTask(spec, body, { signal: options.signal });
      return { taskId: response.output.task_id, requestId: response.request_id, recovered: false };
    } catch (error) {
      if (!isWanError(error) || options.signal?.aborted) throw error;
      const answeredNo = error.status !== undefined && (error.status === 429 || error.status >= 500);
      const transport = error.kind === 'network' || error.kind === 'timeout';
      if (transport && !error.requestNotSent) {
        const found = await findCreatedTask(client, body.model, sentAt, options);
        options.onLookup?.(found);
        if (found) return { taskId: found, requestId: undefined, recovered: true };
      } else if (!(answeredNo && error.retryable) && !(transport && error.requestNotSent)) {
        throw error;
      }
      if (attempt >= attempts) throw error;
      const delay = Math.max(error.retryAfterMs ?? 0, backoffMs(attempt, 1000, 30_000, options.random));
      options.onRetry?.(error, delay);
      await pause(options.clock, delay, options.signal);
    }
  }
}

/**
 * Looks for a task of this model created since `sentAt` that this process does not already own. The list can lag
 * behind a create, so it is asked twice, a moment apart, before concluding that no task exists.
 */
async function findCreatedTask(client: DashScopeClient, model: string, sentAt: number, options: SubmitOptions): Promise<string | undefined> {
  const slackMs = 5_000;
  for (let look = 0; look < 2; look++) {
    if (look > 0) await pause(options.clock, 2_000, options.signal);
    let listed;
    try {
      listed = await client.listTasks(
        { modelName: model, startTime: new Date(sentAt - slackMs), endTime: new Date(options.clock.now() + slackMs), pageSize: 100 },
        { signal: options.signal },
      );
    } catch (error) {
      if (isWanError(error) && error.retryable && look === 0) continue;
      // Unknown outcome and no way to check: refuse to risk a second paid task.
      throw error;
    }
    const candidates = listed.data
      .filter((task) => !options.knownTaskIds?.has(task.task_id))
      .filter((task) => task.model_name === undefined || task.model_name === model)
      .filter((task) => task.gmt_create === undefined || task.gmt_create >= sentAt - slackMs)
      .sort((a, b) => (a.gmt_create ?? 0) - (b.gmt_create ?? 0));
    if (candidates[0]) return candidates[0].task_id;
  }
  return undefined;
}
