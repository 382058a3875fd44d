import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateEta } from '../../../../src/core/service/eta';
import { quantile, type TaskTiming } from '../../../../src/core/service/timeDistribution';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const MEDIAN = 300_000;
const timing: TaskTiming = { running: { mu: Math.log(MEDIAN), sigma: 0.25 }, queue: { mu: Math.log(20_000), sigma: 0.5 }, samples: 12, level: 'kind' };
const p90 = quantile(timing.running, 0.9);

describe('the ETA of a live task', () => {
  it('no basis, no number: "no estimate yet", with the time queued and running still shown', () => {
    const eta = estimateEta('RUNNING', { submittedAt: NOW - 100_000, scheduledAt: NOW - 60_000 }, undefined, NOW);
    assert.deepEqual(eta, { phase: 'running', queuedMs: 40_000, runningMs: 60_000, estimate: undefined });
    const unplaced = estimateEta('RUNNING', { submittedAt: NOW - 100_000 }, timing, NOW);
    assert.equal(unplaced?.estimate, undefined, 'running, but since when is unknown: no number either');
  });

  it('running: queued time apart from running time; remaining p50 and p90 from how long it has run', () => {
    const eta = estimateEta('RUNNING', { submittedAt: NOW - 130_000, scheduledAt: NOW - 100_000 }, timing, NOW);
    assert.ok(eta?.estimate);
    assert.equal(eta.queuedMs, 30_000);
    assert.equal(eta.runningMs, 100_000);
    const { p50, p90: late } = eta.estimate.remainingMs;
    assert.ok(Math.abs(p50 - (MEDIAN - 100_000)) < 10_000, `${p50}: about the median less what it has run`);
    assert.ok(late > p50);
    assert.equal(eta.estimate.longerThanUsual, false);
    assert.deepEqual([eta.estimate.samples, eta.estimate.level], [12, 'kind']);
  });

  it('past the learnt p90: "taking longer than usual", and the remaining time never goes below zero', () => {
    const eta = estimateEta('RUNNING', { scheduledAt: NOW - p90 - 30_000 }, timing, NOW);
    assert.ok(eta?.estimate);
    assert.equal(eta.estimate.longerThanUsual, true);
    assert.ok(eta.estimate.remainingMs.p50 >= 0 && eta.estimate.remainingMs.p90 >= eta.estimate.remainingMs.p50);
  });

  it('queued: the rest of the queue plus the run; without learnt queue times it says it does not count the queue', () => {
    const eta = estimateEta('PENDING', { submittedAt: NOW - 5_000 }, timing, NOW);
    assert.ok(eta?.estimate);
    assert.deepEqual([eta.phase, eta.queuedMs, eta.runningMs], ['queued', 5_000, undefined]);
    assert.ok(eta.estimate.remainingMs.p50 > MEDIAN && eta.estimate.includesQueue);
    const { queue: _queue, ...runningOnly } = timing;
    const unknownQueue = estimateEta('PENDING', { submittedAt: NOW - 5_000 }, runningOnly, NOW);
    assert.equal(unknownQueue?.estimate?.includesQueue, false);
    assert.equal(unknownQueue?.estimate?.longerThanUsual, false);
    const stuck = estimateEta('PENDING', { submittedAt: NOW - 10 * 60_000 }, timing, NOW);
    assert.equal(stuck?.estimate?.longerThanUsual, true, 'queued far longer than its kind usually is');
  });

  it('an ended task has no ETA', () => {
    for (const status of ['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']) assert.equal(estimateEta(status, {}, timing, NOW), undefined);
  });
});
