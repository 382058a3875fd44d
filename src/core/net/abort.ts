import { KIND_SUMMARIES } from '../errors/summaries';
import type { Clock } from '../base/clock';
import { isWanError, WanError } from '../errors/wanError';

export function abortedError(taskId?: string): WanError {
  return new WanError({ kind: 'aborted', summary: KIND_SUMMARIES.aborted, taskId });
}

/** Waits on the clock; a cancellation becomes the typed `aborted` error whatever the signal's reason was. */
export async function pause(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await clock.sleep(ms, signal);
  } catch (error) {
    if (signal?.aborted) throw abortedError();
    throw isWanError(error) ? error : abortedError();
  }
}
