import { randomUUID } from 'node:crypto';
import { systemClock } from '../core/base/clock';
import { isWanError, type WanError } from '../core/errors/wanError';
import type { GenerationPlan } from '../core/inputs/request';
import { defaultOutputDir, startJob } from '../core/job/job';
import { jobDeps } from '../core/job/jobDeps';
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

/**
 * Runs one take per seed from a checked plan: created one at a time through the run's create gate, at most the
 * model's concurrency on their way (the quota API's number where the key may read it, else the catalog's), polled in
 * parallel through one task watch, each saved as it lands (`name.mp4`, `name-2.mp4`…) with its take. A failed take
 * never stops its siblings; an account stop keeps the ones not yet started from being sent. Returns the exit code of the first failure (exitCodes.ts batchExit).
 */
export async function runTakes(context: CliContext, plan: GenerationPlan, seeds: readonly number[], settings: TakeSettings): Promise<number> {
  const { zh, say } = context;
  const signal = context.io.signal;
  const total = seeds.length;
  const region = context.endpoint.kind === 'custom' ? undefined : context.endpoint.region;
  const polling = new CliPolling(context.client, systemClock);
  const folder = settings.outputDir ?? defaultOutputDir(plan);
  if (folder) polling.learnTakes(await scanTakes(folder, { maxDepth: 0, signal }));
  const client = polling.client();
  const limits = new AccountLimits(total > 1 ? (model, lookupSignal) => context.client.getModelLimits(model, { signal: lookupSignal }) : undefined);
  await limits.ensure(plan.spec.id, plan.wireModel);
  const kind = { model: plan.wireModel, resolution: plan.resolution, duration: plan.duration, region };
  const parent = total > 1 ? { kind: 'batch' as const, id: randomUUID() } : undefined;
  const taskIds = new Map<number, string>();
  const codes: number[] = [];
  const stop = new AccountStop(context.gate);

  const run = async (take: BatchTake) => {
    const progress = new Progress(context.io.stderr, zh, {
      prefix: takePrefix(take.index, total),
      live: total === 1,
      eta: () => {
        const taskId = taskIds.get(take.index);
        return taskId ? etaText(polling.eta(taskId, kind), zh) : undefined;
      },
    });
    try {
      return await startJob(
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
          parent: parent && { ...parent, index: take.index },
          onEvent: (event) => {
            if (event.type === 'submitted') {
              taskIds.set(take.index, event.taskId);
              polling.submitted(event.taskId, plan.wireModel);
            }
            progress.on(event);
          },
        }),
      );
    } finally {
      progress.done();
    }
  };

  const report = (outcome: TakeOutcome) => {
    const prefix = takePrefix(outcome.take.index, total);
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
    takes: seeds.map((seed, index) => ({ index, seed })),
    limit: () => limits.limit(plan.spec.id),
    lower: (running) => limits.lower(plan.spec.id, running),
    run,
    clock: systemClock,
    signal,
    onRequeue: (take: BatchTake, error: WanError, delayMs: number) => say(`${takePrefix(take.index, total)}${cliText('requeued', zh, (delayMs / 1000).toFixed(1), context.localized(error))}`),
    onOutcome: report,
  });
  if (total > 1) say(cliText('batchDone', zh, String(outcomes.filter((outcome) => 'result' in outcome).length), String(total)));
  await polling.settled();
  return batchExit(codes);
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
