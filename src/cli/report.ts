import { isWanError } from '../core/errors/wanError';
import type { JobEvent, JobResult } from '../core/job/jobDeps';
import type { CliContext } from './context';
import { EXIT, exitCodeFor } from './exitCodes';
import { cliText } from './messages';
import { Progress } from './progress';

/** Runs one job with a progress line, then says where the video is (or why not) and prints `--json`'s line. */
export async function runAndReport(context: CliContext, run: (onEvent: (event: JobEvent) => void) => Promise<JobResult>): Promise<number> {
  const { zh, say } = context;
  const progress = new Progress(context.io.stderr, zh);
  let taskId: string | undefined;
  try {
    const result = await run((event) => {
      if (event.type === 'submitted') taskId = event.taskId;
      progress.on(event);
    });
    progress.done();
    say(cliText('saved', zh, result.videoPath));
    if (context.values.json) {
      context.io.stdout.write(`${JSON.stringify({ video: result.videoPath, sidecar: result.sidecarPath ?? null, taskId: result.taskId, model: result.record.wireModel, usage: result.usage ?? null })}\n`);
    }
    return EXIT.saved;
  } catch (error) {
    progress.done();
    if (!isWanError(error)) throw error;
    say(context.localized(error));
    const id = error.taskId ?? taskId;
    const code = exitCodeFor(error);
    // Resume helps only while the task's video can still come (a failed download, an interrupted wait).
    if (id) say(cliText(code === EXIT.download || code === EXIT.interrupted ? 'resumeHint' : 'taskId', zh, id));
    return code;
  }
}
