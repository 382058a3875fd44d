import type { QuotaListResponse } from './schemas';
import { isWanError } from '../errors/wanError';
import { MODELS, type ModelId } from '../catalog/models';

export type LimitsLookup = (wireModel: string, signal: AbortSignal) => Promise<QuotaListResponse>;

/** How long one look at the quota API may take before the catalog's numbers are used instead. */
export const LIMITS_LOOKUP_TIMEOUT_MS = 10_000;

/** The concurrency the quota API gives a model: the workspace's own cap when it has one, else the account's. */
export function concurrencyOf(response: QuotaListResponse, wireModel: string): number | undefined {
  const entry = response.output.quotas.find((quota) => quota.model === wireModel);
  const value = entry?.workspace_limit?.async_user_concurrency_limit ?? entry?.model_limit?.async_user_concurrency_limit;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : undefined;
}

/**
 * How many tasks of each model the account runs at once: read from the quota API once per session per model
 * (addendum §A3), one lookup at a time, else the catalog's number. A lookup that fails or is refused leaves the
 * catalog's number and never holds a job back for longer than its timeout; a refusal (the key may not read quotas)
 * stops further lookups for the session.
 */
export class AccountLimits {
  private readonly learned = new Map<ModelId, number>();
  private readonly looked = new Map<string, Promise<void>>();
  private readonly done = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private refused = false;

  constructor(
    private readonly lookup: LimitsLookup | undefined,
    private readonly log: (line: string) => void = () => undefined,
    private readonly timeoutMs = LIMITS_LOOKUP_TIMEOUT_MS,
  ) {}

  /** The number of `family` jobs that may run at once now. */
  limit(family: ModelId): number {
    return this.learned.get(family) ?? MODELS[family].concurrency;
  }

  /** True once the lookup for this model ended (or there is none to make): jobs of it may start. */
  settled(wireModel: string): boolean {
    return !this.lookup || this.refused || this.done.has(wireModel);
  }

  /** Looks the model up if this session has not; resolves when its limit is known or the catalog's stands. */
  ensure(family: ModelId, wireModel: string): Promise<void> {
    if (!this.lookup || this.refused) return Promise.resolve();
    const existing = this.looked.get(wireModel);
    if (existing) return existing;
    const lookup = this.lookup;
    const run = this.queue.then(async () => {
      if (this.refused) return;
      try {
        const concurrency = concurrencyOf(await lookup(wireModel, AbortSignal.timeout(this.timeoutMs)), wireModel);
        if (concurrency !== undefined) {
          this.learned.set(family, concurrency);
          this.log(`quota: ${wireModel} runs ${concurrency} task(s) at a time on this account`);
        } else this.log(`quota: no concurrency listed for ${wireModel}; using ${MODELS[family].concurrency}`);
      } catch (error) {
        if (isWanError(error) && (error.status === 401 || error.status === 403)) this.refused = true;
        this.log(`quota: lookup for ${wireModel} failed (${isWanError(error) ? `${error.kind} ${error.code ?? error.status ?? ''}` : String(error)}); using ${MODELS[family].concurrency}`);
      } finally {
        this.done.add(wireModel);
      }
    });
    this.queue = run;
    this.looked.set(wireModel, run);
    return run;
  }

  /** The service said the account runs too many tasks (Throttling.Concurrency): hold it to what runs now. */
  lower(family: ModelId, running: number): void {
    this.learned.set(family, Math.max(1, Math.min(this.limit(family), running)));
  }
}
