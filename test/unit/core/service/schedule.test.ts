import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LATE_POLL_CAP_MS, MIN_POLL_MS, nextPollDelayMs, runningGapMs, sdkDelayMs } from '../../../../src/core/service/schedule';
import { quantile, type TaskTiming } from '../../../../src/core/service/timeDistribution';

const MEDIAN = 300_000;
const timing: TaskTiming = { running: { mu: Math.log(MEDIAN), sigma: 0.25 }, samples: 20, level: 'kind' };
const p90 = quantile(timing.running, 0.9);
const p99 = quantile(timing.running, 0.99);

/** The moments a task running for ever would be polled at, from its start, up to `untilMs`. */
function pollTimes(untilMs: number): number[] {
  const times = [0];
  while ((times.at(-1) as number) < untilMs) {
    const at = times.at(-1) as number;
    times.push(at + nextPollDelayMs({ status: 'RUNNING', attempt: times.length - 1, sinceScheduledMs: at }, timing));
  }
  return times;
}

describe('the poll schedule', () => {
  it('with nothing learnt it is the SDK\'s wait(): 1, 1, 2, 2, 2, 4, 4, 4, then 5 s, whatever the state', () => {
    const sdk = [1, 1, 2, 2, 2, 4, 4, 4, 5, 5, 5].map((s) => s * 1000);
    for (const status of ['PENDING', 'RUNNING']) {
      assert.deepEqual(sdk.map((_, attempt) => nextPollDelayMs({ status, attempt, sinceScheduledMs: status === 'RUNNING' ? attempt * 3000 : undefined }, undefined)), sdk);
    }
    assert.deepEqual(sdk.map((_, attempt) => sdkDelayMs(attempt)), sdk);
    const fresh = sdk.map((_, attempt) => nextPollDelayMs({ status: 'RUNNING', attempt, sinceSubmitMs: [0, 1, 2, 4, 6, 8, 12, 16, 20, 25, 30][attempt] as number + 150 }, undefined));
    assert.deepEqual(fresh, sdk, 'a task polled since its submit: the same schedule');
    assert.equal(nextPollDelayMs({ status: 'RUNNING', attempt: 0, sinceSubmitMs: 240_000 }, undefined), 5_000, 'resumed four minutes in: no new ramp of 1 s polls');
  });

  it('learnt: sparse before the learnt finish, dense around it', () => {
    const times = pollTimes(p90);
    const inWindow = (from: number, to: number) => times.filter((at) => at >= from && at < to).length;
    const early = inWindow(0, 0.5 * MEDIAN);
    const around = inWindow(0.85 * MEDIAN, 1.15 * MEDIAN);
    assert.ok(around > 4 * early, `${around} polls in the 90 s around the median, ${early} in the first 150 s`);
    const gapAtMedian = runningGapMs(timing.running, MEDIAN);
    assert.ok(gapAtMedian >= MIN_POLL_MS && gapAtMedian <= 5_000, `${gapAtMedian} ms at the median`);
    assert.ok(runningGapMs(timing.running, 0) >= 15_000, 'the first wait after the start is long');
  });

  it('never faster than a second; past the learnt p90 never slower than 15 s; past p99 as with nothing learnt', () => {
    for (let at = 0; at < 4 * MEDIAN; at += 7_000) {
      const gap = runningGapMs(timing.running, at);
      assert.ok(gap >= MIN_POLL_MS, `${gap} at ${at}`);
      if (at > p90) assert.ok(gap <= LATE_POLL_CAP_MS, `${gap} at ${at}`);
    }
    assert.ok(runningGapMs(timing.running, p90) < 5_000, 'dense just past p90');
    for (const at of [p99 + 1_000, 2 * MEDIAN, 5 * MEDIAN]) assert.equal(runningGapMs(timing.running, at), sdkDelayMs(99), 'far past every task of its kind: the kind is not this task\'s, so the SDK\'s steady 5 s');
  });

  it('learnt, while queued: sparse (it cannot finish before it has run), within 2–15 s', () => {
    const gap = nextPollDelayMs({ status: 'PENDING', attempt: 0 }, timing);
    assert.equal(gap, LATE_POLL_CAP_MS);
    const quick: TaskTiming = { running: { mu: Math.log(6_000), sigma: 0.25 }, samples: 5, level: 'kind' };
    const quickGap = nextPollDelayMs({ status: 'PENDING', attempt: 0 }, quick);
    assert.ok(quickGap >= 2_000 && quickGap < 6_000 * 0.6, `${quickGap} for a kind that runs 6 s`);
    assert.equal(nextPollDelayMs({ status: 'RUNNING', attempt: 3 }, timing), LATE_POLL_CAP_MS, 'running but not yet placed in time: as while queued');
  });
});
