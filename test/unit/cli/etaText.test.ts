import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clockText, etaText } from '../../../src/cli/etaText';
import type { Eta } from '../../../src/core/service/eta';

const estimate = (p50: number, longerThanUsual = false) => ({ remainingMs: { p50, p90: p50 * 2 }, longerThanUsual, includesQueue: true, samples: 5, level: 'kind' as const });

describe('etaText: the time left on the progress line', () => {
  it('m:ss, and h:mm:ss past an hour', () => {
    assert.equal(clockText(100_000), '1:40');
    assert.equal(clockText(4_000), '0:04');
    assert.equal(clockText(3_725_000), '1:02:05');
    assert.equal(clockText(-5), '0:00');
  });

  it('running with a basis: "~1:40 left"; past p90: "taking longer than usual"; no basis: "no estimate yet"', () => {
    const running = (value: Eta['estimate']): Eta => ({ phase: 'running', queuedMs: 2000, runningMs: 5000, estimate: value });
    assert.equal(etaText(running(estimate(100_000)), false), '~1:40 left');
    assert.equal(etaText(running(estimate(20_000, true)), false), '~0:20 left · taking longer than usual');
    assert.equal(etaText(running(estimate(200, true)), false), 'taking longer than usual', 'never "~0:00 left"');
    assert.equal(etaText(running(undefined), false), 'no estimate yet');
    assert.equal(etaText(running(estimate(100_000)), true), '约剩 1:40');
    assert.equal(etaText(undefined, false), undefined, 'an ended task says nothing');
  });

  it('queued: the time queued so far, apart', () => {
    assert.equal(etaText({ phase: 'queued', queuedMs: 65_000, runningMs: undefined, estimate: undefined }, false), 'queued 1:05 · no estimate yet');
  });
});
