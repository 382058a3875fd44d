import { isWanError, type WanError } from '../core/errors/wanError';
import { inputsKey } from '../core/inputs/inputFiles';
import type { JobEvent, JobResult } from '../core/job/jobDeps';
import type { CliContext } from './context';
import { EXIT, exitCodeFor } from './exitCodes';
import { cliText } from './messages';
import { Progress, type ProgressOptions } from './progress';

/** What reporting needs of a context. */
export type ReportContext = Pick<CliContext, 'io' | 'values' | 'zh' | 'say' | 'localized'>;

/**
 * `--json`'s line for a saved take: where it is, its task, the model as sent, the usage, the seed it was made with
 * and its inputs key (the takes of one frame pair share it); null for what a job resumed by task id never knew.
 */
export function savedLine(result: JobResult): Record<string, unknown> {
  const { record } = result;
  return {
    video: result.videoPath,
    sidecar: result.sidecarPath ?? null,
    taskId: result.taskId,
    model: record.wireModel,
    usage: result.usage ?? null,
    seed: record.parameters?.seed ?? null,
    inputsKey: record.inputs && Object.keys(record.inputs).length > 0 ? inputsKey(record.inputs) : null,
  };
}

/** Says where a saved take is (and prints `--json`'s line). */
export function reportSaved(context: ReportContext, result: JobResult, prefix = ''): void {
  context.say(`${prefix}${cliText('saved', context.zh, result.videoPath)}`);
  if (context.values.json) context.io.stdout.write(`${JSON.stringify(savedLine(result))}\n`);
}

/**
 * Says why a job ended without its video, with its task id — and how to resume it while the video can still come
 * (a failed download, an interrupted wait) — and returns its exit code.
 */
export function reportFailure(context: ReportContext, error: WanError, submittedTaskId: string | undefined, prefix = ''): number {
  context.say(`${prefix}${context.localized(error)}`);
  const id = error.taskId ?? submittedTaskId;
  const code = exitCodeFor(error);
  if (id) context.say(`${prefix}${cliText(code === EXIT.download || code === EXIT.interrupted ? 'resumeHint' : 'taskId', context.zh, id)}`);
  return code;
}

/** Runs one job with a progress line, then says where the video is (or why not) and prints `--json`'s line. */
export async function runAndReport(context: ReportContext, run: (onEvent: (event: JobEvent) => void) => Promise<JobResult>, options: ProgressOptions = {}): Promise<number> {
  const progress = new Progress(context.io.stderr, context.zh, options);
  let taskId: string | undefined;
  try {
    const result = await run((event) => {
      if (event.type === 'submitted') taskId = event.taskId;
      progress.on(event);
    });
    progress.done();
    reportSaved(context, result);
    return EXIT.saved;
  } catch (error) {
    progress.done();
    if (!isWanError(error)) throw error;
    return reportFailure(context, error, taskId);
  }
}
