import type { Bilingual } from '../base/language';
import type { Dispatcher } from 'undici';
import type { Clock } from '../base/clock';
import type { WanError } from '../errors/wanError';
import type { DashScopeClient } from '../service/client';
import type { CreateGate } from '../service/createGate';
import type { Usage } from '../service/schemas';
import type { KnownTaskIds } from '../service/taskLookup';
import type { PollSource } from '../service/poll';
import type { TaskTimes } from '../service/taskTimes';
import type { TaskTiming } from '../service/timeDistribution';
import type { TaskKind } from './timingModel';
import type { JobOptions, JobParent, JobRecord } from './jobRecord';
import type { JobStatus } from '../../shared/jobStatus';
import { TOOL_VERSION, userAgent } from '../base/version';

/** The statuses a job passes through while the core runs it (states.ts has the whole list). */
export type JobPhase = Extract<JobStatus, 'preparing' | 'uploading' | 'submitting' | 'pending' | 'running' | 'downloading' | 'saving' | 'saved'>;

export type JobEvent =
  | { type: 'phase'; phase: JobPhase }
  | { type: 'submitted'; taskId: string; requestId: string | undefined; recovered: boolean }
  | { type: 'status'; status: string; requestId: string; times?: TaskTimes }
  | { type: 'download'; received: number; total: number | undefined }
  | { type: 'retry'; what: string; error: WanError; delayMs: number }
  /** A line for the log: why an input did not travel as asked (delivery/uploadInputs.ts). */
  | { type: 'note'; message: Bilingual }
  | { type: 'record'; record: JobRecord }
  | { type: 'saved'; videoPath: string; sidecarPath: string | undefined; actualPrompt: string | undefined };

export interface JobDeps {
  /** The record's id; a host passes its own job id so leases and records name the same job. */
  jobId?: string;
  client: DashScopeClient;
  /** For the video download (the signed URL is on another host than the API). */
  dispatcher: Dispatcher;
  clock: Clock;
  signal?: AbortSignal;
  userAgent: string;
  toolVersion: string;
  /** How a new job's files travel and land; a record that has its own options keeps them. */
  options: JobOptions;
  /** The runner's create gate (service/createGate.ts): one create of a model at a time. */
  gate: CreateGate;
  region?: string;
  /** Where the video goes; the first frame's folder when omitted. */
  outputDir?: string;
  parent?: JobParent;
  knownTaskIds?: KnownTaskIds;
  pollDelayMs?: (attempt: number) => number;
  /** What is known of how long this kind of task queues and runs (timingModel.ts): the poll follows it. */
  timingFor?: (kind: TaskKind) => TaskTiming | undefined;
  /** Where polls go instead of the client's own query (taskWatch.ts: one list call per tick for many tasks). */
  pollSource?: PollSource & { watch?(taskId: string, known: { submittedAt?: number; model?: string }): void };
  random?: () => number;
  /** Draws the seed of a take asked to be random (seed.ts drawSeed by default; tests pass their own). */
  drawSeed?: () => number;
  onEvent?: (event: JobEvent) => void;
  /**
   * Keeps a record where another process can resume it from; awaited at each change, so the record of a create is
   * on disk before the create goes out. The CLI keeps none.
   */
  keepRecord?: (record: JobRecord) => Promise<void>;
  /**
   * Asked just before the video is published: throws when this process may no longer finish the job (another
   * window took it over), so one task is never saved twice.
   */
  beforePublish?: () => Promise<void>;
}

export interface JobResult {
  record: JobRecord;
  videoPath: string;
  sidecarPath: string | undefined;
  usage: Usage | undefined;
  taskId: string;
}

/** Who runs the job: named in the User-Agent of every request and in the sidecar's tool version. */
export type JobRunner = 'vscode' | 'cli' | 'test';

/**
 * The one place a job's dependencies are put together — the extension, the CLI and the tests all call it — so what
 * every job carries (user agent, tool version, defaults) cannot differ between them.
 */
export function jobDeps(runner: JobRunner, deps: Omit<JobDeps, 'userAgent' | 'toolVersion'>): JobDeps {
  return { userAgent: userAgent(runner), toolVersion: TOOL_VERSION, ...deps };
}
