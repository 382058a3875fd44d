import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Bilingual, inLanguage } from '../../core/base/language';
import { userAgent } from '../../core/base/version';
import { estimate as estimateCost } from '../../core/catalog/estimate';
import { clipLimits, MODELS } from '../../core/catalog/models';
import { priceRegion } from '../../core/catalog/regions';
import { problemMessage, type Problem } from '../../core/inputs/problems';
import { type GenerationPlan, type GenerationRequest, planGeneration } from '../../core/inputs/request';
import type { JobParent } from '../../core/job/jobRecord';
import { defaultOutputDir } from '../../core/job/job';
import { drawSeed } from '../../core/job/seed';
import { readTake } from '../../core/output/takeReader';
import { ROLE } from '../../shared/mediaRoles';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { basisLines, estimateSentence } from '../estimateText';
import { EXIT } from '../exitCodes';
import { cliText } from '../messages';
import { runPlannedTakes } from '../takeRunner';
import { sidecarOf } from '../takeFile';
import { tailClip } from '../tailClip';
import { requestOf, uploadModeOf } from './generate';

/** The model that continues a clip (dashscope-api.md §4.2: only wan2.7-i2v takes a first clip). */
export const CONTINUING_MODEL = 'wan2.7-i2v';

const USAGE: Bilingual = {
  en: 'Usage: wan-keyframes continue <video> [--last F] --duration S [--prompt T] [--out DIR] [--dry-run] [--json]',
  zh: '用法：wan-keyframes continue <视频> [--last F] --duration S [--prompt T] [--out DIR] [--dry-run] [--json]',
};

/** The request a `continue` line asks for: the clip (and a last frame) by role, the total duration. */
export function continueRequest(values: CliContext['values'], clip: string): GenerationRequest {
  // As generate reads its line, but the clip takes the first frame's place and driving audio cannot go with it.
  const request = requestOf({ ...values, first: undefined, 'driving-audio': undefined });
  return { ...request, inputs: { ...request.inputs, [ROLE.clip]: clip }, model: values.model ?? CONTINUING_MODEL };
}

/** The take a clip is the video of (its take file beside it): the continuation names it as its parent. */
export async function parentTake(video: string): Promise<JobParent | undefined> {
  const read = await readTake(sidecarOf(video));
  return 'found' in read ? { kind: 'take', id: read.found.take.taskId } : undefined;
}

/** Problems that a cut of the clip's last ≤ 10 s answers: its length, and a total measured against that length. */
const answeredByCut = (problem: Problem) => problem.code === 'clip-too-long' || problem.code === 'clip-duration';

/**
 * `continue <video>`: a new take that continues the clip (wan2.7-i2v, the clip by its role through the temporary upload,
 * optionally toward `--last`), `--duration` the total (the clip included). Every check before anything is sent; a
 * clip over 10 s is continued from its last ≤ 10 s, cut at a keyframe into a new file beside it (the exact start is
 * said). The take names the take it continues. Output and exit codes as `generate`; `--dry-run` sends nothing.
 */
export async function continueClip(context: CliContext): Promise<number> {
  const { values, locale, say } = context;
  const video = context.positionals[1];
  if (!video || context.positionals.length > 2 || values.duration === undefined) throw new UsageError(inLanguage(USAGE, locale));
  const original = path.resolve(video);
  const uploadMode = uploadModeOf(context);
  const dryRun = values['dry-run'] === true;
  const remote = { remote: { dispatcher: context.dispatcher, userAgent: userAgent('cli'), signal: context.io.signal } };
  const first = await planGeneration(continueRequest(values, original), context.endpoint, remote);
  const cutNeeded = first.problems.some((problem) => problem.code === 'clip-too-long');
  const left = cutNeeded ? first.problems.filter((problem) => !answeredByCut(problem)) : first.problems;
  if (left.length > 0) return refuse(context, left);
  let plan = first.plan;
  const scratch = dryRun && cutNeeded ? await mkdtemp(path.join(tmpdir(), 'wk-continue-')) : undefined;
  try {
    if (cutNeeded) {
      const limits = clipLimits(MODELS[CONTINUING_MODEL], ROLE.clip);
      const cut = await tailClip(original, limits?.maxSeconds ?? 10, limits?.minSeconds ?? 2, scratch);
      if ('problem' in cut) {
        say(inLanguage(cut.problem, locale));
        return EXIT.invalidInput;
      }
      say(inLanguage(cut.said, locale));
      const second = await planGeneration(continueRequest(values, cut.file), context.endpoint, remote);
      if (!second.plan) return refuse(context, second.problems);
      plan = second.plan;
    }
    if (!plan) return refuse(context, first.problems);
    return await send(context, plan, { original, uploadMode, dryRun });
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

function refuse(context: CliContext, problems: readonly Problem[]): number {
  for (const problem of problems) context.say(inLanguage(problemMessage(problem), context.locale));
  return EXIT.invalidInput;
}

async function send(context: CliContext, plan: GenerationPlan, options: { original: string; uploadMode: 'oss' | 'base64'; dryRun: boolean }): Promise<number> {
  const { values, locale, zh, say } = context;
  const clip = plan.inputs[ROLE.clip];
  const clipSeconds = clip?.kind === 'video' ? clip.probe.seconds : undefined;
  const estimate = estimateCost({ model: plan.spec.id, region: priceRegion(context.endpoint), resolution: plan.resolution, duration: plan.duration, count: 1, clipSeconds });
  const outputDir = values.out ? path.resolve(values.out) : undefined;
  if (options.dryRun) {
    const folder = outputDir ?? defaultOutputDir(plan) ?? process.cwd();
    const line = { dryRun: true, model: plan.wireModel, resolution: plan.resolution, duration: plan.duration, clip: clip?.path ?? null, clipSeconds: clipSeconds ?? null, outputDir: folder, estimate };
    const text = values.json
      ? JSON.stringify(line)
      : [cliText('dryRun', zh, plan.wireModel, `${plan.resolution}, ${cliText('seconds', zh, String(plan.duration))}`, '1', folder), estimateSentence(estimate, locale, zh), ...basisLines(estimate, plan.resolution, zh)].join('\n');
    context.io.stdout.write(`${text}\n`);
    return EXIT.saved;
  }
  say(estimateSentence(estimate, locale, zh));
  if (outputDir) await mkdir(outputDir, { recursive: true });
  const parent = await parentTake(options.original);
  const { code } = await runPlannedTakes(context, [{ plan, seed: plan.seed ?? drawSeed(), parent }], { uploadMode: options.uploadMode, outputDir });
  return code;
}
