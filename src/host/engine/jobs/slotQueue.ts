import type { AccountLimits } from '../../../core/service/accountLimits';
import type { WanError } from '../../../core/errors/wanError';
import type { GenerationPlan } from '../../../core/inputs/request';
import { startable } from '../../../core/job/localQueue';
import type { JobParent } from '../../../core/job/jobRecord';
import type { LiveJob } from './liveJob';

/** After the service says the account runs too many tasks and none of ours is running to end first: look again then. */
export const CONCURRENCY_PAUSE_MS = 30_000;
/** How often one job goes back to the queue after Throttling.Concurrency before it ends with that error. */
const CONCURRENCY_REQUEUES = 20;
/** A create refused for load ("rate increased too quickly") waits this long before its first new try, doubling to the cap. */
export const RATE_BACKOFF_MS = 5_000;
const RATE_BACKOFF_CAP_MS = 120_000;
const RATE_REQUEUES = 8;

/** A checked plan waiting for a slot of its model; `requeued` counts its returns after Throttling.Concurrency. */
export interface Waiting {
  job: LiveJob;
  plan: GenerationPlan;
  family: GenerationPlan['spec']['id'];
  requeued: number;
  /** Not started before this time (epoch ms): a create refused for load backs off. */
  notBefore?: number;
  outputDir?: string;
  parent?: JobParent;
}

/**
 * Jobs waiting for a slot, started in the order asked within each model's concurrency on the account (the quota
 * API's answer, else the catalog's: core/job/localQueue.ts). A job of another model is not held up behind them.
 */
export class SlotQueue {
  private readonly waiting: Waiting[] = [];
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private backoff: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly limits: AccountLimits,
    /** How many jobs of a model are on their way now. */
    private readonly active: (family: string) => number,
    private readonly start: (entry: Waiting) => void,
    private readonly log: { warn(line: string): void },
    private readonly now: () => number = Date.now,
  ) {}

  push(entry: Waiting): void {
    this.waiting.push(entry);
    // A job of a model not yet looked up waits for the account's answer (bounded by the lookup's timeout).
    void this.limits.ensure(entry.family, entry.plan.wireModel).then(() => this.disposed || this.pump());
    this.pump();
  }

  /** The waiting entries of one batch (an account stop keeps them from being sent). */
  waitingOf(batchId: string): Waiting[] {
    return this.waiting.filter((entry) => entry.parent?.kind === 'batch' && entry.parent.id === batchId);
  }

  /** Takes a job out of the queue (a cancel before it started); undefined when it is not waiting. */
  remove(jobId: string): Waiting | undefined {
    const index = this.waiting.findIndex((entry) => entry.job.id === jobId);
    return index < 0 ? undefined : this.waiting.splice(index, 1)[0];
  }

  pump(): void {
    if (this.disposed) return;
    const now = this.now();
    const ready = this.waiting.filter((entry) => this.limits.settled(entry.plan.wireModel) && (entry.notBefore ?? 0) <= now);
    for (const entry of startable(ready, (family) => this.active(family), (family) => this.limits.limit(family))) {
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      this.start(entry);
    }
  }

  /**
   * Throttling.Concurrency on a create: the service said no, so nothing was made. The job goes back to the front of
   * the queue, the model's local limit drops to what runs now, and the queue is looked at again when one of ours
   * ends, or after a pause when none is running. False when the job is not to be requeued (it ends with the error).
   */
  requeue(entry: Waiting, error: WanError): boolean {
    if (error.kind === 'rate-limit') return this.backOff(entry);
    if (error.kind !== 'concurrency' || entry.job.record.taskId || entry.requeued >= CONCURRENCY_REQUEUES || this.disposed) return false;
    const running = this.active(entry.family);
    this.limits.lower(entry.family, running);
    // Held back by the account's concurrency now, not by an earlier rate-limit backoff (which would let it go at once).
    entry.notBefore = undefined;
    entry.requeued++;
    entry.job.record = { ...entry.job.record, status: 'waiting-for-slot' };
    this.waiting.unshift(entry);
    this.log.warn(`job ${entry.job.id}: the account runs too many ${entry.plan.wireModel} tasks; back in the queue (${running} running here)`);
    if (running === 0 && !this.recheck) {
      this.recheck = setTimeout(() => {
        this.recheck = undefined;
        this.pump();
      }, CONCURRENCY_PAUSE_MS);
    }
    return true;
  }

  /**
   * A create refused for load (Throttling, "Request rate increased too quickly") after the submit's own retries: the
   * service made nothing, so the take waits its turn again, later each time, and is not counted as failed.
   */
  private backOff(entry: Waiting): boolean {
    if (entry.job.record.taskId || entry.requeued >= RATE_REQUEUES || this.disposed) return false;
    const delay = Math.min(RATE_BACKOFF_CAP_MS, RATE_BACKOFF_MS * 2 ** entry.requeued);
    entry.requeued++;
    entry.notBefore = this.now() + delay;
    entry.job.record = { ...entry.job.record, status: 'waiting-for-slot' };
    this.waiting.unshift(entry);
    this.log.warn(`job ${entry.job.id}: the service refused the create for load; trying again in ${Math.round(delay / 1000)} s`);
    this.wakeAt(entry.notBefore);
    return true;
  }

  /** One timer for the earliest backed-off entry (a one-shot, re-armed as entries come and go). */
  private wakeAt(at: number): void {
    clearTimeout(this.backoff);
    const next = Math.min(at, ...this.waiting.map((entry) => entry.notBefore ?? Number.POSITIVE_INFINITY));
    this.backoff = setTimeout(() => {
      this.backoff = undefined;
      this.pump();
      const later = this.waiting.filter((entry) => (entry.notBefore ?? 0) > this.now());
      if (later.length > 0) this.wakeAt(Math.min(...later.map((entry) => entry.notBefore ?? 0)));
    }, Math.max(0, next - this.now()));
  }

  /** Whether the queue holds a job of `family` back only because the service said the account is full. */
  heldBack(family: string): boolean {
    return this.waiting.some((entry) => entry.family === family && entry.requeued > 0 && entry.notBefore === undefined) && this.active(family) === 0;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.recheck);
    clearTimeout(this.backoff);
  }
}
