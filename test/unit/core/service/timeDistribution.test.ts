import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionalQuantile, fitLogNormal, hazard, inverseNormal, quantile, survival, upperTail } from '../../../../src/core/service/timeDistribution';

const MEDIAN = 300_000;
const typical = { mu: Math.log(MEDIAN), sigma: 0.25 };

describe('a log-normal running time', () => {
  it('the normal quantile and tail agree with the tables and with each other', () => {
    assert.ok(Math.abs(inverseNormal(0.975) - 1.959964) < 1e-5);
    assert.ok(Math.abs(inverseNormal(0.5)) < 1e-9);
    assert.ok(Math.abs(inverseNormal(1e-6) + 4.753424) < 1e-4, 'the far lower tail');
    for (const z of [-3, -1, 0, 0.5, 2, 5]) assert.ok(Math.abs(inverseNormal(1 - upperTail(z)) - z) < 1e-4 || z === 5, `round trip at ${z}`);
    assert.ok(upperTail(8) > 0 && upperTail(8) < 1e-14, 'the tail keeps its relative accuracy far out');
  });

  it('quantiles: the median is e^mu, p90 lies above it by the spread, and survival inverts them', () => {
    assert.ok(Math.abs(quantile(typical, 0.5) - MEDIAN) < 1);
    const p90 = quantile(typical, 0.9);
    assert.ok(Math.abs(p90 / MEDIAN - Math.exp(0.25 * 1.28155)) < 1e-4);
    assert.ok(Math.abs(survival(typical, p90) - 0.1) < 1e-6);
    assert.equal(survival(typical, 0), 1);
  });

  it('the hazard is zero at the start, rises through the bulk, and stays finite in the far tail', () => {
    const at = (fraction: number) => hazard(typical, fraction * MEDIAN);
    assert.equal(hazard(typical, 0), 0);
    assert.ok(at(0.5) < at(1) && at(1) < at(1.3), 'a finish grows likelier as the task runs on');
    assert.ok(Number.isFinite(hazard(typical, 50 * MEDIAN)) && hazard(typical, 50 * MEDIAN) > 0);
  });

  it('given time already run, the remaining quantiles move later, never before now', () => {
    assert.ok(conditionalQuantile(typical, 0.5, 0) - MEDIAN < 1);
    const late = 1.4 * MEDIAN;
    assert.ok(conditionalQuantile(typical, 0.5, late) > late);
    assert.ok(conditionalQuantile(typical, 0.9, late) > conditionalQuantile(typical, 0.5, late));
    const far = 1000 * MEDIAN;
    assert.ok(conditionalQuantile(typical, 0.5, far) >= far && conditionalQuantile(typical, 0.5, far) < 1.01 * far, 'far past the tail: hardly any later');
    assert.equal(conditionalQuantile(typical, 0.5, 1e9 * MEDIAN), 1e9 * MEDIAN, 'past what the tail can express: no later time is claimed');
  });

  it('fitting: recovers a spread from many samples, keeps a prior spread with one, ignores what is not a duration', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const normal = () => Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
    const samples = Array.from({ length: 400 }, () => MEDIAN * Math.exp(0.25 * normal()));
    const fitted = fitLogNormal(samples);
    assert.ok(fitted);
    assert.ok(Math.abs(Math.exp(fitted.mu) / MEDIAN - 1) < 0.05 && Math.abs(fitted.sigma - 0.25) < 0.03, JSON.stringify(fitted));
    const one = fitLogNormal([MEDIAN]);
    assert.ok(one && one.sigma > 0.2, 'one take is not proof that every take runs alike');
    assert.equal(fitLogNormal([0, -5, Number.NaN, Number.POSITIVE_INFINITY]), undefined);
  });
});
