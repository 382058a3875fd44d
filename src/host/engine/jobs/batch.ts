import type { ErrorKind } from '../../../core/errors/wanError';
import { WanError } from '../../../core/errors/wanError';
import type { GenerationPlan } from '../../../core/inputs/request';
import { variationSeeds } from '../../../core/job/batchPlan';
import type { JobParent } from '../../../core/job/jobRecord';
import type { LiveJob } from './liveJob';

/** One take of a batch: its plan (with its own seed) and its place. */
export interface BatchTake {
  plan: GenerationPlan;
  parent: JobParent & { kind: 'batch' };
}

/**
 * The takes of N variations of one plan: the given seed then seed+1… (wrapping past 2147483647), or N distinct drawn
 * seeds — each sent and recorded, so every take can be made again.
 */
export function batchTakes(plan: GenerationPlan, count: number, batchId: string, draw: () => number): BatchTake[] {
  return variationSeeds(count, plan.seed, draw).map((seed, index) => ({ plan: { ...plan, seed }, parent: { kind: 'batch', id: batchId, index } }));
}

/** The account's own stops: a person has to act, so the batch's takes not yet sent stay unsent. */
const ACCOUNT_STOPS: ReadonlySet<ErrorKind> = new Set<ErrorKind>(['budget', 'arrears', 'not-activated', 'model-not-authorized', 'retired', 'workspace', 'auth', 'quota', 'access', 'region']);

export function stopsBatch(error: WanError): boolean {
  return ACCOUNT_STOPS.has(error.kind);
}

/** What a take the batch kept back ends with: the stop that kept it (so its card offers the same fix), not sent. */
export function keptBackError(stop: WanError): WanError {
  return new WanError({
    kind: stop.kind,
    step: 'submit',
    summary: { en: `Not sent: ${stop.summary.en}`, zh: `未发送：${stop.summary.zh}` },
    code: stop.code,
    serviceMessage: stop.serviceMessage,
  });
}

/** After a reload each take of a batch learns how many its batch has: the records keep each take's place only. */
export function countBatches(jobs: readonly LiveJob[]): void {
  const counts = new Map<string, number>();
  for (const job of jobs) {
    const parent = job.record.parent;
    if (parent?.kind === 'batch') counts.set(parent.id, Math.max(counts.get(parent.id) ?? 0, (parent.index ?? 0) + 1, job.batchCount ?? 0));
  }
  for (const job of jobs) {
    const parent = job.record.parent;
    if (parent?.kind === 'batch') job.batchCount = Math.max(counts.get(parent.id) ?? 1, jobs.filter((other) => other.record.parent?.id === parent.id).length);
  }
}
