import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { ROLE, rolesOf } from '../../shared/mediaRoles';
import { KIND_SUMMARIES } from '../errors/summaries';
import { inStep } from '../errors/steps';
import { fileSystemError } from '../errors/fileErrors';
import { isWanError, WanError } from '../errors/wanError';
import { type InputFiles, describeInput } from '../inputs/inputFiles';
import { changedSince } from '../inputs/inspect';
import { type GenerationPlan, planFrames } from '../inputs/request';
import { uploadInputs } from '../delivery/uploadInputs';
import { videoBaseName } from '../output/naming';
import { parseBeijingTime } from '../base/serviceTime';
import { buildCreateBody, withoutUrls } from '../service/body';
import { pollTask } from '../service/poll';
import { submitTask } from '../service/submit';
import { queriedTimes } from '../service/taskTimes';
import type { JobDeps, JobEvent, JobResult } from './jobDeps';
import { type JobOptions, type JobRecord, JobRecordSchema } from './jobRecord';
import { saveResult, VIDEO_URL_LIFETIME_MS } from './publish';
import { drawSeed } from './seed';

/** Where a video goes by default: the first local frame's folder (a clip's, an audio's if no frame is local). */
export function defaultOutputDir(plan: Pick<GenerationPlan, 'inputs'>): string | undefined {
  const local = [...planFrames(plan).filter((facts) => !facts.remote), ...rolesOf(plan.inputs).map((role) => plan.inputs[role]).filter((facts) => facts?.kind !== 'image')];
  return local[0] ? path.dirname(local[0].path) : undefined;
}

export function changedError(file: string): WanError {
  return new WanError({
    kind: 'invalid-input',
    summary: { en: `${path.basename(file)} changed while the job was being prepared. Check it and generate again.`, zh: `${path.basename(file)} 在准备任务时被修改。请检查后重新生成。` },
  });
}

/** The name a job's video gets: `<first>-to-<last>` (or the template) from its inputs' names. */
function baseNameOf(inputs: InputFiles, options: JobOptions, plan: GenerationPlan, now: Date): string {
  const start = inputs[ROLE.first] ?? inputs[ROLE.clip];
  return videoBaseName(start?.name ?? 'video', inputs[ROLE.last]?.name ?? 'end', options.nameTemplate, plan.wireModel, now);
}

/** One generation from a checked plan: upload → create → poll → download → take. */
export async function startJob(checked: GenerationPlan, deps: JobDeps): Promise<JobResult> {
  // A random seed is drawn here, sent and recorded: every take can be made again.
  const plan: GenerationPlan = { ...checked, seed: checked.seed ?? (deps.drawSeed ?? drawSeed)() };
  const emit = (event: JobEvent) => deps.onEvent?.(event);
  emit({ type: 'phase', phase: 'preparing' });
  const inputs: InputFiles = await inStep('prepare', async () => {
    const roles = rolesOf(plan.inputs);
    const described = await Promise.all(roles.map((role) => describeInput(plan.inputs[role] as NonNullable<(typeof plan.inputs)[typeof role]>)));
    for (const role of roles) {
      const facts = plan.inputs[role];
      if (facts && (facts.kind !== 'image' || !facts.remote) && (await changedSince(facts))) throw changedError(facts.path);
    }
    return Object.fromEntries(roles.map((role, index) => [role, described[index]]));
  });
  const outputDir = deps.outputDir ?? defaultOutputDir(plan);
  if (!outputDir) {
    throw new WanError({ kind: 'invalid-input', step: 'prepare', summary: { en: 'Both frames are image URLs: choose a folder for the video.', zh: '首尾帧都是图片地址：请选择保存视频的文件夹。' } });
  }
  const now = new Date(deps.clock.now());
  const keep = async (next: JobRecord) => {
    emit({ type: 'record', record: next });
    await deps.keepRecord?.(next);
  };
  let record: JobRecord = JobRecordSchema.parse({
    version: 2,
    id: deps.jobId ?? randomUUID(),
    createdAt: now.toISOString(),
    baseUrl: deps.client.baseUrl,
    region: deps.region,
    family: plan.spec.id,
    wireModel: plan.wireModel,
    prompt: plan.prompt,
    negativePrompt: plan.negativePrompt,
    parameters: { resolution: plan.resolution, duration: plan.duration, promptExtend: plan.promptExtend, watermark: plan.watermark, seed: plan.seed, ratio: plan.ratio, sound: plan.sound },
    inputs,
    options: deps.options,
    parent: deps.parent,
    outputDir,
    baseName: baseNameOf(inputs, deps.options, plan, now),
    status: 'preparing',
    requestIds: [],
  });
  await keep(record);

  emit({ type: 'phase', phase: 'uploading' });
  record = { ...record, status: 'uploading' };
  const mediaOptions = {
    client: deps.client,
    wireModel: plan.wireModel,
    mode: deps.options.uploadMode,
    clock: deps.clock,
    signal: deps.signal,
    onRetry: (error: WanError, delayMs: number) => emit({ type: 'retry', what: 'upload', error, delayMs }),
  };
  const { urls, notes } = await inStep('upload', () => uploadInputs(plan, inputs, mediaOptions));
  for (const note of notes) emit({ type: 'note', message: note });

  emit({ type: 'phase', phase: 'submitting' });
  const body = buildCreateBody(plan, urls);
  // Kept before the create goes out: a process that dies now leaves a record another can settle via the task list.
  record = { ...record, status: 'submitting', createSentAt: new Date(deps.clock.now()).toISOString(), request: withoutUrls(body) };
  await keep(record);
  const submitted = await inStep('submit', () =>
    submitTask(deps.client, plan.spec, body, {
      clock: deps.clock,
      gate: deps.gate,
      signal: deps.signal,
      random: deps.random,
      knownTaskIds: deps.knownTaskIds,
      onRetry: (error, delayMs) => emit({ type: 'retry', what: 'create', error, delayMs }),
    }),
  );
  record = {
    ...record,
    status: 'pending',
    taskId: submitted.taskId,
    submittedAt: new Date(deps.clock.now()).toISOString(),
    requestIds: submitted.requestId ? [submitted.requestId] : [],
  };
  emit({ type: 'submitted', taskId: submitted.taskId, requestId: submitted.requestId, recovered: submitted.recovered });
  await keep(record);
  return continueJob(record, deps);
}

/** Finishes a submitted job from its record: in this process after submit, or in another after a restart. */
export async function continueJob(input: JobRecord, deps: JobDeps): Promise<JobResult> {
  let record = JobRecordSchema.parse(input);
  const emit = (event: JobEvent) => deps.onEvent?.(event);
  const keep = async (next: JobRecord) => {
    emit({ type: 'record', record: next });
    await deps.keepRecord?.(next);
  };
  const taskId = record.taskId;
  if (!taskId) throw new WanError({ kind: 'invalid-input', summary: { en: 'This job was never submitted; there is nothing to resume.', zh: '此任务从未提交，无法继续。' } });
  let videoKeptUntil: number | undefined;
  const submittedAt = record.submittedAt ? Date.parse(record.submittedAt) : undefined;
  const timing = deps.timingFor?.({ model: record.wireModel, resolution: record.parameters?.resolution, duration: record.parameters?.duration, region: record.region });
  deps.pollSource?.watch?.(taskId, { submittedAt, model: record.wireModel });
  try {
    let lastStatus = '';
    const finished = await inStep('waiting', () =>
      pollTask(deps.pollSource ?? deps.client, taskId, {
        clock: deps.clock,
        signal: deps.signal,
        delayMs: deps.pollDelayMs,
        timing,
        submittedAt: submittedAt !== undefined && Number.isFinite(submittedAt) ? submittedAt : undefined,
        random: deps.random,
        onUpdate: (response) => {
          const status = response.output.task_status;
          if (status !== lastStatus) {
            lastStatus = status;
            const phase = status === 'PENDING' ? 'pending' : status === 'RUNNING' ? 'running' : undefined;
            if (phase) {
              emit({ type: 'phase', phase });
              if (record.status !== phase) {
                record = { ...record, status: phase };
                // Not awaited (a poll answer is no place to wait); a failed write is the keeper's to report.
                void keep(record).catch(() => undefined);
              }
            }
          }
          emit({ type: 'status', status, requestId: response.request_id, times: queriedTimes(response.output, deps.clock.now()) });
        },
        onRetry: (error, delayMs) => emit({ type: 'retry', what: 'query', error, delayMs }),
      }),
    );
    // From here on the video exists: whatever fails says so, and for how long it can still be fetched.
    videoKeptUntil = (parseBeijingTime(finished.output.end_time) ?? deps.clock.now()) + VIDEO_URL_LIFETIME_MS;
    record = { ...record, status: 'downloading', requestIds: [...record.requestIds, finished.request_id].slice(-20) };
    await keep(record);
    return await saveResult(record, finished, deps);
  } catch (error) {
    const known = isWanError(error)
      ? error
      : (fileSystemError(error, 'saving') ??
        new WanError({ kind: 'file-system', step: 'saving', summary: KIND_SUMMARIES['file-system'], serviceMessage: error instanceof Error ? error.message : String(error), retryable: true, cause: error }));
    // The end is not written here: whoever keeps records settles it (lifecycle.ts settle()).
    throw known.with({ taskId, videoKeptUntil });
  }
}
