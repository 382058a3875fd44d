import type { Clock } from '../base/clock';
import { isWanError } from '../errors/wanError';
import { abortedError } from '../net/abort';
import type { CallOptions, TaskCreator, TaskSource } from './client';
import type { PollSource } from './poll';
import { type ListedTask, type TaskQueryResponse, TaskQueryResponseSchema } from './schemas';
import { beijingTimeText, listedTimes, queriedTimes, type TaskTimes } from './taskTimes';

/** What watching needs of one key at one endpoint: the task list, and a task's own query. */
export type WatchClient = TaskSource & Pick<TaskCreator, 'listTasks'>;

export interface TaskWatchOptions {
  clock: Clock;
  /** Rows asked per page; the task list's maximum is undocumented (addendum §A8.7), so a smaller answer is read as its page size. */
  pageSize?: number;
  /** Pages read per tick; past them, tasks not yet found are queried one by one. */
  maxPages?: number;
  /** The least time between two ticks, and what each status request of this watcher costs of the account's budget (one a second). */
  intervalMs?: number;
  /** Every row of every list (the finished ones teach job/timingModel.ts). */
  onListed?: (tasks: readonly ListedTask[]) => void;
  /** A watched task's status changed, whether the list or its own query said so. */
  onStatus?: (taskId: string, status: string) => void;
}

interface Watched {
  submittedAt: number;
  /** False while submittedAt is only when watching began (a resumed task may be older). */
  submitKnown: boolean;
  model?: string;
  /** Queried one by one from now on: the list said nothing usable of it twice. */
  direct: boolean;
  misses: number;
  askedAt: number;
  status?: string;
}

type TickResult = { ok: true; rows: Map<string, ListedTask>; complete: boolean; from: number; requestId?: string } | { ok: false };

interface Tick {
  startsAt: number;
  settled: boolean;
  result: Promise<TickResult>;
}

const LIVE = new Set(['PENDING', 'RUNNING']);
const ENDED = new Set(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);
/** Around the window's start: our clock and the service's differ, and a create is logged when it is received. */
const WINDOW_SLACK_MS = 2 * 60_000;
/** A listed creation time this far from the task's known submit time is another clock or time zone, not this task's. */
const SAME_TIME_MS = 5 * 60_000;
const MAX_MISSES = 2;
/** A task nobody asked about for this long is no longer watched (its job ended or was stopped). */
const FORGET_AFTER_MS = 10 * 60_000;
/** After this many failed ticks in a row, or any refusal that will not change (401/403/404), the list rests. */
const MAX_FAILED_TICKS = 3;
const LIST_REST_MS = 5 * 60_000;

/**
 * One task-list call per tick for every live task of one key at one endpoint. Our rows that are PENDING or RUNNING
 * answer their tasks' polls; a task of ours in any other state has left the live set and gets one query of its own
 * (for its end and video_url); a task the list says nothing usable of (absent, malformed, another clock) is queried
 * on its own too, and after twice only on its own. Other tools' rows are read past, never queried. A refused, failing
 * or endless list makes every poll a task query again, as without a watcher.
 *
 * It is a poll source (poll.ts): share one between the jobs of a key and endpoint, and each job's pollTask lands its
 * waits on ticks already planned (alignDelay), so eight jobs cost one list call per tick.
 */
export class TaskWatch implements PollSource {
  readonly stats = { ticks: 0, listRequests: 0, taskQueries: 0 };
  private readonly watched = new Map<string, Watched>();
  private tick: Tick | undefined;
  private planned: number[] = [];
  /** No list starts before this: each status request spends intervalMs of the account's budget. */
  private budgetAt = Number.NEGATIVE_INFINITY;
  private failedTicks = 0;
  private restUntil = Number.NEGATIVE_INFINITY;
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly intervalMs: number;

  constructor(
    private readonly client: WatchClient,
    private readonly options: TaskWatchOptions,
  ) {
    this.pageSize = options.pageSize ?? 100;
    this.maxPages = options.maxPages ?? 3;
    this.intervalMs = options.intervalMs ?? 1000;
  }

  /** Watches a task before its first poll; with its submit time (a record's) the first tick can already find it. */
  watch(taskId: string, known: { submittedAt?: number; model?: string } = {}): void {
    const entry = this.entry(taskId);
    if (known.submittedAt !== undefined) Object.assign(entry, { submittedAt: known.submittedAt, submitKnown: true });
    if (known.model !== undefined) entry.model = known.model;
  }

  forget(taskId: string): void {
    this.watched.delete(taskId);
  }

  /** The task's state: from this tick's list when it says so soundly, else from the task's own query. */
  async getTask(taskId: string, options: CallOptions = {}): Promise<TaskQueryResponse> {
    const entry = this.entry(taskId);
    entry.askedAt = this.options.clock.now();
    if (entry.direct || this.options.clock.now() < this.restUntil) return this.query(taskId, entry, options, false);
    const result = await untilAborted(this.currentTick().result, options.signal);
    if (!result.ok) return this.query(taskId, entry, options, false);
    const row = result.rows.get(taskId);
    const answer = row ? this.fromRow(row, entry, result.requestId) : undefined;
    if (answer) {
      entry.misses = 0;
      this.report(taskId, entry, answer.output.task_status);
      return answer;
    }
    // A row of ours that has ended left the live set: its one query reads the end. Absent from a list that covers
    // its submit time, or there but unsound, it is a miss; a task not yet placed in time (resumed) is not.
    const left = row !== undefined && ENDED.has(row.status ?? '');
    const unaccounted = row === undefined && result.complete && entry.submittedAt >= result.from;
    if (entry.submitKnown && ((row !== undefined && !left) || unaccounted)) entry.direct = ++entry.misses >= MAX_MISSES;
    return this.query(taskId, entry, options, true);
  }

  /** Moves a wait earlier onto a tick another task already planned (a shared tick is free), or plans one. */
  alignDelay(taskId: string, delayMs: number): number {
    const now = this.options.clock.now();
    const wanted = now + delayMs;
    this.planned = this.planned.filter((at) => at > now);
    if (this.watched.get(taskId)?.direct) return delayMs;
    const earliest = Math.max(wanted - Math.max(this.intervalMs, 0.3 * delayMs), now + this.intervalMs);
    const shared = this.planned.filter((at) => at >= earliest && at <= wanted);
    if (shared.length > 0) return Math.max(...shared) - now;
    this.planned.push(wanted);
    return delayMs;
  }

  private entry(taskId: string): Watched {
    let entry = this.watched.get(taskId);
    if (!entry) {
      const now = this.options.clock.now();
      entry = { submittedAt: now, submitKnown: false, direct: false, misses: 0, askedAt: now };
      this.watched.set(taskId, entry);
    }
    return entry;
  }

  /**
   * The task's own query. What the list path asks besides its ticks is charged to the list's budget (`spend`); a poll
   * that falls back from a failed or resting list is what it would have been without a watcher, and is not.
   */
  private async query(taskId: string, entry: Watched, options: CallOptions, spend: boolean): Promise<TaskQueryResponse> {
    if (spend) this.spend();
    this.stats.taskQueries++;
    const answer = await this.client.getTask(taskId, options);
    const submittedAt = queriedTimes(answer.output, this.options.clock.now()).submittedAt;
    if (submittedAt !== undefined) Object.assign(entry, { submittedAt, submitKnown: true });
    this.report(taskId, entry, answer.output.task_status);
    if (ENDED.has(answer.output.task_status)) this.watched.delete(taskId);
    return answer;
  }

  /** The tick a poll asked for now joins: one in flight or just done, one waiting for the budget, or a new one. */
  private currentTick(): Tick {
    const now = this.options.clock.now();
    if (this.tick && (!this.tick.settled || this.tick.startsAt >= now - this.intervalMs)) return this.tick;
    const tick: Tick = { startsAt: Math.max(now, this.budgetAt), settled: false, result: Promise.resolve({ ok: false }) };
    tick.result = this.listAt(tick.startsAt).finally(() => (tick.settled = true));
    this.tick = tick;
    return tick;
  }

  private async listAt(startsAt: number): Promise<TickResult> {
    const wait = startsAt - this.options.clock.now();
    if (wait > 0) await this.options.clock.sleep(wait).catch(() => undefined);
    try {
      const result = await this.list();
      this.failedTicks = 0;
      return result;
    } catch (error) {
      const lasting = isWanError(error) && [401, 403, 404].includes(error.status ?? 0);
      if (lasting || ++this.failedTicks >= MAX_FAILED_TICKS) this.restUntil = this.options.clock.now() + LIST_REST_MS;
      return { ok: false };
    }
  }

  private async list(): Promise<TickResult> {
    const now = this.options.clock.now();
    for (const [taskId, entry] of this.watched) if (now - entry.askedAt > FORGET_AFTER_MS) this.watched.delete(taskId);
    const live = [...this.watched.values()].filter((entry) => !entry.direct);
    const from = Math.max(Math.min(now, ...live.map((entry) => entry.submittedAt)) - WINDOW_SLACK_MS, now - 24 * 3600_000 + WINDOW_SLACK_MS);
    const models = new Set(live.map((entry) => entry.model));
    const modelName = models.size === 1 ? [...models][0] : undefined;
    const rows = new Map<string, ListedTask>();
    let requestId: string | undefined;
    this.stats.ticks++;
    for (let pageNo = 1; pageNo <= this.maxPages; pageNo++) {
      this.spend();
      this.stats.listRequests++;
      const page = await this.client.listTasks({ startTime: new Date(from), endTime: new Date(now + WINDOW_SLACK_MS), modelName, pageNo, pageSize: this.pageSize });
      requestId ??= page.request_id;
      this.options.onListed?.(page.data);
      const fresh = page.data.filter((row) => !rows.has(row.task_id));
      for (const row of fresh) rows.set(row.task_id, row);
      const pageSize = Math.min(this.pageSize, page.page_size ?? this.pageSize);
      const lastPage = page.total_page !== undefined ? pageNo >= page.total_page : page.data.length < pageSize;
      if (lastPage) return { ok: true, rows, complete: true, from, requestId };
      // A page that brings nothing new is a list going round in circles: what it has not shown, it will not.
      if (fresh.length === 0) break;
    }
    return { ok: true, rows, complete: false, from, requestId };
  }

  /** Our row as a task answer, when it says soundly that the task is live; undefined otherwise. */
  private fromRow(row: ListedTask, entry: Watched, requestId: string | undefined): TaskQueryResponse | undefined {
    const status = row.status ?? '';
    // A task does not go back to the queue: a list saying so lags behind what we saw.
    if (!LIVE.has(status) || (status === 'PENDING' && entry.status === 'RUNNING')) return undefined;
    const times: TaskTimes = listedTimes(row, this.options.clock.now());
    if (times.submittedAt === undefined || (status === 'RUNNING' && times.scheduledAt === undefined)) return undefined;
    // Created far from when we know (or, watched from its start, saw) it was: another clock or time zone, or a
    // resumed task whose own query must first say when it was submitted.
    if (Math.abs(times.submittedAt - entry.submittedAt) > SAME_TIME_MS) return undefined;
    Object.assign(entry, { submittedAt: times.submittedAt, submitKnown: true });
    const output = {
      task_id: row.task_id,
      task_status: status,
      submit_time: beijingTimeText(times.submittedAt),
      ...(times.scheduledAt !== undefined ? { scheduled_time: beijingTimeText(times.scheduledAt) } : {}),
    };
    const parsed = TaskQueryResponseSchema.safeParse({ request_id: requestId || `task-list:${row.task_id}`, output });
    return parsed.success ? parsed.data : undefined;
  }

  private spend(): void {
    this.budgetAt = Math.max(this.budgetAt, this.options.clock.now()) + this.intervalMs;
  }

  private report(taskId: string, entry: Watched, status: string): void {
    if (entry.status === status) return;
    entry.status = status;
    this.options.onStatus?.(taskId, status);
  }
}

/** The shared tick's result, or the typed `aborted` error as soon as this caller's own signal fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}
