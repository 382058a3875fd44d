import type { Clock } from '../base/clock';
import { isWanError } from '../errors/wanError';
import { pause } from '../net/abort';
import type { TaskCreator } from './client';

/** Asked at the moment of each lookup, so a live view of the jobs sees a task a sibling job adopted a moment ago. */
export interface KnownTaskIds {
  has(taskId: string): boolean;
}

/**
 * Waits between looks at the task list after a create's answer was lost. The list can lag behind a create, and a
 * create can still be in the service's hands when our timeout fires, so the looks span about twenty seconds.
 */
export const LOOKUP_PAUSES_MS: readonly number[] = [0, 2_000, 3_000, 5_000, 10_000];

/** How far around the moment a create was sent its task's creation time may lie (clocks and queues differ). */
const SLACK_MS = 5_000;

export interface LookupOptions {
  clock: Clock;
  signal?: AbortSignal;
  /** Task ids that are not this create's: its siblings' (answered or adopted), other jobs' of this process. */
  notOurs?: KnownTaskIds;
}

/**
 * Looks for a task of this model created from `window.from` (and up to `window.to`, else until now) that is not
 * someone else's of ours, at each of LOOKUP_PAUSES_MS. The earliest such task is the one. Called only while the
 * model's create gate is held, so no sibling create is in the window.
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
      .filter((task) => !options.notOurs?.has(task.task_id))
      .filter((task) => task.model_name === undefined || task.model_name === model)
      // A task the list gives no creation time cannot be placed in the window: never this create's.
      .filter((task) => task.gmt_create !== undefined && task.gmt_create >= window.from - SLACK_MS && task.gmt_create <= to)
      .sort((a, b) => (a.gmt_create ?? 0) - (b.gmt_create ?? 0));
    if (candidates[0]) return candidates[0].task_id;
  }
  return undefined;
}
