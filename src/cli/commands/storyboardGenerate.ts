import * as path from 'node:path';
import { type Bilingual, inLanguage } from '../../core/base/language';
import { userAgent } from '../../core/base/version';
import type { Range } from '../../core/catalog/estimate';
import { problemMessage } from '../../core/inputs/problems';
import type { JobResult } from '../../core/job/jobDeps';
import { drawSeed } from '../../core/job/seed';
import { readTake } from '../../core/output/takeReader';
import { readFilmSidecar } from '../../core/storyboard/filmSidecar';
import { cutMessage, storyboardJoinMessage } from '../../core/storyboard/joinMessages';
import { sidecarOf } from '../../core/storyboard/segmentTake';
import { joinStoryboard } from '../../core/storyboard/storyboardJoin';
import type { StoryboardEstimate } from '../../core/storyboard/storyboardPlan';
import { storyboardProblemMessage } from '../../core/storyboard/storyboardProblems';
import { type ParsedStoryboard, readStoryboard } from '../../core/storyboard/storyboardRead';
import { chooseTake } from '../../core/storyboard/storyboardWrite';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { storyboardFor } from '../storyboardFile';
import { planWave, type ReadySegment, type WaveOptions } from '../storyboardSegments';
import { runPlannedTakes } from '../takeRunner';
import { uploadModeOf } from './generate';

export const GENERATE_USAGE: Bilingual = {
  en: 'Usage: wan-keyframes storyboard <A> <B> <C> … [--prompt T]… [--model M] [--resolution R] [--duration S] [--out DIR] [--dry-run] [--json]\n       wan-keyframes storyboard <file.storyboard.json> [--dry-run] [--json]',
  zh: '用法：wan-keyframes storyboard <A> <B> <C> … [--prompt T]… [--model M] [--resolution R] [--duration S] [--out DIR] [--dry-run] [--json]\n      wan-keyframes storyboard <文件.storyboard.json> [--dry-run] [--json]',
};

const money = (range: Range) => (range.min.toFixed(2) === range.max.toFixed(2) ? `¥${range.min.toFixed(2)}` : `¥${range.min.toFixed(2)}–${range.max.toFixed(2)}`);
const seconds = (range: Range) => (range.min === range.max ? `${range.min} s` : `${range.min}–${range.max} s`);

/** "≈ ¥6.00 for 10 s", a range where a model chooses its length, and unknown prices named by segment. */
export function estimateText(estimate: StoryboardEstimate): Bilingual {
  if (estimate.segments === 0) return { en: 'nothing', zh: '无' };
  const numbers = estimate.unpriced.map((index) => index + 1).join(', ');
  if (estimate.total) return { en: `≈ ${money(estimate.total)} for ${seconds(estimate.seconds)}`, zh: `约 ${money(estimate.total)}，共 ${seconds(estimate.seconds)}` };
  const priced = estimate.unpriced.length < estimate.segments ? { en: `≈ ${money(estimate.priced)} + `, zh: `约 ${money(estimate.priced)} + ` } : { en: '', zh: '' };
  return { en: `${priced.en}price unknown for segment(s) ${numbers}`, zh: `${priced.zh}片段 ${numbers} 价格未知` };
}

/** The storyboard a line names: its file, or one written (or found again) from its images. */
async function storyboardOf(context: CliContext, args: readonly string[]): Promise<string | ParsedStoryboard | number> {
  const { values, locale, say } = context;
  const [only] = args;
  if (args.length === 1 && only?.toLowerCase().endsWith('.json')) {
    const settings = ['prompt', 'model', 'resolution', 'duration', 'out'] as const;
    const given = settings.filter((name) => values[name] !== undefined);
    if (given.length > 0) throw new UsageError(inLanguage({ en: `A storyboard file keeps its own settings: edit it rather than give ${given.map((name) => `--${name}`).join(', ')}.`, zh: `故事板文件自带设置：请直接编辑文件，不要给 ${given.map((name) => `--${name}`).join('、')}。` }, locale));
    return path.resolve(only);
  }
  if (args.length < 2) throw new UsageError(inLanguage(GENERATE_USAGE, locale));
  const found = await storyboardFor(args, { prompts: values.prompts ?? [], model: values.model, resolution: values.resolution, duration: values.duration, out: values.out, dryRun: values['dry-run'] === true });
  switch (found.kind) {
    case 'draft':
      say(inLanguage({ en: `Would write ${found.file} (dry run: not written)`, zh: `将写入 ${found.file}（试运行：未写入）` }, locale));
      return found.parsed;
    case 'file':
      say(inLanguage(found.created ? { en: `Wrote ${found.file}`, zh: `已写入 ${found.file}` } : { en: `Resuming ${found.file} (the same keyframes and settings)`, zh: `继续 ${found.file}（相同的关键帧与设置）` }, locale));
      return found.file;
    case 'prompts':
      throw new UsageError(inLanguage(found.message, locale));
    case 'parameters':
      for (const problem of found.problems) say(inLanguage(problemMessage(problem), locale));
      return EXIT.invalidInput;
    case 'storyboard':
      for (const problem of found.problems) say(inLanguage(storyboardProblemMessage(problem, path.basename(found.file)), locale));
      return EXIT.invalidInput;
  }
}

/** Each segment's chosen take, as `--json` lists it: its video, its take file, its task and seed. */
async function segmentLines(file: string): Promise<Array<{ video: string; sidecar: string; taskId: string | null; seed: number | null }>> {
  const read = await readStoryboard(file);
  if (!read.ok) return [];
  return Promise.all(
    read.parsed.storyboard.segments.map(async (segment) => {
      const video = path.resolve(read.parsed.folder, segment.take ?? '');
      const sidecar = sidecarOf(video);
      const take = await readTake(sidecar);
      return { video, sidecar, taskId: 'found' in take ? take.found.take.taskId : null, seed: 'found' in take ? (take.found.take.seed ?? null) : null };
    }),
  );
}

/**
 * `storyboard <A> <B> <C> …` and `storyboard <file.storyboard.json>`: the storyboard written (or found again), every
 * segment without a usable take made — the estimate of the whole said first; keyframe segments in parallel within the
 * account's concurrency, through the run's create gate; a continued segment once the take before it landed — each
 * take recorded in the storyboard as it lands, then the takes joined into `<name>.mp4`. Run again, it resumes: a
 * segment with a take is never made again. Exit 0 only when the film is written; `--json` prints one object.
 */
export async function storyboardGenerate(context: CliContext): Promise<number> {
  const { values, locale, say } = context;
  const dryRun = values['dry-run'] === true;
  const uploadMode = uploadModeOf(context);
  const source = await storyboardOf(context, context.positionals.slice(1));
  if (typeof source === 'number') return source;
  const file = typeof source === 'string' ? source : source.file;
  const options: WaveOptions = { endpoint: context.endpoint, dryRun, remote: { dispatcher: context.dispatcher, userAgent: userAgent('cli'), signal: context.io.signal } };
  let wave = await planWave(source, options);
  if (wave.kind === 'refused') return refused(context, wave.messages);
  const { toGenerate, all } = wave.plan.estimate;
  if (toGenerate.segments > 0) {
    const whole = toGenerate.segments < all.segments ? { en: `; the whole storyboard ${estimateText(all).en}`, zh: `；整个故事板 ${estimateText(all).zh}` } : { en: '', zh: '' };
    const line = { en: `Estimate for ${toGenerate.segments} of ${all.segments} segment(s) to make: ${estimateText(toGenerate).en}${whole.en} (list prices).`, zh: `预估费用（生成 ${all.segments} 个片段中的 ${toGenerate.segments} 个）：${estimateText(toGenerate).zh}${whole.zh}（按标价）。` };
    if (dryRun) {
      const plan = values.json ? JSON.stringify({ dryRun: true, storyboard: file, toGenerate: wave.plan.toGenerate, estimate: wave.plan.estimate }) : [inLanguage(line, locale), inLanguage({ en: 'Dry run: nothing was sent.', zh: '试运行：未发送任何请求。' }, locale)].join('\n');
      context.io.stdout.write(`${plan}\n`);
      return EXIT.saved;
    }
    say(inLanguage(line, locale));
  } else if (dryRun) {
    context.io.stdout.write(`${values.json ? JSON.stringify({ dryRun: true, storyboard: file, toGenerate: [], estimate: wave.plan.estimate }) : inLanguage({ en: 'Every segment has its take: only the join is left. Nothing was sent.', zh: '所有片段都已有视频：只需拼接。未发送任何请求。' }, locale)}\n`);
    return EXIT.saved;
  }
  // Takes say where they are on stderr; stdout holds the film's one object alone.
  const quiet: CliContext = { ...context, values: { ...values, json: false } };
  // A segment made in this run is never sent again (a take the file could not record is said so, not made twice).
  const made = new Set<number>();
  while (wave.kind === 'planned' && wave.ready.length > 0 && wave.ready.every((segment) => !made.has(segment.index))) {
    for (const segment of wave.ready) made.add(segment.index);
    const code = await runWave(quiet, file, wave.ready, uploadMode);
    if (code !== EXIT.saved) return code;
    wave = await planWave(file, options);
  }
  if (wave.kind === 'refused') return refused(context, wave.messages);
  return join(context, file);
}

function refused(context: CliContext, messages: readonly Bilingual[]): number {
  for (const message of messages) context.say(inLanguage(message, context.locale));
  return EXIT.invalidInput;
}

async function runWave(context: CliContext, file: string, ready: readonly ReadySegment[], uploadMode: 'oss' | 'base64'): Promise<number> {
  for (const segment of ready) if (segment.said) context.say(inLanguage(segment.said, context.locale));
  const record = async (position: number, result: JobResult) => {
    const index = (ready[position] as ReadySegment).index;
    const chosen = await chooseTake(file, index, result.videoPath).catch((error: unknown) => ({ kind: 'error' as const, detail: error instanceof Error ? error.message : String(error) }));
    if (chosen.kind === 'written' || chosen.kind === 'unchanged') return;
    const detail = 'detail' in chosen ? chosen.detail : chosen.kind;
    context.say(inLanguage({ en: `Segment ${index + 1}: saved ${result.videoPath}, but the storyboard could not record it (${detail}): choose it with \`storyboard take\`.`, zh: `第 ${index + 1} 段：已保存 ${result.videoPath}，但故事板未能记录它（${detail}）：请用 \`storyboard take\` 选定。` }, context.locale));
  };
  const { code } = await runPlannedTakes(
    context,
    ready.map(({ index, plan }) => ({ plan, seed: plan.seed ?? drawSeed(), parent: { kind: 'chain' as const, id: file, index } })),
    { uploadMode, outputDir: path.dirname(file), prefix: (position) => `[${context.zh ? '片段' : 'segment'} ${(ready[position]?.index ?? 0) + 1}] `, onSaved: record },
  );
  return code;
}

async function join(context: CliContext, file: string): Promise<number> {
  const { locale, say } = context;
  const result = await joinStoryboard(file, { signal: context.io.signal });
  say(inLanguage(storyboardJoinMessage(result, path.basename(file)), locale));
  if (result.kind !== 'joined' && result.kind !== 'up-to-date') return EXIT.invalidInput;
  if (result.kind === 'joined') for (const cut of result.cuts) say(`  ${inLanguage(cutMessage(cut), locale)}`);
  const film = await readFilmSidecar(result.sidecar);
  const durationSeconds = result.kind === 'joined' ? result.seconds : film.kind === 'ours' ? film.sidecar.video.seconds : null;
  const line = { video: result.film, sidecar: result.sidecar, segments: await segmentLines(file), durationSeconds };
  context.io.stdout.write(`${context.values.json ? JSON.stringify(line) : result.film}\n`);
  return EXIT.saved;
}
