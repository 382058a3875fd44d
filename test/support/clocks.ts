import { type Clock, systemClock } from '../../src/core/base/clock';

/** The real clock with every wait shortened by `scale`; the requested waits are kept for assertions. */
export function recordingClock(scale = 20): { clock: Clock; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => Date.now(),
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return systemClock.sleep(ms / scale, signal);
      },
    },
  };
}

/**
 * Time that passes only when something waits: each sleep returns at once and moves `now` on by what was asked, so
 * a schedule of minutes runs in microseconds and its waits can be read back exactly.
 */
export function virtualClock(start = Date.UTC(2026, 11, 1)): { clock: Clock; sleeps: number[]; now(): number } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    clock: {
      now: () => now,
      sleep: async (ms, signal) => {
        if (signal?.aborted) throw signal.reason;
        sleeps.push(ms);
        now += Math.max(0, ms);
        await Promise.resolve();
        if (signal?.aborted) throw signal.reason;
      },
    },
  };
}
