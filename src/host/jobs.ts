import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import type { DashScopeClient } from '../core/api/client';
import type { Clock } from '../core/clock';
import { isWanError, WanError } from '../core/errors';
import { adoptInterruptedCreate } from '../core/adopt';
import { continueJob, type JobEvent, type JobPhase, startJob } from '../core/job';
import { type JobRecord, restoreError, storeError } from '../core/jobRecord';
import { awaitsResume } from '../core/jobStates';
import type { UploadMode } from '../core/media';
import { MODELS } from '../core/models';
import type { GenerationPlan } from '../core/request';
import { TOOL_VERSION, userAgent } from '../core/version';
import { type JobStore, LEASE_STALE_MS } from './jobStore';
import type { Log } from './log';

export type JobState = 'queued' | 'running' | 'saved' | 'failed' | 'canceled' | 'stopped';

export interface LiveJob {
  id: string;
  title: string;
  record: JobRecord;
  state: JobState;
  phase: JobPhase | 'waiting' | 'resuming';
  taskStatus?: string;
  startedAt: number;
  error?: WanError;
  videoPath?: string;
  actualPrompt?: string;
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

export interface JobListener {
  saved(job: LiveJob): void;
  failed(job: LiveJob, error: WanError): void;
}

const DAY_MS = 24 * 3600_000;
const HEARTBEAT_MS = 5_000;

/**
 * Runs generations through the core job, one per request, queued locally beyond each model's concurrency,
 * persisted so a reload resumes polling, and leased so a video is saved exactly once.
 */
export class JobManager implements vscode.Disposable {
  private readonly jobs = new Map<string, LiveJob>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly pending: Array<{ job: LiveJob; plan: GenerationPlan }> = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly heartbeats = new Map<string, number>();
  private disposed = false;
  private recheck: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: JobStore,
    private readonly log: Log,
    /** A client for the given base URL (a resumed job's own), or for the current settings. */
    private readonly connect: (baseUrl?: string) => Promise<Connection>,
    private readonly clock: Clock,
    private readonly listener: JobListener,
  ) {}

  list(): LiveJob[] {
    return [...this.jobs.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: string): LiveJob | undefined {
    return this.jobs.get(id);
  }

  running(): LiveJob[] {
    return this.list().filter((job) => job.state === 'running' || job.state === 'queued');
  }

  /** Starts a checked plan now, or queues it when its model is at its concurrency limit. */
  start(plan: GenerationPlan, title: string): LiveJob {
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
        outputDir: path.dirname(plan.first.path),
        baseName: '',
        state: 'preparing',
        requestIds: [],
      },
      state: 'queued',
      phase: 'waiting',
      startedAt: this.clock.now(),
    };
    this.jobs.set(id, job);
    this.pending.push({ job, plan });
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
      const job: LiveJob = { id: record.id, title: titleOf(record), record, state: 'running', phase: 'resuming', startedAt: Date.parse(record.createdAt) };
      if (!awaitsResume(record)) {
        // History: shown in the panel, not run.
        job.state = record.paused ? 'stopped' : (record.state as 'saved' | 'failed' | 'canceled');
        job.phase = 'saved';
        job.videoPath = record.videoPath;
        if (record.error) job.error = restoreError(record.error, record.taskId);
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
        this.log.info(`resuming job ${record.id}: its create was in flight; looking for its task in the task list`);
        void this.run(job, (connection, onEvent, signal) => adoptInterruptedCreate(record, this.deps(connection, onEvent, signal)));
      } else {
        this.log.info(`resuming job ${record.id} (task ${record.taskId})`);
        void this.run(job, (connection, onEvent, signal) => continueJob(record, this.deps(connection, onEvent, signal)));
      }
    }
  }

  async cancel(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || (job.state !== 'running' && job.state !== 'queued')) return;
    const queued = this.pending.findIndex((entry) => entry.job.id === id);
    if (queued >= 0) {
      this.pending.splice(queued, 1);
      await this.finish(job, new WanError({ kind: 'canceled', summary: { en: 'Canceled before it started.', zh: '已在开始前取消。' } }));
      return;
    }
    const taskId = job.record.taskId;
    if (taskId && (job.taskStatus === undefined || job.taskStatus === 'PENDING')) {
      const connection = await this.connect(job.record.baseUrl || undefined);
      try {
        await connection.client.cancelTask(taskId);
        this.log.info(`task ${taskId} canceled on the service`);
        job.record = { ...job.record, state: 'canceled' };
        this.controllers.get(id)?.abort(new Error('canceled'));
        return;
      } catch (error) {
        this.log.warn(`cancel of ${taskId} refused: ${error instanceof Error ? error.message : String(error)}; stopping the wait instead`);
      } finally {
        await connection.close();
      }
    }
    // Running on the service (or not yet submitted): stop waiting; a submitted task stays resumable.
    this.controllers.get(id)?.abort(new Error('stopped'));
  }

  /** Resumes a stopped or failed-but-resumable job from its record (poll again, download again), maybe elsewhere. */
  async retry(id: string, saveAs?: { outputDir: string; baseName: string }): Promise<void> {
    const job = this.jobs.get(id);
    if (!job || !job.record.taskId || job.state === 'running' || job.state === 'saved') return;
    if (!(await this.store.lease(id))) return;
    job.state = 'running';
    job.phase = 'resuming';
    job.error = undefined;
    const record: JobRecord = { ...job.record, ...saveAs, state: job.record.state === 'failed' ? 'submitted' : job.record.state, error: undefined, paused: undefined };
    job.record = record;
    this.changed.fire();
    void this.run(job, (connection, onEvent, signal) => continueJob(record, this.deps(connection, onEvent, signal)));
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
    for (const controller of this.controllers.values()) controller.abort(new Error('window closing'));
    await this.store.releaseAll();
    this.changed.dispose();
  }

  private pump(): void {
    for (let index = 0; index < this.pending.length; ) {
      const entry = this.pending[index] as { job: LiveJob; plan: GenerationPlan };
      const family = entry.plan.spec.id;
      const active = this.list().filter((job) => job.state === 'running' && job.record.family === family).length;
      if (active >= MODELS[family].concurrency) {
        index++;
        continue;
      }
      this.pending.splice(index, 1);
      entry.job.state = 'running';
      entry.job.phase = 'preparing';
      void this.run(entry.job, (connection, onEvent, signal) => startJob(entry.plan, { ...this.deps(connection, onEvent, signal), jobId: entry.job.id }));
    }
  }

  private deps(connection: Connection, onEvent: (event: JobEvent) => void, signal: AbortSignal) {
    return {
      client: connection.client,
      dispatcher: connection.dispatcher,
      clock: this.clock,
      signal,
      userAgent: userAgent('vscode'),
      toolVersion: TOOL_VERSION,
      uploadMode: connection.uploadMode,
      region: connection.region,
      nameTemplate: connection.nameTemplate,
      writeSidecar: connection.writeSidecar,
      knownTaskIds: { has: (taskId: string) => this.list().some((job) => job.record.taskId === taskId) },
      onEvent,
    };
  }

  private async run(
    job: LiveJob,
    work: (connection: Connection, onEvent: (event: JobEvent) => void, signal: AbortSignal) => Promise<{ videoPath: string }>,
  ): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    let connection: Connection | undefined;
    try {
      // A task, or a create that may have made one, lives at the endpoint it was sent to.
      connection = await this.connect(job.record.taskId || job.record.state === 'submitting' ? job.record.baseUrl : undefined);
      const result = await work(connection, (event) => this.onEvent(job, event), controller.signal);
      job.videoPath = result.videoPath;
      job.state = 'saved';
      job.phase = 'saved';
      await this.store.release(job.id);
      this.listener.saved(job);
    } catch (error) {
      const wanError = isWanError(error) ? error : new WanError({ kind: 'file-system', summary: { en: 'Something failed unexpectedly.', zh: '发生意外错误。' }, serviceMessage: error instanceof Error ? error.message : String(error) });
      if (!this.disposed) await this.finish(job, wanError);
    } finally {
      this.controllers.delete(job.id);
      await connection?.close();
      if (!this.disposed) {
        this.changed.fire();
        this.pump();
      }
    }
  }

  private async finish(job: LiveJob, error: WanError): Promise<void> {
    const canceled = error.kind === 'canceled' || job.record.state === 'canceled';
    const stopped = error.kind === 'aborted' && !canceled && Boolean(job.record.taskId) && job.record.state !== 'failed';
    job.state = canceled ? 'canceled' : stopped ? 'stopped' : 'failed';
    job.phase = job.state === 'failed' ? job.phase : job.state === 'canceled' ? 'saved' : job.phase;
    job.error = canceled ? undefined : error;
    if (job.state === 'stopped') job.record = { ...job.record, paused: true };
    else job.record = { ...job.record, state: canceled ? 'canceled' : 'failed', error: storeError(error) };
    this.jobs.set(job.id, job);
    await this.store.put(job.record);
    await this.store.release(job.id);
    this.log.warn(`job ${job.id} ${job.state}: ${error.kind} ${error.message}`);
    this.changed.fire();
    if (job.state === 'failed') this.listener.failed(job, error);
  }

  private onEvent(job: LiveJob, event: JobEvent): void {
    switch (event.type) {
      case 'phase':
        job.phase = event.phase;
        this.log.info(`job ${job.id}: ${event.phase}`);
        break;
      case 'record': {
        job.record = event.record;
        // A job's end is written once, by finish(), which also tells a stop from a failure.
        if (event.record.state === 'failed' || event.record.state === 'canceled') break;
        const written = this.store.put(event.record);
        // A new job takes its lease once its first record is down.
        if (event.record.state === 'preparing') void written.then(() => this.store.lease(job.id));
        break;
      }
      case 'submitted':
        this.log.info(`job ${job.id}: task ${event.taskId} (request ${event.requestId ?? 'found in the task list'})`);
        break;
      case 'status':
        if (job.taskStatus !== event.status) this.log.info(`job ${job.id}: task ${job.record.taskId} ${event.status} (request ${event.requestId})`);
        job.taskStatus = event.status;
        this.heartbeat(job.id);
        break;
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
