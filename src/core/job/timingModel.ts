import { modelFamily } from '../catalog/models';
import type { FoundTake } from '../output/takeReader';
import type { CallOptions, TaskCreator } from '../service/client';
import type { ListedTask } from '../service/schemas';
import { listedTimes, queriedTimes, type TaskTimes } from '../service/taskTimes';
import { fitLogNormal, type LogNormal, type TaskTiming, type TimingLevel } from '../service/timeDistribution';

/** What a task's running time depends on: the model, the resolution, the length asked for, the region. */
export interface TaskKind {
  /** The model as sent or as its family (dated snapshots and regional ids map to their family). */
  model: string;
  resolution?: string;
  /** Seconds; -1 asked the model to choose. */
  duration?: number;
  region?: string;
}

interface Sample {
  taskId: string;
  runningMs: number;
  queueMs?: number;
  endedAt: number;
}

interface Group {
  family: string;
  /** Empty for tasks known only from the task list, which says nothing of resolution or duration. */
  resolution: string;
  bucket: string;
  region: string;
  samples: Sample[];
}

/** Fewer finished tasks than this are no basis for a number. */
export const MIN_SAMPLES = 3;
/** Each kind keeps its newest finished tasks only: the service changes, and the model stays small. */
export const MAX_SAMPLES_PER_KIND = 32;
const MAX_KINDS = 128;
/**
 * How much spread a looser kind adds to what it learnt (in σ of ln ms): a region differs a little, another resolution
 * or length a lot, and a task that runs far from a loose estimate must still be polled sensibly.
 */
const LOOSENESS: Record<TimingLevel, number> = { kind: 0, 'kind-any-region': 0.1, model: 0.3, 'model-any-region': 0.3 };
/** Running times outside these bounds are not a running time (the service fails a task after 3 h). */
const MIN_RUNNING_MS = 1_000;
const MAX_RUNNING_MS = (3 * 60 + 10) * 60_000;
const MAX_QUEUE_MS = 24 * 3600_000;

/**
 * What this machine has learnt of how long tasks queue and run, per kind of task, from the user's takes and the
 * account's finished tasks in the task list (times only). Small and in memory: files are the database, so a session
 * rebuilds it from the takes it scans and keeps it current as takes land.
 */
export class TimingModel {
  private readonly groups = new Map<string, Group>();
  /** Which group holds each task, so a task seen twice (take and list) counts once. */
  private readonly where = new Map<string, string>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Learns a take's queue and running times; false when it has none that make sense (it is skipped). */
  addTake(found: FoundTake): boolean {
    const take = found.take;
    const family = modelFamily(String(take.family)) ?? modelFamily(String(take.model));
    const times = take.times as { submit?: unknown; scheduled?: unknown; end?: unknown } | undefined;
    if (!family || !times || typeof take.taskId !== 'string') return false;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const read = queriedTimes({ submit_time: text(times.submit), scheduled_time: text(times.scheduled), end_time: text(times.end) }, this.now());
    const parameters = take.parameters as { resolution?: unknown; duration?: unknown } | undefined;
    const resolution = typeof parameters?.resolution === 'string' ? parameters.resolution : undefined;
    const duration = typeof parameters?.duration === 'number' ? parameters.duration : undefined;
    const sample = sampleOf(take.taskId, read);
    if (!sample) return false;
    // A take says more than the list did of the same task: the sample moves to the take's own kind.
    this.remove(take.taskId);
    return this.insert({ family, resolution: normalResolution(resolution), bucket: durationBucket(duration), region: regionKey(take.region) }, sample);
  }

  /** Learns every take it can; returns how many it learnt from. */
  addTakes(takes: readonly FoundTake[]): number {
    return takes.filter((found) => this.addTake(found)).length;
  }

  /** Learns the finished tasks of our models in a task list; other tools' tasks, and unfinished ones, are passed over. */
  addListed(tasks: readonly ListedTask[]): number {
    let learnt = 0;
    for (const task of tasks) {
      const family = task.model_name === undefined ? undefined : modelFamily(task.model_name);
      const sample = family && task.status === 'SUCCEEDED' && !this.where.has(task.task_id) ? sampleOf(task.task_id, listedTimes(task, this.now())) : undefined;
      if (family && sample && this.insert({ family, resolution: '', bucket: '', region: regionKey(task.region) }, sample)) learnt++;
    }
    return learnt;
  }

  /** What is known of this kind of task, from the closest kind with a basis; undefined: no basis yet. */
  timingFor(kind: TaskKind): TaskTiming | undefined {
    const family = modelFamily(kind.model);
    if (!family) return undefined;
    const resolution = normalResolution(kind.resolution);
    const bucket = durationBucket(kind.duration);
    const region = regionKey(kind.region);
    const sameKind = (group: Group) => group.family === family && resolution !== '' && bucket !== '' && group.resolution === resolution && group.bucket === bucket;
    const levels: Array<[TimingLevel, (group: Group) => boolean]> = [
      ['kind', (group) => sameKind(group) && group.region === region],
      ['kind-any-region', sameKind],
      ['model', (group) => group.family === family && group.region === region],
      ['model-any-region', (group) => group.family === family],
    ];
    for (const [level, matches] of levels) {
      const samples = [...this.groups.values()].filter(matches).flatMap((group) => group.samples);
      if (samples.length < MIN_SAMPLES) continue;
      const running = loosened(fitLogNormal(samples.map((sample) => sample.runningMs)), level);
      const queued = samples.flatMap((sample) => (sample.queueMs === undefined ? [] : [sample.queueMs]));
      // A queue of zero is real (a free slot); the log-normal needs a positive time, so it counts as a millisecond.
      const queue = queued.length >= MIN_SAMPLES ? loosened(fitLogNormal(queued.map((ms) => Math.max(1, ms))), level) : undefined;
      if (running) return { running, ...(queue ? { queue } : {}), samples: samples.length, level };
    }
    return undefined;
  }

  /** How many finished tasks it holds. */
  get size(): number {
    return this.where.size;
  }

  private insert(kind: Omit<Group, 'samples'>, sample: Sample): boolean {
    const key = [kind.family, kind.resolution, kind.bucket, kind.region].join('|');
    const group = this.groups.get(key) ?? { ...kind, samples: [] };
    this.groups.set(key, group);
    group.samples.push(sample);
    this.where.set(sample.taskId, key);
    group.samples.sort((a, b) => b.endedAt - a.endedAt);
    for (const dropped of group.samples.splice(MAX_SAMPLES_PER_KIND)) this.where.delete(dropped.taskId);
    if (this.groups.size > MAX_KINDS) this.dropStalestKind();
    return this.where.has(sample.taskId);
  }

  private remove(taskId: string): void {
    const key = this.where.get(taskId);
    const group = key === undefined ? undefined : this.groups.get(key);
    if (group) group.samples = group.samples.filter((sample) => sample.taskId !== taskId);
    this.where.delete(taskId);
  }

  private dropStalestKind(): void {
    const newest = (group: Group) => group.samples[0]?.endedAt ?? 0;
    const [key, group] = [...this.groups.entries()].sort(([, a], [, b]) => newest(a) - newest(b))[0] as [string, Group];
    this.groups.delete(key);
    for (const sample of group.samples) this.where.delete(sample.taskId);
  }
}

/**
 * Learns from the account's tasks that finished in the last day: one call (the first page of the task list), at the
 * first poll of a session. Learning is a bonus: a refused or failed list teaches nothing and is no error.
 */
export async function learnFromAccount(model: TimingModel, lister: Pick<TaskCreator, 'listTasks'>, now: number, options: CallOptions = {}): Promise<number> {
  try {
    const listed = await lister.listTasks({ status: 'SUCCEEDED', startTime: new Date(now - 24 * 3600_000 + 60_000), endTime: new Date(now), pageSize: 100 }, options);
    return model.addListed(listed.data);
  } catch {
    return 0;
  }
}

/** A finished task's times as a sample; undefined when they are missing or not a queue and a run at all. */
function sampleOf(taskId: string, times: TaskTimes): Sample | undefined {
  const { submittedAt, scheduledAt, endedAt } = times;
  if (scheduledAt === undefined || endedAt === undefined) return undefined;
  const runningMs = endedAt - scheduledAt;
  if (!(runningMs >= MIN_RUNNING_MS && runningMs <= MAX_RUNNING_MS)) return undefined;
  const queueMs = submittedAt === undefined ? undefined : scheduledAt - submittedAt;
  return { taskId, runningMs, endedAt, ...(queueMs !== undefined && queueMs >= 0 && queueMs <= MAX_QUEUE_MS ? { queueMs } : {}) };
}

function loosened(fitted: LogNormal | undefined, level: TimingLevel): LogNormal | undefined {
  return fitted && { mu: fitted.mu, sigma: Math.hypot(fitted.sigma, LOOSENESS[level]) };
}

/** Lengths that run alike share a bucket: up to 5 s, to 10, to 15, longer, and the model's own choice. */
export function durationBucket(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '';
  if (seconds < 0) return 'auto';
  if (seconds <= 5) return '≤5s';
  if (seconds <= 10) return '≤10s';
  if (seconds <= 15) return '≤15s';
  return '>15s';
}

function normalResolution(resolution: string | undefined): string {
  return resolution?.trim().toUpperCase() ?? '';
}

function regionKey(region: string | undefined): string {
  return region?.trim() || 'unknown';
}
