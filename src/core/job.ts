import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { DashScopeClient } from './api/client';
import { buildCreateBody } from './api/body';
import type { TaskQueryResponse, Usage } from './api/schemas';
import { SERVICE_SUMMARIES } from './api/serviceErrors';
import type { Clock } from './clock';
import { downloadToPart } from './download';
import { isWanError, WanError } from './errors';
import { fileSystemError } from './fileErrors';
import { inStep } from './steps';
import { changedSince, sha256File } from './inspect';
import { type JobRecord, JobRecordSchema, type SourceFile } from './jobRecord';
import type { JobStatus } from './lifecycle';
import { mediaUrl, type UploadMode } from './media';
import { publishFile, videoBaseName } from './naming';
import { urlFileName } from './remoteImage';
import { pollTask } from './poll';
import { parseBeijingTime } from './serviceTime';
import type { GenerationPlan } from './request';
import { writeSidecar } from './sidecar';
import { type KnownTaskIds, submitTask } from './submit';
import type { Dispatcher } from 'undici';

/** A finished task's `video_url` lives this long from the task's `end_time` (dashscope-api.md §4.6). */
export const VIDEO_URL_LIFETIME_MS = 24 * 3600_000;

/** The statuses a job passes through while the core runs it (core/lifecycle.ts has the whole list). */
export type JobPhase = Extract<JobStatus, 'preparing' | 'uploading' | 'submitting' | 'pending' | 'running' | 'downloading' | 'saving' | 'saved'>;

export type JobEvent =
  | { type: 'phase'; phase: JobPhase }
  | { type: 'submitted'; taskId: string; requestId: string | undefined; recovered: boolean }
  | { type: 'status'; status: string; requestId: string }
  | { type: 'download'; received: number; total: number | undefined }
  | { type: 'retry'; what: string; error: WanError; delayMs: number }
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
  uploadMode: UploadMode;
  region?: string;
  /** Where the video goes; the first frame's folder when omitted. */
  outputDir?: string;
  nameTemplate?: string;
  writeSidecar?: boolean;
  knownTaskIds?: KnownTaskIds;
  pollDelayMs?: (attempt: number) => number;
  random?: () => number;
  onEvent?: (event: JobEvent) => void;
}

export interface JobResult {
  record: JobRecord;
  videoPath: string;
  sidecarPath: string | undefined;
  usage: Usage | undefined;
  taskId: string;
}

async function sourceFile(facts: { path: string; bytes: number; remote?: boolean }, format: string, extra: Partial<SourceFile>): Promise<SourceFile> {
  // An image URL is the service's to fetch: it is named by its URL, and only its first bytes were ever read here.
  if (facts.remote) return { name: urlFileName(facts.path), path: facts.path, url: facts.path, bytes: facts.bytes, format, ...extra };
  return { name: path.basename(facts.path), path: facts.path, sha256: await sha256File(facts.path), bytes: facts.bytes, format, ...extra };
}

/** Where a video goes by default: the first frame's folder, else the last's when the first is an image URL. */
export function defaultOutputDir(plan: Pick<GenerationPlan, 'first' | 'last'>): string | undefined {
  const local = [plan.first, plan.last].find((facts) => !facts.remote);
  return local ? path.dirname(local.path) : undefined;
}

export function changedError(file: string): WanError {
  return new WanError({
    kind: 'invalid-input',
    summary: { en: `${path.basename(file)} changed while the job was being prepared. Check it and generate again.`, zh: `${path.basename(file)} 在准备任务时被修改。请检查后重新生成。` },
  });
}

/** One generation from a checked plan: upload → create → poll → download → sidecar. */
export async function startJob(plan: GenerationPlan, deps: JobDeps): Promise<JobResult> {
  const emit = (event: JobEvent) => deps.onEvent?.(event);
  emit({ type: 'phase', phase: 'preparing' });
  const [first, last, audio] = await inStep('prepare', async () => {
    const files = await Promise.all([
      sourceFile(plan.first, plan.first.probe.format, { width: plan.first.probe.width, height: plan.first.probe.height }),
      sourceFile(plan.last, plan.last.probe.format, { width: plan.last.probe.width, height: plan.last.probe.height }),
      plan.audio ? sourceFile(plan.audio, plan.audio.probe.format, { seconds: plan.audio.probe.seconds }) : Promise.resolve(undefined),
    ]);
    for (const facts of [plan.first, plan.last, plan.audio]) {
      if (facts && (await changedSince(facts))) throw changedError(facts.path);
    }
    return files;
  });
  const outputDir = deps.outputDir ?? defaultOutputDir(plan);
  if (!outputDir) {
    throw new WanError({ kind: 'invalid-input', step: 'prepare', summary: { en: 'Both frames are image URLs: choose a folder for the video.', zh: '首尾帧都是图片地址：请选择保存视频的文件夹。' } });
  }
  let record: JobRecord = JobRecordSchema.parse({
    version: 1,
    id: deps.jobId ?? randomUUID(),
    createdAt: new Date(deps.clock.now()).toISOString(),
    baseUrl: deps.client.baseUrl,
    region: deps.region,
    family: plan.spec.id,
    wireModel: plan.wireModel,
    prompt: plan.prompt,
    negativePrompt: plan.negativePrompt,
    parameters: { resolution: plan.resolution, duration: plan.duration, promptExtend: plan.promptExtend, watermark: plan.watermark, seed: plan.seed, ratio: plan.ratio, sound: plan.sound },
    sources: { first, last, audio },
    outputDir,
    baseName: videoBaseName(first.name, last.name, deps.nameTemplate, plan.wireModel, new Date(deps.clock.now())),
    state: 'preparing',
    requestIds: [],
  });
  emit({ type: 'record', record });

  emit({ type: 'phase', phase: 'uploading' });
  const mediaOptions = {
    client: deps.client,
    wireModel: plan.wireModel,
    mode: deps.uploadMode,
    clock: deps.clock,
    signal: deps.signal,
    onRetry: (error: WanError, delayMs: number) => emit({ type: 'retry', what: 'upload', error, delayMs }),
  };
  const local = (file: SourceFile, kind: 'image' | 'audio') => (file.url ? Promise.resolve(file.url) : mediaUrl({ path: file.path, format: file.format, sha256: file.sha256 ?? '', kind }, mediaOptions));
  const [firstUrl, lastUrl, audioUrl] = await inStep('upload', () => Promise.all([local(first, 'image'), local(last, 'image'), audio ? local(audio, 'audio') : Promise.resolve(undefined)]));

  emit({ type: 'phase', phase: 'submitting' });
  const body = buildCreateBody(plan, { first: firstUrl, last: lastUrl, audio: audioUrl });
  // Kept before the create goes out: a process that dies now leaves a record another can settle via the task list.
  record = { ...record, state: 'submitting', createSentAt: new Date(deps.clock.now()).toISOString() };
  emit({ type: 'record', record });
  const submitted = await inStep('submit', () =>
    submitTask(deps.client, plan.spec, body, {
      clock: deps.clock,
      signal: deps.signal,
      random: deps.random,
      knownTaskIds: deps.knownTaskIds,
      onRetry: (error, delayMs) => emit({ type: 'retry', what: 'create', error, delayMs }),
    }),
  );
  record = {
    ...record,
    state: 'submitted',
    taskId: submitted.taskId,
    submittedAt: new Date(deps.clock.now()).toISOString(),
    requestIds: submitted.requestId ? [submitted.requestId] : [],
  };
  emit({ type: 'submitted', taskId: submitted.taskId, requestId: submitted.requestId, recovered: submitted.recovered });
  emit({ type: 'record', record });
  return continueJob(record, deps);
}

/** Finishes a submitted job from its record: in this process after submit, or in another after a restart. */
export async function continueJob(input: JobRecord, deps: JobDeps): Promise<JobResult> {
  let record = JobRecordSchema.parse(input);
  const emit = (event: JobEvent) => deps.onEvent?.(event);
  const taskId = record.taskId;
  if (!taskId) throw new WanError({ kind: 'invalid-input', summary: { en: 'This job was never submitted; there is nothing to resume.', zh: '此任务从未提交，无法继续。' } });
  let videoKeptUntil: number | undefined;
  try {
    let lastStatus = '';
    const finished = await inStep('waiting', () => pollTask(deps.client, taskId, {
      clock: deps.clock,
      signal: deps.signal,
      delayMs: deps.pollDelayMs,
      random: deps.random,
      onUpdate: (response) => {
        const status = response.output.task_status;
        if (status !== lastStatus) {
          lastStatus = status;
          if (status === 'PENDING') emit({ type: 'phase', phase: 'pending' });
          if (status === 'RUNNING') emit({ type: 'phase', phase: 'running' });
        }
        emit({ type: 'status', status, requestId: response.request_id });
      },
      onRetry: (error, delayMs) => emit({ type: 'retry', what: 'query', error, delayMs }),
    }));
    // From here on the video exists: whatever fails says so, and for how long it can still be fetched.
    videoKeptUntil = (parseBeijingTime(finished.output.end_time) ?? deps.clock.now()) + VIDEO_URL_LIFETIME_MS;
    record = { ...record, state: 'downloading', requestIds: [...record.requestIds, finished.request_id].slice(-20) };
    emit({ type: 'record', record });
    return await saveResult(record, finished, deps);
  } catch (error) {
    const known = isWanError(error)
      ? error
      : (fileSystemError(error, 'saving') ??
        new WanError({ kind: 'file-system', step: 'saving', summary: SERVICE_SUMMARIES['file-system'], serviceMessage: error instanceof Error ? error.message : String(error), retryable: true, cause: error }));
    // The end is not written here: whoever keeps records settles it (core/lifecycle.ts settle()).
    throw known.with({ taskId, videoKeptUntil });
  }
}

async function saveResult(record: JobRecord, finished: TaskQueryResponse, deps: JobDeps): Promise<JobResult> {
  const emit = (event: JobEvent) => deps.onEvent?.(event);
  const taskId = record.taskId as string;
  const videoUrl = finished.output.video_url as string;
  emit({ type: 'phase', phase: 'downloading' });
  const partPath = path.join(record.outputDir, `${record.baseName}.${taskId.slice(0, 8)}.mp4.part`);
  const { bytes } = await inStep('download', () => downloadToPart(videoUrl, partPath, {
    dispatcher: deps.dispatcher,
    clock: deps.clock,
    signal: deps.signal,
    userAgent: deps.userAgent,
    random: deps.random,
    onProgress: (received, total) => emit({ type: 'download', received, total }),
    onRetry: (error, delayMs) => emit({ type: 'retry', what: 'download', error, delayMs }),
  }));
  emit({ type: 'phase', phase: 'saving' });
  return inStep('saving', () => publishResult(record, finished, partPath, bytes, deps));
}

async function publishResult(record: JobRecord, finished: TaskQueryResponse, partPath: string, bytes: number, deps: JobDeps): Promise<JobResult> {
  const emit = (event: JobEvent) => deps.onEvent?.(event);
  const taskId = record.taskId as string;
  let published: { path: string; name: string };
  try {
    published = await publishFile(partPath, record.outputDir, record.baseName);
  } catch (error) {
    await rm(partPath, { force: true });
    throw error;
  }
  let sidecarPath: string | undefined;
  const usage = finished.usage ?? undefined;
  if (deps.writeSidecar !== false) {
    sidecarPath = path.join(record.outputDir, `${published.name}.json`);
    await writeSidecar(sidecarPath, {
      schema: 'wan-keyframes/sidecar@1',
      tool: { name: 'wan-keyframes', version: deps.toolVersion },
      video: { file: path.basename(published.path), bytes },
      model: record.wireModel,
      family: record.family,
      endpoint: record.baseUrl,
      region: record.region,
      parameters: record.parameters,
      prompt: record.prompt,
      negativePrompt: record.negativePrompt,
      origPrompt: finished.output.orig_prompt,
      actualPrompt: finished.output.actual_prompt,
      taskId,
      requestIds: record.requestIds,
      usage,
      times: {
        submit: finished.output.submit_time,
        scheduled: finished.output.scheduled_time,
        end: finished.output.end_time,
        savedAt: new Date(deps.clock.now()).toISOString(),
      },
      sources: record.sources,
    });
  }
  const saved: JobRecord = { ...record, state: 'saved', videoPath: published.path, sidecarPath };
  emit({ type: 'record', record: saved });
  emit({ type: 'phase', phase: 'saved' });
  emit({ type: 'saved', videoPath: published.path, sidecarPath, actualPrompt: finished.output.actual_prompt });
  return { record: saved, videoPath: published.path, sidecarPath, usage, taskId };
}

