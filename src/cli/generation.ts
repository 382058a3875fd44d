import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { inLanguage } from '../core/base/language';
import { userAgent } from '../core/base/version';
import { countProblemMessage, type Estimate, readCount } from '../core/catalog/estimate';
import { problemMessage } from '../core/inputs/problems';
import { urlFileName } from '../core/inputs/remoteImage';
import { type GenerationPlan, type GenerationRequest, planFrames, planGeneration } from '../core/inputs/request';
import { variationSeeds } from '../core/job/batchPlan';
import { defaultOutputDir } from '../core/job/job';
import { drawSeed } from '../core/job/seed';
import { candidateName, videoBaseName } from '../core/output/naming';
import { ROLE } from '../shared/mediaRoles';
import type { CliContext } from './context';
import { basisLines, estimateOf, estimateSentence } from './estimateText';
import { EXIT } from './exitCodes';
import { cliText } from './messages';
import { runTakes, type TakeSettings } from './takeRunner';

export const NAME_TEMPLATE = '{first}-to-{last}';

export interface GenerationOptions {
  /** --count as typed (1–8; default 1). */
  count: string | undefined;
  dryRun: boolean;
  uploadMode: TakeSettings['uploadMode'];
  /** --out, resolved; undefined: beside the first local input (the current folder when every frame is a URL). */
  out: string | undefined;
}

/**
 * A generation from a request, as `generate` and `replay` make it: every check before any request (the inputs, the
 * parameters, the count), the seeds of the takes, the estimate said before anything is sent; then the takes — or,
 * for a dry run, the plan and nothing sent.
 */
export async function runGeneration(context: CliContext, request: GenerationRequest, options: GenerationOptions): Promise<number> {
  const { say, locale, zh } = context;
  const count = readCount(options.count ?? '1');
  const { plan, problems } = await planGeneration(request, context.endpoint, { remote: { dispatcher: context.dispatcher, userAgent: userAgent('cli'), signal: context.io.signal } });
  const messages = problems.map((problem) => inLanguage(problemMessage(problem), locale));
  if (typeof count !== 'number') messages.push(inLanguage(countProblemMessage(count), locale));
  if (!plan || typeof count !== 'number' || messages.length > 0) {
    for (const message of messages) say(message);
    return EXIT.invalidInput;
  }
  const seeds = variationSeeds(count, plan.seed, drawSeed);
  const estimate = estimateOf({ model: plan.spec.id, resolution: plan.resolution, duration: plan.duration, count }, context.endpoint);
  // Two image URLs have no folder of their own: the video goes to the current directory.
  const outputDir = options.out ?? (planFrames(plan).every((facts) => facts.remote) ? process.cwd() : undefined);
  if (options.dryRun) return printPlan(context, plan, seeds, outputDir ?? defaultOutputDir(plan) ?? process.cwd(), estimate);
  say(estimateSentence(estimate, locale, zh));
  if (outputDir) await mkdir(outputDir, { recursive: true });
  return runTakes(context, plan, seeds, { uploadMode: options.uploadMode, outputDir });
}

/** The name the takes' videos are made from: `<first>-to-<last>`, as the job names them. */
export function plannedBaseName(plan: GenerationPlan, now: Date): string {
  const nameOf = (role: typeof ROLE.first | typeof ROLE.last | typeof ROLE.clip) => {
    const facts = plan.inputs[role];
    if (!facts) return undefined;
    return facts.kind === 'image' && facts.remote ? urlFileName(facts.path) : path.basename(facts.path);
  };
  return videoBaseName(nameOf(ROLE.first) ?? nameOf(ROLE.clip) ?? 'video', nameOf(ROLE.last) ?? 'end', NAME_TEMPLATE, plan.wireModel, now);
}

async function exists(file: string): Promise<boolean> {
  return access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
}

/** The first `count` free video names in `folder` now (a video and its take both free), as the takes will be saved. */
export async function freeVideoNames(folder: string, base: string, count: number): Promise<string[]> {
  const names: string[] = [];
  for (let index = 1; names.length < count && index < 10_000; index++) {
    const name = candidateName(base, index);
    if (!(await exists(path.join(folder, `${name}.mp4`))) && !(await exists(path.join(folder, `${name}.json`)))) names.push(path.join(folder, `${name}.mp4`));
  }
  return names;
}

/** `--dry-run`: the plan (model, each take's seed and file) and the estimate, on stdout; nothing sent, nothing written. */
async function printPlan(context: CliContext, plan: GenerationPlan, seeds: readonly number[], folder: string, estimate: Estimate): Promise<number> {
  const { zh, locale } = context;
  const videos = await freeVideoNames(folder, plannedBaseName(plan, new Date()), seeds.length);
  if (context.values.json) {
    const takes = seeds.map((seed, index) => ({ seed, video: videos[index] ?? null }));
    const line = { dryRun: true, model: plan.wireModel, resolution: plan.resolution, duration: plan.duration, outputDir: folder, takes, estimate };
    context.io.stdout.write(`${JSON.stringify(line)}\n`);
    return EXIT.saved;
  }
  const lines = [
    cliText('dryRun', zh, plan.wireModel, `${plan.resolution}, ${plan.duration === -1 ? 'auto' : cliText('seconds', zh, String(plan.duration))}`, String(seeds.length), folder),
    ...seeds.map((seed, index) => cliText('dryRunTake', zh, String(index + 1), String(seed), videos[index] ?? '?')),
    estimateSentence(estimate, locale, zh),
    ...basisLines(estimate, plan.resolution, zh),
  ];
  context.io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.saved;
}
