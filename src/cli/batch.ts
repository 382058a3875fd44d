import { backoffMs, type Clock } from '../core/base/clock';
import { type ErrorKind, internalError, isWanError, WanError } from '../core/errors/wanError';
import type { JobResult } from '../core/job/jobDeps';

/** One take of a batch: its place (0-based) and the seed it is made with. */
export interface BatchTake {
  index: number;
  seed: number;
}

/** How a take ended: saved, or not, and whether it was ever started (a stop or Ctrl+C keeps the rest from starting). */
export type TakeOutcome = { take: BatchTake; result: JobResult } | { take: BatchTake; error: WanError; started: boolean };

/**
 * The account's own stops, and refusals of the key or the endpoint: every create after one would be refused the same
 * way, so the takes not yet started are not sent. Takes already created go on (they are paid for).
 */
export const ACCOUNT_STOPS: readonly ErrorKind[] = ['budget', 'arrears', 'not-activated', 'quota', 'auth', 'access', 'model-not-authorized', 'retired', 'workspace', 'region'];

/** How often one take goes back to the queue after the service refused its create for load, before it ends with that. */
export const MAX_REQUEUES = 20;
const REQUEUE_BASE_MS = 2_000;
const REQUEUE_CAP_MS = 30_000;

export const NOT_SENT: WanError = new WanError({ kind: 'aborted', summary: { en: 'Interrupted before it was sent.', zh: '在发送前被中断。' } });

/**
 * The service refused the create for load, and nothing was made: the account runs all the tasks it may
 * (Throttling.Concurrency), or creates came too fast ("Request rate increased too quickly", after the create's own
 * retries). The take waits and goes again; it is not a failure.
 */
export function refusedForLoad(error: WanError): boolean {
  return (error.kind === 'concurrency' || error.kind === 'rate-limit') && error.step === 'submit' && error.taskId === undefined;
}

export interface BatchOptions {
  takes: readonly BatchTake[];
  /** How many takes may be on their way at once now: the account's concurrency for the model. */
  limit(): number;
  /** The service said the account runs all the tasks it may: hold the limit to what runs here now. */
  lower(running: number): void;
  /** One take, from plan to saved video; its create goes through the run's create gate. */
  run(take: BatchTake): Promise<JobResult>;
  clock: Clock;
  signal: AbortSignal;
  random?: () => number;
  onRequeue?(take: BatchTake, error: WanError, delayMs: number): void;
  /** Each take's end, as it happens. */
  onOutcome?(outcome: TakeOutcome): void;
}

/**
 * Runs the takes of a batch: started in order, at most `limit()` on their way at once (the rest wait here, not on the
 * service), each polled on its own. A take whose create is refused for load goes back to the front of the queue and
 * nothing new starts until its backoff has passed. A failure never cancels a sibling; an account stop keeps the takes
 * not yet started from being sent, and so does Ctrl+C. Resolves with every take's outcome, in take order.
 */
export function runBatch(options: BatchOptions): Promise<TakeOutcome[]> {
  const waiting = [...options.takes];
  const outcomes = new Map<number, TakeOutcome>();
  const requeues = new Map<number, number>();
  let running = 0;
  let holds = 0;
  let stop: WanError | undefined;

  return new Promise((resolve) => {
    const settle = (outcome: TakeOutcome) => {
      outcomes.set(outcome.take.index, outcome);
      options.onOutcome?.(outcome);
    };
    const pump = () => {
      const reason = stop ?? (options.signal.aborted ? NOT_SENT : undefined);
      if (reason) for (const take of waiting.splice(0)) settle({ take, error: reason, started: false });
      while (waiting.length > 0 && holds === 0 && running < Math.max(1, options.limit())) start(waiting.shift() as BatchTake);
      if (running === 0 && waiting.length === 0 && holds === 0) resolve(options.takes.map((take) => outcomes.get(take.index) as TakeOutcome));
    };
    const requeue = (take: BatchTake, error: WanError) => {
      const count = (requeues.get(take.index) ?? 0) + 1;
      requeues.set(take.index, count);
      if (error.kind === 'concurrency') options.lower(running);
      const delay = error.retryAfterMs ?? backoffMs(count, REQUEUE_BASE_MS, REQUEUE_CAP_MS, options.random);
      waiting.unshift(take);
      holds++;
      options.onRequeue?.(take, error, delay);
      const release = () => {
        holds--;
        pump();
      };
      options.clock.sleep(delay, options.signal).then(release, release);
    };
    const ended = (take: BatchTake, thrown: unknown) => {
      const error = isWanError(thrown) ? thrown : internalError(thrown);
      if (refusedForLoad(error) && (requeues.get(take.index) ?? 0) < MAX_REQUEUES && !options.signal.aborted && !stop) {
        requeue(take, error);
        return;
      }
      if (ACCOUNT_STOPS.includes(error.kind) && error.taskId === undefined) stop ??= error;
      settle({ take, error, started: true });
    };
    const start = (take: BatchTake) => {
      running++;
      Promise.resolve()
        .then(() => options.run(take))
        .then(
          (result) => {
            running--;
            settle({ take, result });
            pump();
          },
          (thrown: unknown) => {
            running--;
            ended(take, thrown);
            pump();
          },
        );
    };
    pump();
  });
}
