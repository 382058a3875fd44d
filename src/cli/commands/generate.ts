import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { inLanguage } from '../../core/base/language';
import { userAgent } from '../../core/base/version';
import { systemClock } from '../../core/base/clock';
import { problemMessage } from '../../core/inputs/problems';
import { isImageUrl } from '../../core/inputs/remoteImage';
import { planFrames, planGeneration } from '../../core/inputs/request';
import { startJob } from '../../core/job/job';
import { jobDeps } from '../../core/job/jobDeps';
import { type Inputs, ROLE } from '../../shared/mediaRoles';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { cliText } from '../messages';
import { runAndReport } from '../report';
import { DEFAULT_CLI_MODEL } from '../usage';

/** `generate`: plans (every check before any request), then one job; the video lands beside the first frame or in --out. */
export async function generate(context: CliContext): Promise<number> {
  const { values, zh, say } = context;
  if (!values.first || !values.last) throw new UsageError(cliText('needsFrames', zh));
  const mode = values.upload ?? 'oss';
  if (mode !== 'oss' && mode !== 'base64') throw new UsageError(cliText('uploadMode', zh));
  const frame = (value: string) => (isImageUrl(value) ? value.trim() : path.resolve(value));
  const inputs: Inputs<string> = { [ROLE.first]: frame(values.first), [ROLE.last]: frame(values.last) };
  if (values['driving-audio']) inputs[ROLE.audio] = path.resolve(values['driving-audio']);
  const { plan, problems } = await planGeneration(
    {
      inputs,
      model: values.model ?? DEFAULT_CLI_MODEL,
      prompt: values.prompt ?? '',
      negativePrompt: values['negative-prompt'] ?? '',
      resolution: values.resolution,
      duration: values.duration,
      promptExtend: values['prompt-extend'] ?? true,
      watermark: values.watermark ?? false,
      seed: values.seed,
      ratio: values.ratio,
      sound: values.audio,
    },
    context.endpoint,
    { remote: { dispatcher: context.dispatcher, userAgent: userAgent('cli'), signal: context.io.signal } },
  );
  if (!plan) {
    for (const problem of problems) say(inLanguage(problemMessage(problem), context.locale));
    return EXIT.invalidInput;
  }
  // Two image URLs have no folder of their own: the video goes to the current directory.
  const frames = planFrames(plan);
  const outputDir = values.out ? path.resolve(values.out) : frames.every((facts) => facts.remote) ? process.cwd() : undefined;
  if (outputDir) await mkdir(outputDir, { recursive: true });
  return runAndReport(context, (onEvent) =>
    startJob(
      plan,
      jobDeps('cli', {
        client: context.client,
        dispatcher: context.dispatcher,
        clock: systemClock,
        signal: context.io.signal,
        options: { uploadMode: mode, nameTemplate: '{first}-to-{last}', writeSidecar: true },
        gate: context.gate,
        region: context.endpoint.kind === 'custom' ? undefined : context.endpoint.region,
        outputDir,
        onEvent,
      }),
    ),
  );
}
