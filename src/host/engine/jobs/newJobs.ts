import * as path from 'node:path';
import type { GenerationPlan } from '../../../core/inputs/request';
import { defaultOutputDir } from '../../../core/job/job';
import type { JobParent, JobRecord } from '../../../core/job/jobRecord';
import type { FoundTake } from '../../../core/output/takeReader';
import type { LiveJob } from './liveJob';

/** A job id of this window: when, and a little randomness (two windows may start jobs in the same millisecond). */
export function newJobId(now: number, random: () => number = Math.random): string {
  return `job-${now.toString(36)}-${random().toString(36).slice(2, 8)}`;
}

/** A job about to wait for a slot: its record says only what is known before it is prepared. */
export function waitingJob(id: string, now: number, plan: GenerationPlan, title: string, outputDir?: string, parent?: JobParent): LiveJob {
  const record: JobRecord = {
    version: 2,
    id,
    createdAt: new Date(now).toISOString(),
    baseUrl: '',
    family: plan.spec.id,
    wireModel: plan.wireModel,
    prompt: plan.prompt,
    negativePrompt: plan.negativePrompt,
    outputDir: outputDir ?? defaultOutputDir(plan) ?? '',
    baseName: '',
    status: 'waiting-for-slot',
    parent,
    requestIds: [],
  };
  return { id, title, record, startedAt: now };
}

/** A job that downloads a take's video again from its task: saved under the take's own name, writing no new take. */
export function restoringJob(id: string, now: number, found: FoundTake, family: JobRecord['family']): LiveJob {
  const record: JobRecord = {
    version: 2,
    id,
    createdAt: new Date(now).toISOString(),
    baseUrl: found.take.endpoint,
    region: found.take.region,
    family,
    wireModel: found.take.model,
    prompt: found.take.prompt,
    negativePrompt: found.take.negativePrompt,
    parameters: found.take.parameters,
    restoresTake: found.sidecarPath,
    outputDir: path.dirname(found.videoPath),
    baseName: path.basename(found.videoPath).replace(/\.mp4$/i, ''),
    status: 'pending',
    taskId: found.take.taskId,
    requestIds: [],
  };
  return { id, title: path.basename(found.videoPath), record, resumed: true, startedAt: now };
}
