import { pause } from './abort';
import { backoffMs, type Clock } from '../base/clock';
import { isWanError, type WanError } from '../errors/wanError';

export interface RetryOptions {
  clock: Clock;
  signal?: AbortSignal;
  attempts: number;
  baseMs?: number;
  capMs?: number;
  random?: () => number;
  /** Whether this failure may be retried; by default the error's own `retryable`. */
  shouldRetry?: (error: WanError) => boolean;
  onRetry?: (error: WanError, delayMs: number, attempt: number) => void;
}

/** Runs `operation` until it succeeds, fails for good, or runs out of attempts; honours Retry-After. */
/** The longest Retry-After honoured before an attempt again. */
export const MAX_RETRY_AFTER_MS = 120_000;

export async function withRetries<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isWanError(error) || options.signal?.aborted) throw error;
      const retry = options.shouldRetry ? options.shouldRetry(error) : error.retryable;
      if (!retry || attempt >= options.attempts) throw error;
      // A server's Retry-After is honoured up to a bound: a day-long wait is a stop, not a pause.
      const asked = Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS);
      const delay = Math.max(asked, backoffMs(attempt, options.baseMs, options.capMs, options.random));
      options.onRetry?.(error, delay, attempt);
      await pause(options.clock, delay, options.signal);
    }
  }
}
