import * as path from 'node:path';
import type { DashScopeClient } from '../service/client';
import { WanError } from '../errors/wanError';
import type { JobRecord } from './jobRecord';
import { modelFamily } from '../catalog/models';
import { safeStem } from '../output/naming';

/**
 * A job record for a task id this machine has no record of: the task list says which model ran it, and the
 * video is named after the task. Inputs and parameters stay unknown rather than guessed.
 */
export async function recordForTaskId(client: DashScopeClient, taskId: string, outputDir: string, now: Date, signal?: AbortSignal): Promise<JobRecord> {
  const listed = await client.listTasks({ taskId, pageSize: 10 }, { signal });
  const listedTask = listed.data.find((task) => task.task_id === taskId);
  const model = listedTask?.model_name ?? '';
  const family = modelFamily(model);
  if (listedTask && !family) {
    throw new WanError({
      kind: 'invalid-input',
      summary: { en: `Task ${taskId} ran ${model || 'a model the list does not name'}, which this tool does not make videos with.`, zh: `任务 ${taskId} 使用的模型（${model || '任务列表未给出'}）不是本工具支持的模型。` },
      taskId,
    });
  }
  if (!family) {
    throw new WanError({
      kind: 'not-found',
      summary: { en: `Task ${taskId} is not in this account's task list for the last 24 hours.`, zh: `最近 24 小时的任务列表中没有任务 ${taskId}。` },
      taskId,
    });
  }
  return {
    version: 2,
    id: `resume-${taskId}`,
    createdAt: now.toISOString(),
    baseUrl: client.baseUrl,
    family,
    wireModel: model,
    prompt: '',
    negativePrompt: '',
    outputDir: path.resolve(outputDir),
    baseName: safeStem(`wan-${taskId}.mp4`),
    status: 'pending',
    taskId,
    requestIds: [],
  };
}
