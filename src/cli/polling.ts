import type { Clock } from '../core/base/clock';
import { learnFromAccount, type TaskKind, TimingModel } from '../core/job/timingModel';
import type { FoundTake } from '../core/output/takeReader';
import type { CallOptions, DashScopeClient } from '../core/service/client';
import { estimateEta, type Eta } from '../core/service/eta';
import type { PollSource } from '../core/service/poll';
import type { TaskQueryResponse } from '../core/service/schemas';
import { queriedTimes } from '../core/service/taskTimes';
import { TaskWatch } from '../core/service/taskWatch';

/**
 * The polling of one CLI run: every job's polls go through one task watch (one task-list call per tick for all live
 * tasks of the run), and every answer is kept so each progress line can say how long is left, learnt from the takes
 * beside the output and the account's recent tasks.
 */
export class CliPolling {
  readonly timing: TimingModel;
  private readonly watch: TaskWatch;
  private readonly answers = new Map<string, TaskQueryResponse['output']>();
  private learning: Promise<number> | undefined;

  constructor(
    private readonly base: DashScopeClient,
    private readonly clock: Clock,
  ) {
    this.timing = new TimingModel(() => clock.now());
    this.watch = new TaskWatch(base, { clock, onListed: (tasks) => this.timing.addListed(tasks) });
  }

  /** Learns from takes already on disk (the output folder's). */
  learnTakes(takes: readonly FoundTake[]): number {
    return this.timing.addTakes(takes);
  }

  /**
   * The client a job runs with: the run's own, except that a task's state comes through the shared watch (which
   * also moves each wait onto a tick another task already planned). The job's code is the same either way.
   */
  client(): DashScopeClient {
    const wrapped = Object.create(this.base) as DashScopeClient & PollSource;
    wrapped.getTask = (taskId: string, options?: CallOptions) => this.getTask(taskId, options);
    wrapped.alignDelay = (taskId: string, delayMs: number) => this.watch.alignDelay(taskId, delayMs);
    return wrapped;
  }

  /** A task was just created: watch it from its submit, and learn the account's recent times once per run. */
  submitted(taskId: string, model: string): void {
    this.watch.watch(taskId, { submittedAt: this.clock.now(), model });
    this.learning ??= learnFromAccount(this.timing, this.base, this.clock.now());
  }

  /** The ETA of a task from its last answer; undefined before its first answer or after its end. */
  eta(taskId: string, kind: TaskKind): Eta | undefined {
    const output = this.answers.get(taskId);
    if (!output) return undefined;
    const now = this.clock.now();
    return estimateEta(output.task_status, queriedTimes(output, now), this.timing.timingFor(kind), now);
  }

  /** Waits for the one look at the account's recent tasks, if one was made (so nothing is left in flight). */
  async settled(): Promise<void> {
    await this.learning;
  }

  private async getTask(taskId: string, options?: CallOptions): Promise<TaskQueryResponse> {
    const answer = await this.watch.getTask(taskId, options);
    this.answers.set(taskId, answer.output);
    if (!['PENDING', 'RUNNING'].includes(answer.output.task_status)) this.watch.forget(taskId);
    return answer;
  }
}
