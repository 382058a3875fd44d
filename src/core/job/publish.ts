import { readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { inStep } from '../errors/steps';
import { WanError } from '../errors/wanError';
import { inputsKey } from '../inputs/inputFiles';
import { downloadToPart } from '../delivery/download';
import { publishFile } from '../output/naming';
import { type Take, TAKE_SCHEMA, takeInputs, writeTake } from '../output/take';
import { billedSecondsOf, takeCost } from '../output/takeCost';
import type { TaskQueryResponse } from '../service/schemas';
import type { JobDeps, JobResult } from './jobDeps';
import type { JobRecord } from './jobRecord';

/** A finished task's `video_url` lives this long from the task's `end_time` (dashscope-api.md §4.6). */
export const VIDEO_URL_LIFETIME_MS = 24 * 3600_000;

/** Downloads the finished task's video beside its inputs and publishes it with its take. */
export async function saveResult(record: JobRecord, finished: TaskQueryResponse, deps: JobDeps): Promise<JobResult> {
  const emit = deps.onEvent ?? (() => undefined);
  const taskId = record.taskId as string;
  const videoUrl = finished.output.video_url as string;
  emit({ type: 'phase', phase: 'downloading' });
  const partPath = path.join(record.outputDir, `${record.baseName}.${taskId.slice(0, 8)}.mp4.part`);
  const { bytes } = await inStep('download', () =>
    downloadToPart(videoUrl, partPath, {
      dispatcher: deps.dispatcher,
      clock: deps.clock,
      signal: deps.signal,
      userAgent: deps.userAgent,
      random: deps.random,
      onProgress: (received, total) => emit({ type: 'download', received, total }),
      onRetry: (error, delayMs) => emit({ type: 'retry', what: 'download', error, delayMs }),
    }),
  );
  emit({ type: 'phase', phase: 'saving' });
  return inStep('saving', () => publishResult({ ...record, status: 'saving' }, finished, partPath, bytes, deps));
}

/**
 * The take of this task already beside its video (another window finished the job while this one stalled):
 * its video and take, so the task is never saved twice.
 */
export async function savedElsewhere(record: JobRecord): Promise<{ videoPath: string; sidecarPath: string } | undefined> {
  const names = await readdir(record.outputDir).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(record.baseName) && entry.endsWith('.json'))) {
    const file = path.join(record.outputDir, name);
    const text = await readFile(file, 'utf8').catch(() => '');
    if (!text.includes(record.taskId ?? '\0')) continue;
    try {
      const take = JSON.parse(text) as { taskId?: unknown; video?: { file?: unknown } };
      const video = path.join(record.outputDir, path.basename(String(take.video?.file ?? '')));
      if (take.taskId === record.taskId && names.includes(path.basename(video))) return { videoPath: video, sidecarPath: file };
    } catch {
      // not a take
    }
  }
  return undefined;
}

async function publishResult(record: JobRecord, finished: TaskQueryResponse, partPath: string, bytes: number, deps: JobDeps): Promise<JobResult> {
  const emit = deps.onEvent ?? (() => undefined);
  const taskId = record.taskId as string;
  const usage = finished.usage ?? undefined;
  try {
    await deps.beforePublish?.();
  } catch (error) {
    await rm(partPath, { force: true });
    throw error;
  }
  const elsewhere = await savedElsewhere(record);
  if (elsewhere) {
    await rm(partPath, { force: true });
    const saved: JobRecord = { ...record, status: 'saved', ...elsewhere };
    emit({ type: 'record', record: saved });
    await deps.keepRecord?.(saved);
    emit({ type: 'phase', phase: 'saved' });
    emit({ type: 'saved', ...elsewhere, actualPrompt: finished.output.actual_prompt });
    return { record: saved, ...elsewhere, usage, taskId };
  }
  let published: { path: string; name: string };
  try {
    // A take's own video downloaded again goes back beside its take (whose name is taken by the take itself).
    published = await publishFile(partPath, record.outputDir, record.baseName, '.mp4', record.restoresTake ? [] : ['.json']);
  } catch (error) {
    await rm(partPath, { force: true });
    throw error;
  }
  let sidecarPath: string | undefined = record.restoresTake;
  const options = record.options ?? deps.options;
  if (options.writeSidecar && !record.restoresTake) {
    sidecarPath = path.join(record.outputDir, `${published.name}.json`);
    const inputs = record.inputs ?? {};
    const take: Take = {
      schema: TAKE_SCHEMA,
      tool: { name: 'wan-keyframes', version: deps.toolVersion },
      video: { file: path.basename(published.path), bytes },
      taskId,
      requestIds: record.requestIds,
      model: record.wireModel,
      family: record.family,
      endpoint: record.baseUrl,
      region: record.region,
      inputs: takeInputs(inputs, record.outputDir),
      inputsKey: inputsKey(inputs),
      request: record.request,
      parameters: record.parameters,
      options: { uploadMode: options.uploadMode, nameTemplate: options.nameTemplate },
      seed: record.parameters?.seed,
      prompt: record.prompt,
      negativePrompt: record.negativePrompt,
      origPrompt: finished.output.orig_prompt,
      actualPrompt: finished.output.actual_prompt,
      usage,
      times: {
        submit: finished.output.submit_time,
        scheduled: finished.output.scheduled_time,
        end: finished.output.end_time,
        savedAt: new Date(deps.clock.now()).toISOString(),
      },
      parent: record.parent,
    };
    const cost = takeCost(take);
    await writeTake(sidecarPath, cost ? { ...take, cost: { seconds: cost.seconds, amount: cost.amount, currency: cost.currency } } : take);
    const stale = billingDrift(record.parameters?.duration, cost?.seconds ?? billedSecondsOf(take));
    if (stale) emit({ type: 'note', message: stale });
  }
  const saved: JobRecord = { ...record, status: 'saved', videoPath: published.path, sidecarPath };
  emit({ type: 'record', record: saved });
  await deps.keepRecord?.(saved);
  emit({ type: 'phase', phase: 'saved' });
  emit({ type: 'saved', videoPath: published.path, sidecarPath, actualPrompt: finished.output.actual_prompt });
  return { record: saved, videoPath: published.path, sidecarPath, usage, taskId };
}

/** This process may no longer finish the job: another window holds it now (its lease went stale here). */
export function leaseLostError(taskId: string | undefined): WanError {
  return new WanError({
    kind: 'aborted',
    summary: { en: 'Another window took this job over and finishes it there.', zh: '另一个窗口已接管此任务，并将在那里完成。' },
    taskId,
  });
}

/**
 * The service billed a length other than the one asked by more than a second: the price table's estimate was off
 * (Wan 3.0's "let the model choose" excepted, which asks for no length).
 */
export function billingDrift(asked: number | undefined, billed: number | undefined): { en: string; zh: string } | undefined {
  if (asked === undefined || asked <= 0 || billed === undefined || Math.abs(billed - asked) <= 1) return undefined;
  return {
    en: `The service billed ${billed} s for a ${asked} s request: the estimate was off by more than a second (the price table may be stale).`,
    zh: `服务按 ${billed} 秒计费，而请求的是 ${asked} 秒：预估偏差超过一秒（价格表可能已过时）。`,
  };
}
