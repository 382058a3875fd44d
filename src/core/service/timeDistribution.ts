/**
 * How long a kind of task takes, as a log-normal distribution of milliseconds: running times are positive and skewed
 * to the right, and a log-normal fitted from a handful of takes gives a usable p90 where an empirical quantile of
 * five values would not.
 */
export interface LogNormal {
  /** Mean of ln(ms). */
  mu: number;
  /** Standard deviation of ln(ms). */
  sigma: number;
}

/** Which of the learnt samples an estimate rests on, from the closest kind of task to the loosest. */
export type TimingLevel = 'kind' | 'kind-any-region' | 'model' | 'model-any-region';

/** What is known of a kind of task: its running time (scheduled → end) and, when known, its time queued (submit → scheduled). */
export interface TaskTiming {
  running: LogNormal;
  queue?: LogNormal;
  /** How many finished tasks the running time was learnt from. */
  samples: number;
  level: TimingLevel;
}

/** A sigma assumed before any spread is seen, and how many samples' worth of weight it keeps (a few takes alike are not proof of no spread). */
const PRIOR_SIGMA = 0.35;
const PRIOR_WEIGHT = 2;
const MIN_SIGMA = 0.05;

/** Fits a log-normal to positive durations (ms); undefined without any. The spread is pulled towards PRIOR_SIGMA while samples are few. */
export function fitLogNormal(values: readonly number[]): LogNormal | undefined {
  const logs = values.filter((value) => Number.isFinite(value) && value > 0).map(Math.log);
  if (logs.length === 0) return undefined;
  const mu = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  const squares = logs.reduce((sum, value) => sum + (value - mu) ** 2, 0);
  const sigma = Math.sqrt((PRIOR_WEIGHT * PRIOR_SIGMA ** 2 + squares) / (PRIOR_WEIGHT + logs.length - 1));
  return { mu, sigma: Math.max(MIN_SIGMA, sigma) };
}

/** The duration (ms) below which a fraction `p` of tasks finish. */
export function quantile(distribution: LogNormal, p: number): number {
  return Math.exp(distribution.mu + distribution.sigma * inverseNormal(p));
}

/** The fraction of tasks still unfinished after `ms`. */
export function survival(distribution: LogNormal, ms: number): number {
  if (ms <= 0) return 1;
  return upperTail((Math.log(ms) - distribution.mu) / distribution.sigma);
}

/** The rate at which a task still unfinished after `ms` finishes, per ms. */
export function hazard(distribution: LogNormal, ms: number): number {
  if (ms <= 0) return 0;
  const z = (Math.log(ms) - distribution.mu) / distribution.sigma;
  // φ(z)/Q(z), by its asymptote where both underflow.
  const ratio = z > 8 ? z + 1 / z : normalDensity(z) / upperTail(z);
  return ratio / (ms * distribution.sigma);
}

/**
 * The duration (ms) below which a fraction `p` of the tasks still unfinished after `elapsedMs` finish: the p50 of a
 * task known to have run for a while is later than the p50 of all tasks.
 */
export function conditionalQuantile(distribution: LogNormal, p: number, elapsedMs: number): number {
  const left = (1 - p) * survival(distribution, elapsedMs);
  if (!(left > 0)) return elapsedMs;
  return Math.max(elapsedMs, Math.exp(distribution.mu - distribution.sigma * inverseNormal(left)));
}

function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** P(Z > z) for a standard normal Z, with relative accuracy in the far tail (Numerical Recipes' erfc). */
export function upperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

const A = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

/** The z with P(Z < z) = p (Acklam's rational approximation, relative error < 1.2e-9); p is clamped into (0, 1). */
export function inverseNormal(p: number): number {
  const q = Math.min(1 - 1e-15, Math.max(1e-300, p));
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  const tail = (r: number) => (((((c0 * r + c1) * r + c2) * r + c3) * r + c4) * r + c5) / ((((d0 * r + d1) * r + d2) * r + d3) * r + 1);
  if (q < 0.02425) return tail(Math.sqrt(-2 * Math.log(q)));
  if (q > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - q)));
  const s = q - 0.5;
  const r = s * s;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * s) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}
