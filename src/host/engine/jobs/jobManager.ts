import type { Clock } from '../../../core/base/clock';
import { WanError } from '../../../core/errors/wanError';
import { restoreError } from '../../../core/errors/storedError';
import type { GenerationPlan } from '../../../core/inputs/request';
import { adoptInterruptedCreate } from '../../../core/job/adopt';
import { continueJob, startJob } from '../../../core/job/job';
import { newJobId, restoringJob, waitingJob } from './newJobs';
import type { JobParent, JobRecord } from '../../../core/job/jobRecord';
import type { FoundTake } from '../../../core/output/takeReader';
import { canRetry, reopen } from '../../../core/job/lifecycle';
import { isActive } from '../../../shared/jobStatus';
import { AccountLimits } from '../../../core/service/accountLimits';
import { CreateGate } from '../../../core/service/createGate';
import type { Log } from '../../entry/log';
import { type JobStore, LEASE_STALE_MS } from './jobStore';
import { type Connection, type LiveJob, titleOf } from './liveJob';
import { JobRegistry } from './registry';
import { resumeDecision } from './resumePolicy';
import { JobRunner } from './runner';
import { SlotQueue, type Waiting } from './slotQueue';
import { batchTakes, countBatches, keptBackError, stopsBatch } from './batch';
import { drawSeed } from '../../../core/job/seed';
import { TimingModel } from '../../../core/job/timingModel';
import { Watches } from './watches';

export type { Connection, Finished, LiveJob } from './liveJob';

export interface JobManagerOptions {
  /** How many jobs of a model the account runs at once (the quota API's answer, else the catalog's). */
  limits?: AccountLimits;
  /** Tells the user once that job records cannot be kept. */
  warnOnce?: (message: string) => void;
  /** The takes already on disk (takeScan.ts), read once at the first job: what the timing model starts from. */
  takes?: () => Promise<FoundTake[]>;
  /** False: each job queries its own task, as before one list call per tick (tests of the per-task path). */
  shareTaskList?: boolean;
}

/**
 * The jobs of this window: started now or queued beyond each model's concurrency (SlotQueue), run with a lease and
 * their records kept (JobRunner), picked up after a reload (resumePolicy), listed with events (JobRegistry). Creates
 * go through one CreateGate per manager, so siblings of one model never share a lost answer's lookup.
 */
export class JobManager {
  private readonly registry = new JobRegistry();
  private readonly runner: JobRunner;
  private readonly queue: SlotQueue;
  private disposed = false;
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private takesRead: Promise<void> | undefined;
  /** How long tasks of each kind queue and run, learnt from the takes, the account's list and each take that lands. */
  readonly timing: TimingModel;
  readonly onDidChange = this.registry.onDidChange;
  readonly onDidFinish = this.registry.onDidFinish;

  constructor(
    private readonly store: JobStore,
    private readonly log: Pick<Log, 'info' | 'warn'>,
    /** A client for the given base URL (a resumed job's own), or for the current settings. */
    connect: (baseUrl?: string) => Promise<Connection>,
    private readonly clock: Clock,
    options: JobManagerOptions = {},
  ) {
    this.timing = new TimingModel(() => clock.now());
    const watches = options.shareTaskList === false ? undefined : new Watches(clock, (tasks) => this.timing.addListed(tasks));
    this.runner = new JobRunner(this.registry, store, connect, clock, new CreateGate(), log, options.warnOnce ?? (() => undefined), this.timing, watches);
    this.queue = new SlotQueue(options.limits ?? new AccountLimits(undefined), (family) => this.registry.active(family), (entry) => this.begin(entry), log, () => clock.now());
    this.readTakes = options.takes;
  }

  private readonly readTakes: JobManagerOptions['takes'];
  /** Learns from the takes on disk once, before the first poll needs it; a scan that fails teaches nothing. */
  private learnFromTakes(): Promise<void> {
    this.takesRead ??= (this.readTakes?.() ?? Promise.resolve([]))
      .then((takes) => {
        const learnt = this.timing.addTakes(takes);
        if (learnt > 0) this.log.info(`timing: learnt from ${learnt} take(s) on disk`);
      })
      .catch(() => undefined);
    return this.takesRead;
  }

  list = (): LiveJob[] => this.registry.list();
  get = (id: string): LiveJob | undefined => this.registry.get(id);
  running = (): LiveJob[] => this.registry.running();

  /** Starts a checked plan now, or queues it when its model is at its concurrency limit. */
  start(plan: GenerationPlan, title: string, outputDir?: string, parent?: JobParent): LiveJob {
    const job = waitingJob(newJobId(this.clock.now()), this.clock.now(), plan, title, outputDir, parent);
    this.registry.add(job);
    this.queue.push({ job, plan, family: plan.spec.id, requeued: 0, outputDir, parent });
    this.registry.changed();
    return job;
  }

  /**
   * N variations of one plan: each take its own seed (batch.ts), its own job and record with the batch as parent, all
   * queued at once — the queue starts them within the model's concurrency, the create gate sends their creates one at
   * a time, and each polls on its own. One take's failure is its own; an account stop keeps the unsent ones unsent.
   */
  startBatch(plan: GenerationPlan, title: string, count: number, outputDir?: string, draw: () => number = drawSeed): LiveJob[] {
    const batchId = `batch-${this.clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    return batchTakes(plan, count, batchId, draw).map((take) => {
      const job = this.start(take.plan, title, outputDir, take.parent);
      job.batchCount = count;
      job.again = { plan: take.plan, outputDir };
      // Kept while it waits: after a reload the batch still knows this take (interrupted before its create, never sent).
      if (job.record.status === 'waiting-for-slot') void this.runner.keep(job.record, true);
      return job;
    });
  }

  /** Picks up jobs a previous window (or this one before a reload) left running. */
  async resumeStored(alreadyRead?: { mirrored: unknown }): Promise<void> {
    const recovered = await this.store.recover(alreadyRead);
    if (recovered > 0) this.log.info(`recovered ${recovered} job record(s) from the file mirror`);
    void this.learnFromTakes();
    for (const record of this.store.all()) {
      if (this.registry.has(record.id)) continue;
      const job: LiveJob = { id: record.id, title: titleOf(record), record, resumed: true, startedAt: Date.parse(record.createdAt) };
      const decision = resumeDecision(record, this.clock.now());
      if (decision.action === 'history') {
        job.videoPath = record.videoPath;
        if (record.error && record.status !== 'canceled') job.error = restoreError(record.error, record.taskId);
        this.registry.add(job);
        continue;
      }
      if (decision.action === 'end') {
        this.registry.add(job);
        await this.runner.finish(job, decision.error);
        continue;
      }
      if (!(await this.runner.lease(record.id))) {
        this.log.info(`job ${record.id} is held by another window; checking again later`);
        this.scheduleRecheck();
        continue;
      }
      this.registry.add(job);
      this.registry.changed();
      if (decision.action === 'adopt') {
        this.log.info(`resuming job ${record.id}: its create was in flight; looking for its task in the task list`);
        void this.runner.run(job, (deps) => adoptInterruptedCreate(record, deps), this.afterRun());
      } else {
        this.log.info(`resuming job ${record.id} (task ${record.taskId})`);
        void this.runner.run(job, (deps) => continueJob(record, deps), this.afterRun());
      }
    }
    countBatches(this.registry.list());
  }

  async cancel(id: string): Promise<void> {
    const job = this.registry.get(id);
    if (!job || !isActive(job.record.status)) return;
    if (this.queue.remove(id)) {
      await this.runner.finish(job, new WanError({ kind: 'canceled', summary: { en: 'Canceled before it started.', zh: '已在开始前取消。' } }));
      return;
    }
    // A create in flight may be accepted: its answer is awaited, so a paid task is canceled (or polled), never left.
    if (job.record.status === 'submitting' && !job.record.taskId) return this.registry.createSettled(job).then(() => this.cancel(id));
    const taskId = job.record.taskId;
    if (taskId && (job.taskStatus === undefined || job.taskStatus === 'PENDING')) await this.cancelOnService(job, taskId);
    // Running on the service (or not yet submitted): stop waiting; a submitted task stays resumable.
    this.runner.abort(id, job.cancelAccepted ? 'canceled' : 'stopped');
  }

  /** The jobs of one batch of variations, in their order. */
  batch(batchId: string): LiveJob[] {
    return this.registry
      .list()
      .filter((job) => job.record.parent?.kind === 'batch' && job.record.parent.id === batchId)
      .sort((a, b) => (a.record.parent?.index ?? 0) - (b.record.parent?.index ?? 0));
  }

  /** Cancels every take of a batch still queued or running (each as Cancel would). */
  async cancelBatch(batchId: string): Promise<void> {
    await Promise.all(this.batch(batchId).map((job) => this.cancel(job.id)));
  }

  /**
   * Retries only the batch's takes that failed: one whose task can get past it resumes (poll or download again); one
   * the service failed, or that was never sent, is made again from its plan with the same seed, in the same slot.
   * Saved and running takes are left alone; a create whose fate is unknown is never sent twice.
   */
  async retryFailed(batchId: string): Promise<void> {
    for (const job of this.batch(batchId)) if (job.error && (canRetry(job.record, job.error) || canMakeAgain(job))) await this.retry(job.id);
  }

  /**
   * Downloads a take's video again (deleted, lost) while its task's link lives: a job from the take's record of the
   * task, saving under the take's own name beside it, writing no new take.
   */
  restoreVideo(found: FoundTake, family: JobRecord['family']): LiveJob {
    const job = restoringJob(newJobId(this.clock.now()), this.clock.now(), found, family);
    const record = job.record;
    this.registry.add(job);
    this.registry.changed();
    void this.runner.run(job, (deps) => continueJob(record, { ...deps, options: { ...deps.options, writeSidecar: false } }), this.afterRun());
    return job;
  }

  /** Resumes a stopped or failed-but-resumable job from its record (poll again, download again), maybe elsewhere. */
  async retry(id: string, saveAs?: { outputDir: string; baseName: string }): Promise<void> {
    const job = this.registry.get(id);
    if (job && !canRetry(job.record, job.error) && canMakeAgain(job) && job.again) {
      job.error = undefined;
      job.cancelAccepted = undefined;
      job.taskStatus = undefined;
      job.times = undefined;
      job.record = { ...job.record, status: 'waiting-for-slot', taskId: undefined, error: undefined, videoPath: undefined };
      this.queue.push({ job, plan: job.again.plan, family: job.again.plan.spec.id, requeued: 0, outputDir: job.again.outputDir, parent: job.record.parent });
      this.registry.changed();
      return;
    }
    if (!job || !canRetry(job.record, job.error)) return;
    // Taken before the lease is awaited: a second Retry pressed meanwhile finds nothing to retry.
    const error = job.error;
    job.error = undefined;
    if (!(await this.runner.lease(id))) return void (job.error = error);
    job.resumed = true;
    job.cancelAccepted = undefined;
    const record = reopen(job.record, saveAs);
    job.record = record;
    this.registry.changed();
    void this.runner.run(job, (deps) => continueJob(record, deps), this.afterRun());
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.recheck);
    this.queue.dispose();
    this.runner.dispose();
    await this.store.releaseAll().catch((error: unknown) => this.log.warn(`could not let go of this window's leases: ${error instanceof Error ? error.message : String(error)}`));
    this.registry.dispose();
  }

  private begin(entry: Waiting): void {
    this.registry.setStatus(entry.job, 'preparing');
    void this.learnFromTakes();
    void this.runner.run(entry.job, (deps) => startJob(entry.plan, { ...deps, outputDir: entry.outputDir, parent: entry.parent }), this.afterRun(entry));
  }

  /** An account stop on one take of a batch: its takes still waiting here are never sent, and say why. */
  private keepBatchBack(entry: Waiting | undefined, error: WanError): void {
    if (entry?.parent?.kind !== 'batch' || !stopsBatch(error)) return;
    for (const waiting of this.queue.waitingOf(entry.parent.id)) {
      this.queue.remove(waiting.job.id);
      void this.runner.finish(waiting.job, keptBackError(error));
    }
  }

  /** After a run: a create refused for concurrency goes back to the queue; the queue moves unless only that holds it. */
  private afterRun(entry?: Waiting) {
    return {
      failed: (error: WanError) => {
        const requeued = entry !== undefined && this.queue.requeue(entry, error);
        // The service made nothing: the kept record says so, or a reload would look for the create in the task list.
        if (requeued) void this.runner.keep(entry.job.record);
        else this.keepBatchBack(entry, error);
        return requeued;
      },
      after: (handled: boolean) => {
        if (!(handled && entry && this.queue.heldBack(entry.family))) this.queue.pump();
      },
    };
  }

  private async cancelOnService(job: LiveJob, taskId: string): Promise<void> {
    const connection = await this.runner.connectFor(job);
    try {
      await connection.client.cancelTask(taskId);
      this.log.info(`task ${taskId} canceled on the service`);
      job.cancelAccepted = true;
    } catch (error) {
      this.log.warn(`cancel of ${taskId} refused: ${error instanceof Error ? error.message : String(error)}; stopping the wait instead`);
    } finally {
      await connection.close();
    }
  }

  /** One look again once another window's lease would have gone stale (a one-shot timer, never an interval). */
  private scheduleRecheck(): void {
    if (this.recheck || this.disposed) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      if (!this.disposed) void this.resumeStored();
    }, LEASE_STALE_MS + 1_000);
  }
}

/** A batch take this window still has the plan of, that ended failed (not canceled, not a create of unknown fate). */
function canMakeAgain(job: LiveJob): boolean {
  return job.again !== undefined && job.record.status === 'failed';
}
