import { randomUUID } from 'node:crypto';

export type SimStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

export interface SimTask {
  id: string;
  model: string;
  route: string;
  status: SimStatus;
  createdAt: number;
  scheduledAt?: number;
  endedAt?: number;
  requestId: string;
  prompt: string | null;
  promptExtend: boolean;
  resolution: string;
  duration: number;
  inputs: { first: string; last: string; audio?: string };
  firstSize: { width: number; height: number };
  outcome: { status: 'SUCCEEDED' } | { status: 'FAILED'; code: string; message: string };
  videoFile?: string;
  apiKey: string;
  completing?: boolean;
  /** wan2.7 continuing a clip: the clip's file and length (the video starts with it and lasts `duration`). */
  clip?: { file: string; seconds: number };
  /** Wan 3.0: the resolved ratio and whether the video has sound. */
  shape?: { ratio: string; sound: boolean };
}

/**
 * Task states and the per-model concurrency limit: a task beyond the limit waits in PENDING until a running one
 * ends (dashscope-api.md §9.1 says queued; UNCONFIRMED, and this is the tolerant reading).
 */
export class TaskBoard {
  readonly tasks = new Map<string, SimTask>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly concurrencyOf: (model: string) => number,
    private readonly timing: () => { pendingMs: number; runningMs: number },
    private readonly finish: (task: SimTask) => Promise<void>,
    private readonly now: () => number,
  ) {}

  add(task: Omit<SimTask, 'id' | 'status' | 'createdAt'>): SimTask {
    const created: SimTask = { ...task, id: randomUUID(), status: 'PENDING', createdAt: this.now() };
    this.tasks.set(created.id, created);
    this.later(this.timing().pendingMs, () => this.tryStart(created.model));
    return created;
  }

  cancel(task: SimTask): boolean {
    if (task.status !== 'PENDING') return false;
    task.status = 'CANCELED';
    task.endedAt = this.now();
    return true;
  }

  /** Re-checks every queue, e.g. after the timing changed. */
  poke(): void {
    for (const model of new Set([...this.tasks.values()].map((task) => task.model))) this.tryStart(model);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private running(model: string): number {
    return [...this.tasks.values()].filter((task) => task.model === model && task.status === 'RUNNING').length;
  }

  private tryStart(model: string): void {
    const limit = this.concurrencyOf(model);
    const waiting = [...this.tasks.values()]
      .filter((task) => task.model === model && task.status === 'PENDING' && this.now() - task.createdAt >= this.timing().pendingMs - 1)
      .sort((a, b) => a.createdAt - b.createdAt);
    for (const task of waiting) {
      if (this.running(model) >= limit) return;
      task.status = 'RUNNING';
      task.scheduledAt = this.now();
      this.later(this.timing().runningMs, () => {
        void this.complete(task);
      });
    }
  }

  /** Ends every RUNNING task after `ms`, whatever its original timer said. */
  hurry(ms: number): void {
    for (const task of this.tasks.values()) {
      if (task.status === 'RUNNING') this.later(ms, () => void this.complete(task));
    }
  }

  private async complete(task: SimTask): Promise<void> {
    if (task.status !== 'RUNNING' || task.completing) return;
    task.completing = true;
    try {
      if (task.outcome.status === 'SUCCEEDED') await this.finish(task);
      task.status = task.outcome.status;
    } catch (error) {
      task.outcome = { status: 'FAILED', code: 'InternalError.Algo', message: `simulator render failed: ${String(error)}` };
      task.status = 'FAILED';
    }
    task.endedAt = this.now();
    this.tryStart(task.model);
  }

  private later(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
  }
}

/**
 * A task another tool (or another key) made on the same account: the task list shows every task of the account
 * (addendum §A8.2), so a client must read past these rows. Listed here, never run, queried or canceled.
 */
export interface OtherTask {
  id: string;
  model: string;
  route: string;
  apiKeyId: string;
  status: SimStatus;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
}

/** Another tool's task created `agoMs` before `now`, RUNNING unless told otherwise. */
export function otherTask(now: number, fields: Partial<OtherTask> & { agoMs?: number } = {}): OtherTask {
  const { agoMs = 30_000, ...rest } = fields;
  const status = rest.status ?? 'RUNNING';
  return {
    id: randomUUID(),
    model: 'vidu/viduq3-pro_start-end2video',
    route: 'video-generation',
    apiKeyId: 'another-tool',
    status,
    createdAt: now - agoMs,
    ...(status === 'PENDING' ? {} : { startedAt: now - agoMs + 500 }),
    ...(['SUCCEEDED', 'FAILED', 'CANCELED'].includes(status) ? { endedAt: now - 1000 } : {}),
    ...rest,
  };
}
