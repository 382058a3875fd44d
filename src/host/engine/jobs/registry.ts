import type { KnownTaskIds } from '../../../core/service/taskLookup';
import { isActive, type JobStatus } from '../../../shared/jobStatus';
import { Emitter } from '../emitter';
import type { Finished, LiveJob } from './liveJob';

/** The jobs this window knows, newest first, and the events the panel, the status bar and the notifier follow. */
export class JobRegistry {
  private readonly jobs = new Map<string, LiveJob>();
  private readonly changedEmitter = new Emitter<void>();
  private readonly finishedEmitter = new Emitter<Finished>();
  /** Something about the jobs changed (the panel and the status bar redraw). */
  readonly onDidChange = this.changedEmitter.event;
  /** A job saved its video or settled its end (the notifier tells the user). */
  readonly onDidFinish = this.finishedEmitter.event;

  /** Every task id a job of this window holds: a lost create's lookup never adopts one of them. */
  readonly knownTaskIds: KnownTaskIds = { has: (taskId) => [...this.jobs.values()].some((job) => job.record.taskId === taskId) };

  list(): LiveJob[] {
    return [...this.jobs.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: string): LiveJob | undefined {
    return this.jobs.get(id);
  }

  has(id: string): boolean {
    return this.jobs.has(id);
  }

  running(): LiveJob[] {
    return this.list().filter((job) => isActive(job.record.status));
  }

  /** How many jobs of a model are on their way (queued locally not counted). */
  active(family: string): number {
    return this.running().filter((job) => job.record.status !== 'waiting-for-slot' && job.record.family === family).length;
  }

  add(job: LiveJob): void {
    this.jobs.set(job.id, job);
  }

  /** Another window took the job over: this one no longer shows or runs it. */
  remove(id: string): void {
    this.jobs.delete(id);
  }

  setStatus(job: LiveJob, status: JobStatus): void {
    job.record = { ...job.record, status };
  }

  /** Resolves once a job's create has its answer (a task id) or the job ended: what a cancel during a create waits for. */
  createSettled(job: LiveJob): Promise<void> {
    const settled = () => job.record.taskId !== undefined || job.record.status !== 'submitting';
    if (settled()) return Promise.resolve();
    return new Promise((resolve) => {
      const subscription = this.onDidChange(() => {
        if (!settled()) return;
        subscription.dispose();
        resolve();
      });
    });
  }

  changed(): void {
    this.changedEmitter.fire();
  }

  finished(finished: Finished): void {
    this.finishedEmitter.fire(finished);
  }

  dispose(): void {
    this.changedEmitter.dispose();
    this.finishedEmitter.dispose();
  }
}
