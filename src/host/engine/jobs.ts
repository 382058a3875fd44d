import type { Dispatcher } from 'undici';
import type { DashScopeClient } from '../../core/api/client';
import type { Clock } from '../../core/clock';
import { adoptInterruptedCreate } from '../../core/adopt';
import { internalError, isWanError, WanError } from '../../core/errors';
import { continueJob, defaultOutputDir, type JobDeps, type JobEvent, startJob } from '../../core/job';
import type { JobRecord } from '../../core/jobRecord';
import { awaitsResume, canRetry, isActive, type JobStatus, settle, statusOfTask } from '../../core/lifecycle';
import { AccountLimits } from '../../core/accountLimits';
import { startable } from '../../core/localQueue';
import type { UploadMode } from '../../core/media';
import type { GenerationPlan } from '../../core/request';
import { restoreError } from '../../core/storedError';
import { jobDeps } from '../../core/jobDeps';
import { Emitter } from './emitter';
import { type JobStore, LEASE_STALE_MS } from './jobStore';
import type { Log } from '../entry/log';

export interface LiveJob {
  id: string;
  title: string;
  record: JobRecord;
  status: JobStatus;
  taskStatus?: string;
  startedAt: number;
  error?: WanError;
  videoPath?: string;
  actualPrompt?: string;
  /** The service took the user's cancel: the abort that follows ends the job as canceled, not stopped. */
  cancelAccepted?: boolean;
  /** Picked up from a stored record (the panel says "Resuming" until the service answers). */
  resumed?: boolean;
}

export interface Connection {
  client: DashScopeClient;
  dispatcher: Dispatcher;
  uploadMode: UploadMode;
  nameTemplate: string;
  writeSidecar: boolean;
  region: string | undefined;
  close(): Promise<void>;
}

/** A job that reached its end: saved, or settled with the error to show (none for a cancel the user asked for). */
export interface Finished {
  job: LiveJob;
  error?: WanError;
}

const DAY_MS = 24 * 3600_000;
const HEARTBEAT_MS = 5_000;
/** After the service says the account runs too many tasks and none of ours is running to end first: look again then. */
export const CONCURRENCY_PAUSE_MS = 30_000;
/** How often one job goes back to the queue after Throttling.Concurrency before it ends with that error. */
const CONCURRENCY_REQUEUES = 20;

type Work = (deps: JobDeps) => Promise<{ videoPath: string }>;

/** A checked plan waiting for a slot of its model; `requeued` counts its returns after Throttling.Concurrency. */
interface Waiting {
  job: LiveJob;
  plan: GenerationPlan;
  family: GenerationPlan['spec']['id'];
  requeued: number;
  outputDir?: string;
}

/**
 * Runs generations through the core job, queued locally beyond each model's concurrency (core/localQueue.ts),
 * persisted so a reload resumes polling, and leased so a video is saved exactly once. A job's statuses and its
 * end come from core/lifecycle.ts; this class only moves jobs along and keeps their records.
 */
export class JobManager {
  private readonly jobs = new Map<string, LiveJob>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly waiting: Waiting[] = [];
  private readonly changed = new Emitter<void>();
  private readonly finished = new Emitter<Finished>();
  /** Something about the jobs changed (the panel and the status bar redraw). */
  readonly onDidChange = this.changed.event;
  /** A job saved its video or settled its end (the notifier tells the user). */
  readonly onDidFinish = this.finished.event;
  private readonly heartbeats = new Map<string, number>();
  private disposed = false;
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private queueRecheck: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: JobStore,
    private readonly log: Pick<Log, 'info' | 'warn'>,
    /** A client for the given base URL (a resumed job's own), or for the current settings. */
    private readonly connect: (baseUrl?: string) => Promise<Connection>,
    private readonly clock: Clock,
    /** How many jobs of a model the account runs at once (the quota API's answer, else the catalog's). */
    private readonly limits: AccountLimits = new AccountLimits(undefined),
  ) {}

  list(): LiveJob[] {
    return [...this.jobs.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: string): LiveJob | undefined {
    return this.jobs.get(id);
  }

  running(): LiveJob[] {
    return this.list().filter((job) => isActive(job.status));
  }

  /** Starts a checked plan now, or queues it when its model is at its concurrency limit. */
  start(plan: GenerationPlan, title: string, outputDir?: string): LiveJob {
    const id = `job-${this.clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const job: LiveJob = {
      id,
      title,
      record: {
        version: 1,
        id,
        createdAt: new Date(this.clock.now()).toISOString(),
        baseUrl: '',
        family: plan.spec.id,
        wireModel: plan.wireModel,
        prompt: plan.prompt,
        negativePrompt: plan.negativePrompt,
        outputDir: outputDir ?? defaultOutputDir(plan) ?? '',
        baseName: '',
        state: 'preparing',
        requestIds: [],
      },
      status: 'waiting-for-slot',
      startedAt: this.clock.now(),
    };
    this.jobs.set(id, job);
    this.waiting.push({ job, plan, family: plan.spec.id, requeued: 0, outputDir });
    // A job of a model not yet looked up waits for the account's answer (bounded by the lookup's timeout).
    void this.limits.ensure(plan.spec.id, plan.wireModel).then(() => this.disposed || this.pump());
    this.pump();
    this.changed.fire();
    return job;
  }

  /** Picks up jobs a previous window (or this one before a reload) left running. */
  async resumeStored(alreadyRead?: { mirrored: unknown }): Promise<void> {
    const recovered = await this.store.recover(alreadyRead);
    if (recovered > 0) this.log.info(`recovered ${recovered} job record(s) from the file mirror`);
    for (const record of this.store.all()) {
      if (this.jobs.has(record.id)) continue;
      const job: LiveJob = { id: record.id, title: titleOf(record), record, status: 'pending', resumed: true, startedAt: Date.parse(record.createdAt) };
      if (!awaitsResume(record)) {
        // History: shown in the panel, not run.
        job.status = record.paused ? 'stopped' : record.state === 'saved' ? 'saved' : record.state === 'canceled' ? 'canceled' : record.error?.kind === 'unconfirmed' ? 'unconfirmed' : 'failed';
        job.videoPath = record.videoPath;
        if (record.error && job.status !== 'canceled') job.error = restoreError(record.error, record.taskId);
        this.jobs.set(job.id, job);
        continue;
      }
      const age = this.clock.now() - Date.parse(record.createdAt);
      const createInFlight = record.state === 'submitting' && !record.taskId;
      if (!record.taskId && !createInFlight) {
        // Stopped before any create was sent: nothing was charged and there is nothing to poll.
        await this.finish(job, new WanError({ kind: 'aborted', summary: { en: 'Interrupted before the task was submitted.', zh: '任务提交前被中断。' } }));
        continue;
      }
      if (age > DAY_MS) {
        await this.finish(job, new WanError({ kind: 'expired', summary: { en: 'This job is older than 24 hours; its task and video link have expired.', zh: '此任务已超过 24 小时，任务与视频链接均已过期。' }, taskId: record.taskId }));
        continue;
      }
      if (!(await this.store.lease(record.id))) {
        this.log.info(`job ${record.id} is held by another window; checking again later`);
        this.scheduleRecheck();
        continue;
      }
      this.jobs.set(job.id, job);
      this.changed.fire();
      if (createInFlight) {
        job.status = 'submitting';
        this.log.info(`resuming job ${record.id}: its create was in flight; looking for its task in the task list`);
        void this.run(job, (deps) => adoptInterruptedCreate(record, deps));
      } else {
        this.log.info(`resuming job ${record.id} (task ${record.taskId})`);
        void this.run(job, (deps) => continueJob(record, deps));
      }
    }
  }

  async cancel(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || !isActive(job.status)) return;
    const queued = this.waiting.findIndex((entry) => entry.job.id === id);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      await this.finish(job, new WanError({ kind: 'canceled', summary: { en: 'Canceled before it started.', zh: '已在开始前取消。' } }));
      return;
    }
    const taskId = job.record.taskId;
    if (taskId && (job.taskStatus === undefined || job.taskStatus === 'PENDING')) {
      const connection = await this.connect(job.record.baseUrl || undefined);
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
    // Running on the service (or not yet submitted): stop waiting; a submitted task stays resumable.
    this.controllers.get(id)?.abort(new Error(job.cancelAccepted ? 'canceled' : 'stopped'));
  }

  /** Resumes a stopped or failed-but-resumable job from its record (poll again, download again), maybe elsewhere. */
  async retry(id: string, saveAs?: { outputDir: string; baseName: string }): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || !canRetry(job.status, job.record, job.error)) return;
    if (!(await this.store.lease(id))) return;
    job.status = 'pending';
    job.resumed = true;
    job.error = undefined;
    job.cancelAccepted = undefined;
    const record: JobRecord = { ...job.record, ...saveAs, state: job.record.state === 'failed' ? 'submitted' : job.record.state, error: undefined, paused: undefined };
    job.record = record;
    this.changed.fire();
    void this.run(job, (deps) => continueJob(record, deps));
  }

  /** One look again once another window's lease would have gone stale (a one-shot timer, never an interval). */
  private scheduleRecheck(): void {
    if (this.recheck || this.disposed) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      if (!this.disposed) void this.resumeStored();
    }, LEASE_STALE_MS + 1_000);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.recheck);
    clearTimeout(this.queueRecheck);
    for (const controller of this.controllers.values()) controller.abort(new Error('window closing'));
    await this.store.releaseAll();
    this.changed.dispose();
    this.finished.dispose();
  }

  private active(family: string): number {
    return this.running().filter((job) => job.status !== 'waiting-for-slot' && job.record.family === family).length;
  }

  private pump(): void {
    const ready = this.waiting.filter((entry) => this.limits.settled(entry.plan.wireModel));
    for (const entry of startable(ready, (family) => this.active(family), (family) => this.limits.limit(family))) {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      entry.job.status = 'preparing';
      void this.run(entry.job, (deps) => startJob(entry.plan, { ...deps, jobId: entry.job.id, outputDir: entry.outputDir }), entry);
    }
  }

  /**
   * Throttling.Concurrency on a create: the service said no, so nothing was made. The job goes back to the front of
   * the queue, the model's local limit drops to what runs now, and the queue is looked at again when one of ours
   * ends, or after a pause when none is running.
   */
  private requeue(entry: Waiting, error: WanError): boolean {
    if (error.kind !== 'concurrency' || entry.job.record.taskId || entry.requeued >= CONCURRENCY_REQUEUES || this.disposed) return false;
    const running = this.active(entry.family);
    this.limits.lower(entry.family, running);
    entry.requeued++;
    entry.job.status = 'waiting-for-slot';
    this.waiting.unshift(entry);
    this.log.warn(`job ${entry.job.id}: the account runs too many ${entry.plan.wireModel} tasks; back in the queue (${running} running here)`);
    if (running === 0 && !this.queueRecheck) {
      this.queueRecheck = setTimeout(() => {
        this.queueRecheck = undefined;
        if (!this.disposed) this.pump();
      }, CONCURRENCY_PAUSE_MS);
    }
    return true;
  }

  private deps(connection: Connection, job: LiveJob, signal: AbortSignal): JobDeps {
    return jobDeps('vscode', {
      client: connection.client,
      dispatcher: connection.dispatcher,
      clock: this.clock,
      signal,
      uploadMode: connection.uploadMode,
      region: connection.region,
      nameTemplate: connection.nameTemplate,
      writeSidecar: connection.writeSidecar,
      knownTaskIds: { has: (taskId: string) => this.list().some((other) => other.record.taskId === taskId) },
      onEvent: (event) => this.onEvent(job, event),
    });
  }

  private async run(job: LiveJob, work: Work, queued?: Waiting): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    let connection: Connection | undefined;
    let requeued = false;
    try {
      // A task, or a create that may have made one, lives at the endpoint it was sent to.
      connection = await this.connect(job.record.taskId || job.record.state === 'submitting' ? job.record.baseUrl : undefined);
      const result = await work(this.deps(connection, job, controller.signal));
      job.videoPath = result.videoPath;
      job.status = 'saved';
      await this.store.release(job.id);
      this.finished.fire({ job });
    } catch (error) {
      const known = isWanError(error) ? error : internalError(error);
      requeued = queued !== undefined && this.requeue(queued, known);
      if (!this.disposed && !requeued) await this.finish(job, known);
    } finally {
      this.controllers.delete(job.id);
      await connection?.close();
      if (!this.disposed) {
        this.changed.fire();
        // A requeued job is held while none of its model is running (the service said the account is full).
        if (!(requeued && queued && this.active(queued.family) === 0)) this.pump();
      }
    }
  }

  /** Settles the job's end (core/lifecycle.ts settle), keeps it, lets go of it, and says so. */
  private async finish(job: LiveJob, error: WanError): Promise<void> {
    const settled = settle(job.record, { error, canceledOnService: job.cancelAccepted });
    job.status = settled.status;
    job.error = settled.error;
    job.record = settled.record;
    this.jobs.set(job.id, job);
    await this.store.put(job.record);
    await this.store.release(job.id);
    this.log.warn(`job ${job.id} ${job.status}: ${error.kind} ${error.message}`);
    this.changed.fire();
    this.finished.fire({ job, error: settled.error });
  }

  private onEvent(job: LiveJob, event: JobEvent): void {
    switch (event.type) {
      case 'phase':
        job.status = event.phase;
        job.resumed = false;
        this.log.info(`job ${job.id}: ${event.phase}`);
        break;
      case 'record': {
        job.record = event.record;
        // A new job takes its lease with its first record; later records keep it.
        void (event.record.state === 'preparing' ? this.store.keep(event.record) : this.store.put(event.record));
        break;
      }
      case 'submitted':
        this.log.info(`job ${job.id}: task ${event.taskId} (request ${event.requestId ?? 'found in the task list'})`);
        break;
      case 'status': {
        if (job.taskStatus !== event.status) this.log.info(`job ${job.id}: task ${job.record.taskId} ${event.status} (request ${event.requestId})`);
        job.taskStatus = event.status;
        const status = statusOfTask(event.status);
        if (status) job.status = status;
        job.resumed = false;
        this.heartbeat(job.id);
        break;
      }
      case 'retry':
        this.log.warn(`job ${job.id}: retrying ${event.what} in ${Math.round(event.delayMs)} ms after ${event.error.kind}: ${event.error.message}`);
        break;
      case 'saved':
        this.log.info(`job ${job.id}: saved ${event.videoPath}`);
        job.actualPrompt = event.actualPrompt;
        break;
      case 'download':
        return;
    }
    this.changed.fire();
  }

  private heartbeat(id: string): void {
    const last = this.heartbeats.get(id) ?? 0;
    if (this.clock.now() - last < HEARTBEAT_MS) return;
    this.heartbeats.set(id, this.clock.now());
    void this.store.lease(id);
  }
}

function titleOf(record: JobRecord): string {
  return record.sources ? `${record.sources.first.name} → ${record.sources.last.name}` : (record.taskId ?? record.id);
}
