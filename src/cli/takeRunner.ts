import { randomUUID } from 'node:crypto';
import { priceRegion } from '../core/catalog/regions';
import { systemClock } from '../core/base/clock';
import { isWanError, type WanError } from '../core/errors/wanError';
import type { GenerationPlan } from '../core/inputs/request';
import { defaultOutputDir, startJob } from '../core/job/job';
import { jobDeps, type JobResult } from '../core/job/jobDeps';
import type { JobParent } from '../core/job/jobRecord';
import { scanTakes } from '../core/output/takeScan';
import { AccountLimits } from '../core/service/accountLimits';
import type { CreateGate } from '../core/service/createGate';
import { ACCOUNT_STOPS, type BatchTake, runBatch, type TakeOutcome } from './batch';
import type { CliContext } from './context';
import { etaText } from './etaText';
import { batchExit, exitCodeFor, EXIT } from './exitCodes';
import { cliText } from './messages';
import { CliPolling } from './polling';
import { Progress } from './progress';
import { reportFailure, reportSaved } from './report';

export interface TakeSettings {
  uploadMode: 'oss' | 'base64';
  /** Where the videos go; the first local input's folder when undefined. */
  outputDir: string | undefined;
}

/** `[2/4] ` before each line of a take of a batch; nothing for a single take. */
export function takePrefix(index: number, total: number): string {
  return total > 1 ? `[${index + 1}/${total}] ` : '';
}

/** One take to make: its checked plan, the seed it is sent with, and the run it belongs to. */
export interface PlannedTake {
  plan: GenerationPlan;
  seed: number;
  /** The run that owns it (a storyboard's segment, the take it continues); a batch names itself when omitted. */
  parent?: JobParent;
}

export interface PlannedRun extends TakeSettings {
  /** The prefix of a take's lines; `[2/4] ` for a take of several by default. */
  prefix?(index: number, total: number): string;
  /** Each saved take, as it lands (a storyboard records it at once: a crash after it keeps the take chosen). */
  onSaved?(index: number, result: JobResult): Promise<void> | void;
}

/**
 * Runs one take per seed from a checked plan: created one at a time through the run's create gate, at most the
 * model's concurrency on their way (the quota API's number where the key may read it, else the catalog's), polled in
 * parallel through one task watch, each saved as it lands (`name.mp4`, `name-2.mp4`…) with its take. A failed take
 * never stops its siblings; an account stop keeps the ones not yet started from being sent. Returns the exit code of the first failure (exitCodes.ts batchExit).
 */
export async function runTakes(context: CliContext, plan: GenerationPlan, seeds: readonly number[], settings: TakeSettings): Promise<number> {
  return (await runPlannedTakes(context, seeds.map((seed) => ({ plan, seed })), settings)).code;
}

/**
 * Runs takes of checked plans (one plan per seed, or a storyboard's segments) through the same machinery: the run's
 * create gate, at most the smallest concurrency of their models on their way, one task watch. Returns the exit code
 * (exitCodes.ts batchExit) and each take's outcome, in take order.
 */
export async function runPlannedTakes(context: CliContext, takes: readonly PlannedTake[], settings: PlannedRun): Promise<{ code: number; outcomes: TakeOutcome[] }> {
  const { zh, say } = context;
  const signal = context.io.signal;
  const total = takes.length;
  const prefixOf = (index: number) => (settings.prefix ?? takePrefix)(index, total);
  const region = priceRegion(context.endpoint);
  const polling = new CliPolling(context.client, systemClock);
  const [first] = takes;
  if (!first) return { code: EXIT.saved, outcomes: [] };
  const folder = settings.outputDir ?? defaultOutputDir(first.plan);
  if (folder) polling.learnTakes(await scanTakes(folder, { maxDepth: 0, signal }));
  const client = polling.client();
  const limits = new AccountLimits(total > 1 ? (model, lookupSignal) => context.client.getModelLimits(model, { signal: lookupSignal }) : undefined);
  const models = new Map(takes.map(({ plan }) => [plan.spec.id, plan.wireModel]));
  for (const [model, wire] of models) await limits.ensure(model, wire);
  const batch = total > 1 ? { kind: 'batch' as const, id: randomUUID() } : undefined;
  const taskIds = new Map<number, string>();
  const codes: number[] = [];
  const stop = new AccountStop(context.gate);

  const run = async (take: BatchTake) => {
    const planned = takes[take.index] as PlannedTake;
    const { plan } = planned;
    const kind = { model: plan.wireModel, resolution: plan.resolution, duration: plan.duration, region };
    const progress = new Progress(context.io.stderr, zh, {
      prefix: prefixOf(take.index),
      live: total === 1,
      eta: () => {
        const taskId = taskIds.get(take.index);
        return taskId ? etaText(polling.eta(taskId, kind), zh) : undefined;
      },
    });
    try {
      const result = await startJob(
        { ...plan, seed: take.seed },
        jobDeps('cli', {
          client,
          dispatcher: context.dispatcher,
          clock: systemClock,
          signal,
          options: { uploadMode: settings.uploadMode, nameTemplate: '{first}-to-{last}', writeSidecar: true },
          gate: stop.gateFor(take.index),
          region,
          outputDir: settings.outputDir,
          parent: planned.parent ?? (batch && { ...batch, index: take.index }),
          onEvent: (event) => {
            if (event.type === 'submitted') {
              taskIds.set(take.index, event.taskId);
              polling.submitted(event.taskId, plan.wireModel);
            }
            progress.on(event);
          },
        }),
      );
      await settings.onSaved?.(take.index, result);
      return result;
    } finally {
      progress.done();
    }
  };

  const report = (outcome: TakeOutcome) => {
    const prefix = prefixOf(outcome.take.index);
    if ('result' in outcome) {
      reportSaved(context, outcome.result, prefix);
      codes.push(EXIT.saved);
    } else if (outcome.started && !stop.keptBack(outcome.take.index)) codes.push(reportFailure(context, outcome.error, taskIds.get(outcome.take.index), prefix));
    else {
      say(`${prefix}${cliText('notSent', zh, context.localized(outcome.error))}`);
      codes.push(exitCodeFor(outcome.error));
    }
  };

  const outcomes = await runBatch({
    takes: takes.map(({ seed }, index) => ({ index, seed })),
    limit: () => Math.min(...[...models.keys()].map((model) => limits.limit(model))),
    lower: (running) => {
      for (const model of models.keys()) limits.lower(model, running);
    },
    run,
    clock: systemClock,
    signal,
    onRequeue: (take: BatchTake, error: WanError, delayMs: number) => say(`${prefixOf(take.index)}${cliText('requeued', zh, (delayMs / 1000).toFixed(1), context.localized(error))}`),
    onOutcome: report,
  });
  if (total > 1) say(cliText('batchDone', zh, String(outcomes.filter((outcome) => 'result' in outcome).length), String(total)));
  await polling.settled();
  return { code: batchExit(codes), outcomes };
}

/**
 * The run's create gate, seen by each take: once a create is refused with one of the account's stops, every create
 * still waiting at the gate is kept back (never sent) rather than refused the same way.
 */
export class AccountStop {
  private stopped: WanError | undefined;
  private readonly kept = new Set<number>();

  constructor(private readonly gate: CreateGate) {}

  gateFor(index: number): CreateGate {
    const shared = this.gate;
    const view = Object.create(shared) as CreateGate;
    view.exclusive = <T>(lane: string, work: () => Promise<T>) =>
      shared.exclusive(lane, async () => {
        if (this.stopped) {
          this.kept.add(index);
          throw this.stopped;
        }
        try {
          return await work();
        } catch (error) {
          if (isWanError(error) && ACCOUNT_STOPS.includes(error.kind) && error.taskId === undefined) this.stopped ??= error;
          throw error;
        }
      });
    return view;
  }

  /** The take's create was kept back by a stop: it was never sent. */
  keptBack(index: number): boolean {
    return this.kept.has(index);
  }
}
