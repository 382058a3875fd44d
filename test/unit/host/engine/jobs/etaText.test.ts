import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateEta } from '../../../../../src/core/service/eta';
import type { TaskTiming } from '../../../../../src/core/service/timeDistribution';
import { clockText, etaView } from '../../../../../src/host/engine/jobs/etaText';

const words = { left: '~{0} left', noEstimate: 'no estimate yet', late: 'taking longer than usual', queued: 'queued {0}', running: 'running {0}' };
const NOW = Date.UTC(2026, 11, 4, 4, 0, 0);
/** Running times around 100 s with a narrow spread, queue times around 10 s. */
const timing: TaskTiming = { running: { mu: Math.log(100_000), sigma: 0.2 }, queue: { mu: Math.log(10_000), sigma: 0.2 }, samples: 8, level: 'kind' };

describe('the ETA as the cards and the status bar say it', () => {
  it('clock text: m:ss, h:mm:ss past an hour, rounded up, never negative', () => {
    assert.equal(clockText(0), '0:00');
    assert.equal(clockText(100_000), '1:40');
    assert.equal(clockText(99_001), '1:40');
    assert.equal(clockText(3_725_000), '1:02:05');
    assert.equal(clockText(-5), '0:00');
  });

  it('running with a basis: "~p50 left", p50 and p90 and the time queued apart in the detail', () => {
    const eta = estimateEta('RUNNING', { submittedAt: NOW - 42_000, scheduledAt: NOW - 30_000 }, timing, NOW);
    const view = etaView(eta, words);
    assert.ok(view && eta?.estimate);
    assert.equal(view.text, `~${clockText(eta.estimate.remainingMs.p50)} left`);
    assert.match(view.detail, /^p50 \d+:\d\d · p90 \d+:\d\d · queued 0:12 · running 0:30$/);
    assert.equal(view.late, false);
  });

  it('past the p90 of its kind: "taking longer than usual", marked late, p50/p90 still in the detail', () => {
    const view = etaView(estimateEta('RUNNING', { submittedAt: NOW - 400_000, scheduledAt: NOW - 390_000 }, timing, NOW), words);
    assert.equal(view?.text, 'taking longer than usual');
    assert.equal(view?.late, true);
    assert.match(view?.detail ?? '', /^p50 .* · p90 .*/);
  });

  it('no basis (nothing learnt, or no times): "no estimate yet" and no number but the times seen', () => {
    const view = etaView(estimateEta('PENDING', { submittedAt: NOW - 12_000 }, undefined, NOW), words);
    assert.deepEqual(view, { text: 'no estimate yet', detail: 'queued 0:12', late: false });
    const timeless = etaView(estimateEta('RUNNING', {}, timing, NOW), words);
    assert.deepEqual(timeless, { text: 'no estimate yet', detail: '', late: false });
  });

  it('queued with a basis counts the rest of the queue and the run', () => {
    const eta = estimateEta('PENDING', { submittedAt: NOW - 5_000 }, timing, NOW);
    const view = etaView(eta, words);
    assert.ok(eta?.estimate && view);
    assert.ok(eta.estimate.remainingMs.p50 > 100_000, 'more than a run alone');
    assert.equal(view.text, `~${clockText(eta.estimate.remainingMs.p50)} left`);
  });

  it('an ended task has none', () => {
    assert.equal(etaView(estimateEta('SUCCEEDED', {}, timing, NOW), words), undefined);
  });
});
