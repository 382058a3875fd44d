import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { systemClock } from '../../core/base/clock';
import { continueJob } from '../../core/job/job';
import { jobDeps } from '../../core/job/jobDeps';
import { recordForTaskId } from '../../core/job/resume';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { cliText } from '../messages';
import { runAndReport } from '../report';
import { requireTaskId } from './taskId';

/** `resume <task-id> --out DIR`: a task this machine has no record of (the task list names its model), polled and saved. */
export async function resume(context: CliContext): Promise<number> {
  const taskId = requireTaskId(context, 'resume');
  if (!context.values.out) throw new UsageError(cliText('resumeNeedsOut', context.zh));
  const outputDir = path.resolve(context.values.out);
  // The folder is made once the task is known: an unknown id leaves nothing behind.
  const record = await recordForTaskId(context.client, taskId, outputDir, new Date(), context.io.signal);
  await mkdir(outputDir, { recursive: true });
  return runAndReport(context, (onEvent) =>
    continueJob(
      record,
      jobDeps('cli', {
        client: context.client,
        dispatcher: context.dispatcher,
        clock: systemClock,
        signal: context.io.signal,
        options: { uploadMode: 'oss', nameTemplate: '{first}-to-{last}', writeSidecar: true },
        gate: context.gate,
        outputDir,
        onEvent,
      }),
    ),
  );
}
