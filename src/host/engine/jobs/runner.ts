import type { Clock } from '../../../core/base/clock';
import { internalError, isWanError, type WanError } from '../../../core/errors/wanError';
import type { JobDeps, JobEvent } from '../../../core/job/jobDeps';
import { jobDeps } from '../../../core/job/jobDeps';
import type { JobRecord } from '../../../core/job/jobRecord';
import { settle, statusOfTask } from '../../../core/job/lifecycle';
import { leaseLostError } from '../../../core/job/publish';
import type { CreateGate } from '../../../core/service/createGate';
import { learnFromAccount, type TimingModel } from '../../../core/job/timingModel';
import { readTake } from '../../../core/output/takeReader';
import type { EndpointClient, Watches, WatchLease } from './watches';
import type { Log } from '../../entry/log';
import type { JobStore } from './jobStore';
import type { Connection, LiveJob } from './liveJob';
import type { JobRegistry } from './registry';

/** How often a running job renews its lease (on a poll answer at most this often). */
const HEARTBEAT_MS = 5_000;

/** The abort reason when another window took a job over: this window lets it go without settling it. */
const HANDED_OVER = 'handed-over';

export type Work = (deps: JobDeps) => Promise<{ videoPath: string }>;

/** What the manager does around a run: requeue a refused create, look at the queue once the run is over. */
export interface RunHooks {
  /** True when the failure was handled (the job went back to the queue) and the job did not end. */
  failed?(error: WanError): boolean;
  after?(handled: boolean): void;
}

/**
 * Runs one job's work: its connection, its abort controller, its lease (renewed by a heartbeat; lost → this window
 * stops working on it and the other finishes it), its records (each write awaited; a failure logged and shown once)
 * and its end (lifecycle.ts settle()).
 */
export class JobRunner {
  private readonly controllers = new Map<string, AbortController>();
  private readonly heartbeats = new Map<string, number>();
  private persistenceWarned = false;
  private disposed = false;
  /** The account's recent tasks are read once a session, at the first poll: times only, to learn from. */
  private learntFromAccount = false;

  constructor(
    private readonly registry: JobRegistry,
    private readonly store: JobStore,
    private readonly connect: (baseUrl?: string) => Promise<Connection>,
    private readonly clock: Clock,
    private readonly gate: CreateGate,
    private readonly log: Pick<Log, 'info' | 'warn'>,
    /** Tells the user once that job records cannot be kept (a full disk, a read-only profile). */
    private readonly warnOnce: (message: string) => void,
    /** What this window learnt of how long tasks take (the ETA and the poll schedule). */
    private readonly timing?: TimingModel,
    /** One task-list call per tick for the live jobs of an endpoint; none: each job queries its own task. */
    private readonly watches?: Watches,
  ) {}

  async run(job: LiveJob, work: Work, hooks: RunHooks = {}): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    let connection: Connection | undefined;
    let lease: WatchLease | undefined;
    let handled = false;
    try {
      // A task, or a create that may have made one, lives at the endpoint it was sent to.
      connection = await this.connect(job.record.taskId || job.record.status === 'submitting' ? job.record.baseUrl : undefined);
      lease = this.watches && listsTasks(connection.client) ? this.watches.acquire(connection.client) : undefined;
      const result = await work(this.deps(connection, job, controller, lease));
      job.videoPath = result.videoPath;
      this.registry.setStatus(job, 'saved');
      await this.release(job.id);
      this.registry.finished({ job });
    } catch (error) {
      if (controller.signal.reason === HANDED_OVER) {
        this.handOver(job);
        return;
      }
      const known = isWanError(error) ? error : internalError(error);
      handled = hooks.failed?.(known) ?? false;
      if (!this.disposed && !handled) await this.finish(job, known);
    } finally {
      this.controllers.delete(job.id);
      this.heartbeats.delete(job.id);
      lease?.release(job.record.taskId);
      await connection?.close();
      if (!this.disposed) {
        this.registry.changed();
        hooks.after?.(handled);
      }
    }
  }

  /** A connection for a job's own endpoint (a cancel of its task). */
  connectFor(job: LiveJob): Promise<Connection> {
    return this.connect(job.record.baseUrl || undefined);
  }

  /** Stops a job's work; `reason` says how it ends (a stop, a cancel the service took). */
  abort(id: string, reason: string): void {
    this.controllers.get(id)?.abort(new Error(reason));
  }

  /** Settles the job's end (lifecycle.ts settle), keeps it, lets go of it, and says so. */
  async finish(job: LiveJob, error: WanError): Promise<void> {
    const settled = settle(job.record, { error, canceledOnService: job.cancelAccepted });
    job.error = settled.error;
    job.record = settled.record;
    await this.keep(job.record);
    await this.release(job.id);
    this.log.warn(`job ${job.id} ${job.record.status}: ${error.kind} ${error.message}`);
    this.registry.changed();
    this.registry.finished({ job, error: settled.error });
  }

  /** Writes a record (and takes the job's lease with its first); a failure is logged, and shown once. */
  async keep(record: JobRecord, takeLease = false): Promise<void> {
    try {
      if (takeLease) await this.store.keep(record);
      else await this.store.put(record);
    } catch (error) {
      this.persistenceFailed(`the record of job ${record.id}`, error);
    }
  }

  /**
   * Whether this window holds (or just took) the job's lease. A lease that cannot be written (the same storage as the
   * records) is reported like them and counted as held: the job goes on, and the check for a take of the same task
   * before publishing still keeps one video per task.
   */
  async lease(id: string): Promise<boolean> {
    try {
      return await this.store.lease(id);
    } catch (error) {
      this.persistenceFailed(`the lease of job ${id}`, error);
      return true;
    }
  }

  /** Lets go of a job's lease; a failed write is reported, never the job's failure. */
  async release(id: string): Promise<void> {
    await this.store.release(id).catch((error: unknown) => this.persistenceFailed(`the lease of job ${id}`, error));
  }

  private persistenceFailed(what: string, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.log.warn(`could not keep ${what}: ${reason}`);
    if (!this.persistenceWarned) {
      this.persistenceWarned = true;
      this.warnOnce(reason);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const controller of this.controllers.values()) controller.abort(new Error('window closing'));
  }

  private deps(connection: Connection, job: LiveJob, controller: AbortController, lease: WatchLease | undefined): JobDeps {
    const timing = this.timing;
    return jobDeps('vscode', {
      jobId: job.id,
      client: connection.client,
      dispatcher: connection.dispatcher,
      clock: this.clock,
      signal: controller.signal,
      options: connection.options,
      gate: this.gate,
      region: connection.region,
      knownTaskIds: this.registry.knownTaskIds,
      pollSource: lease?.source,
      timingFor: timing
        ? (kind) => {
            job.timing = timing.timingFor(kind);
            return job.timing;
          }
        : undefined,
      onEvent: (event) => {
        if (event.type === 'status') this.learnOnce(connection);
        this.onEvent(job, event, controller);
      },
      keepRecord: (record) => this.keep(record, record.status === 'preparing'),
      beforePublish: async () => {
        if (await this.lease(job.id)) return;
        controller.abort(HANDED_OVER);
        throw leaseLostError(job.record.taskId);
      },
    });
  }

  /** Another window holds the job now: it finishes it; this one forgets its own copy and stops showing it. */
  private handOver(job: LiveJob): void {
    this.store.forget(job.id);
    this.registry.remove(job.id);
    this.log.info(`job ${job.id} continues in another window (its lease went to that window)`);
  }

  private onEvent(job: LiveJob, event: JobEvent, controller: AbortController): void {
    switch (event.type) {
      case 'phase':
        this.registry.setStatus(job, event.phase);
        job.resumed = false;
        this.log.info(`job ${job.id}: ${event.phase}`);
        break;
      case 'record':
        job.record = event.record;
        break;
      case 'submitted':
        this.log.info(`job ${job.id}: task ${event.taskId} (request ${event.requestId ?? 'found in the task list'})`);
        break;
      case 'status': {
        if (job.taskStatus !== event.status) this.log.info(`job ${job.id}: task ${job.record.taskId} ${event.status} (request ${event.requestId})`);
        job.taskStatus = event.status;
        if (event.times) job.times = event.times;
        // Looked up again at each answer: what the account's list or a sibling's take taught since shows at once.
        if (this.timing) job.timing = this.timing.timingFor({ model: job.record.wireModel, resolution: job.record.parameters?.resolution, duration: job.record.parameters?.duration, region: job.record.region });
        const status = statusOfTask(event.status);
        if (status) this.registry.setStatus(job, status);
        job.resumed = false;
        this.heartbeat(job, controller);
        break;
      }
      case 'retry':
        this.log.warn(`job ${job.id}: retrying ${event.what} in ${Math.round(event.delayMs)} ms after ${event.error.kind}: ${event.error.message}`);
        break;
      case 'note':
        this.log.info(`job ${job.id}: ${event.message.en}`);
        break;
      case 'saved':
        this.log.info(`job ${job.id}: saved ${event.videoPath}`);
        job.actualPrompt = event.actualPrompt;
        if (event.sidecarPath) this.learnFromTake(event.sidecarPath);
        break;
      case 'download':
        return;
    }
    this.registry.changed();
  }

  /** At the session's first poll: the account's recently finished tasks teach the timing model (one call, times only). */
  private learnOnce(connection: Connection): void {
    if (this.learntFromAccount || !this.timing) return;
    this.learntFromAccount = true;
    void learnFromAccount(this.timing, connection.client, this.clock.now()).then((learnt) => learnt > 0 && this.log.info(`timing: learnt from ${learnt} recent task(s) of the account`));
  }

  /** A take that just landed teaches the timing model; a take that cannot be read is skipped. */
  private learnFromTake(sidecarPath: string): void {
    const timing = this.timing;
    if (!timing) return;
    void readTake(sidecarPath)
      .then((read) => 'found' in read && timing.addTake(read.found))
      .catch(() => undefined);
  }

  /** Renews the lease at most every HEARTBEAT_MS; a lease another window holds now means this one lets the job go. */
  private heartbeat(job: LiveJob, controller: AbortController): void {
    const last = this.heartbeats.get(job.id) ?? 0;
    if (this.clock.now() - last < HEARTBEAT_MS) return;
    this.heartbeats.set(job.id, this.clock.now());
    void this.lease(job.id).then((held) => {
      if (!held && !controller.signal.aborted) controller.abort(HANDED_OVER);
    });
  }
}

/** A client that can list tasks (a test's fake may only query them): only those share a task watch. */
function listsTasks(client: unknown): client is EndpointClient {
  return typeof (client as Partial<EndpointClient> | undefined)?.listTasks === 'function';
}
