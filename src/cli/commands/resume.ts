import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { systemClock } from '../../core/base/clock';
import { continueJob } from '../../core/job/job';
import { jobDeps } from '../../core/job/jobDeps';
import { recordForTaskId } from '../../core/job/resume';
import { scanTakes } from '../../core/output/takeScan';
import { UsageError } from '../args';
import { etaText } from '../etaText';
import { CliPolling } from '../polling';
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
  // Its polls go through the run's task watch, and the line says how long is left (from the takes in --out too).
  const polling = new CliPolling(context.client, systemClock);
  polling.learnTakes(await scanTakes(outputDir, { maxDepth: 0, signal: context.io.signal }));
  polling.submitted(taskId, record.wireModel);
  const kind = { model: record.wireModel, resolution: record.parameters?.resolution, duration: record.parameters?.duration, region: record.region };
  const code = await runAndReport(
    context,
    (onEvent) =>
      continueJob(
        record,
        jobDeps('cli', {
          client: polling.client(),
          dispatcher: context.dispatcher,
          clock: systemClock,
          signal: context.io.signal,
          options: { uploadMode: 'oss', nameTemplate: '{first}-to-{last}', writeSidecar: true },
          gate: context.gate,
          outputDir,
          onEvent,
        }),
      ),
    { eta: () => etaText(polling.eta(taskId, kind), context.zh) },
  );
  await polling.settled();
  return code;
}
