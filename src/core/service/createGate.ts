import type { Clock } from '../base/clock';

/**
 * One create of a model at a time, per endpoint: what makes "exactly once" hold for siblings. While a create is in
 * flight — and while a lost answer is looked for in the task list — no other create of that model leaves this
 * process, so a task found in the list inside that create's window can only be that create's (or another tool's,
 * which the window keeps rare). Polls never pass through it: they stay parallel.
 *
 * A gate belongs to whoever runs jobs (the extension's job manager, one CLI run); it is never module-global, so two
 * runners in one process (tests) do not serialise each other.
 */
export class CreateGate {
  private readonly lanes = new Map<string, Promise<unknown>>();
  /** Every task id a create or a lookup through this gate came back with: a later lookup never adopts one. */
  private readonly owned = new Set<string>();
  private readonly lastCreate = new Map<string, number>();

  constructor(
    /** The least time between two creates of one lane (a burst is refused as "rate increased too quickly"). */
    private readonly spacingMs = 0,
    private readonly clock?: Clock,
  ) {}

  /** The lane of a model on an endpoint. */
  static lane(baseUrl: string, wireModel: string): string {
    return `${baseUrl.replace(/\/+$/, '')}\n${wireModel}`;
  }

  /** Runs `work` once nothing else of `lane` is in flight; the next one waits for it to settle, success or not. */
  exclusive<T>(lane: string, work: () => Promise<T>): Promise<T> {
    const before = this.lanes.get(lane) ?? Promise.resolve();
    const turn = before.then(async () => {
      await this.spaced(lane);
      try {
        return await work();
      } finally {
        this.lastCreate.set(lane, this.clock?.now() ?? Date.now());
      }
    });
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.lanes.set(lane, settled);
    void settled.then(() => {
      if (this.lanes.get(lane) === settled) this.lanes.delete(lane);
    });
    return turn;
  }

  claim(taskId: string): void {
    this.owned.add(taskId);
  }

  owns(taskId: string): boolean {
    return this.owned.has(taskId);
  }

  private async spaced(lane: string): Promise<void> {
    const last = this.lastCreate.get(lane);
    if (last === undefined || this.spacingMs <= 0 || !this.clock) return;
    const wait = last + this.spacingMs - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }
}
