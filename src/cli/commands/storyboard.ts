import * as path from 'node:path';
import { priceRegion } from '../../core/catalog/regions';
import { type Bilingual, inLanguage } from '../../core/base/language';
import { MODELS, modelFamily } from '../../core/catalog/models';
import { problemMessage } from '../../core/inputs/problems';
import { parameterProblems } from '../../core/inputs/request';
import { chainStopMessage } from '../../core/storyboard/continuation';
import { cutMessage, storyboardJoinMessage } from '../../core/storyboard/joinMessages';
import { joinStoryboard } from '../../core/storyboard/storyboardJoin';
import { planStoryboard, type SegmentPlan, type StoryboardPlan } from '../../core/storyboard/storyboardPlan';
import { storyboardProblemMessage, type StoryboardProblem } from '../../core/storyboard/storyboardProblems';
import { readStoryboard } from '../../core/storyboard/storyboardRead';
import { chooseTake, createStoryboard, DEFAULT_STORYBOARD_MODEL } from '../../core/storyboard/storyboardWrite';
import { UsageError } from '../args';
import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import type { OfflineContext } from './estimate';
import { estimateText } from './storyboardGenerate';

/** `storyboard` sends nothing: it runs with no key, and reads its file from the positionals. */
export type StoryboardContext = OfflineContext & Pick<CliContext, 'positionals'>;

/** The subcommands that send nothing (the rest of `storyboard` makes segments: storyboardGenerate.ts). */
export const STORYBOARD_ACTIONS: readonly string[] = ['new', 'plan', 'take', 'join'];

const USAGE: Bilingual = {
  en: 'Usage: wan-keyframes storyboard <A> <B> <C> … [--prompt T]… [--model M] [--resolution R] [--duration S] [--out DIR] [--dry-run] [--json]\n       wan-keyframes storyboard <file.storyboard.json> [--dry-run] [--json]\n       wan-keyframes storyboard new <image…> --out <name>.storyboard.json [--model M] [--resolution R] [--duration S] [--prompt T]\n       wan-keyframes storyboard plan <file.storyboard.json> [--json]\n       wan-keyframes storyboard take <file.storyboard.json> <segment 1…N> <video>\n       wan-keyframes storyboard join <file.storyboard.json> [--json]',
  zh: '用法：wan-keyframes storyboard <A> <B> <C> … [--prompt T]… [--model M] [--resolution R] [--duration S] [--out DIR] [--dry-run] [--json]\n      wan-keyframes storyboard <文件.storyboard.json> [--dry-run] [--json]\n      wan-keyframes storyboard new <图片…> --out <名称>.storyboard.json [--model M] [--resolution R] [--duration S] [--prompt T]\n      wan-keyframes storyboard plan <文件.storyboard.json> [--json]\n      wan-keyframes storyboard take <文件.storyboard.json> <片段 1…N> <视频>\n      wan-keyframes storyboard join <文件.storyboard.json> [--json]',
};

const NEED: Record<SegmentPlan['needs'], Bilingual> = {
  'has-take': { en: 'has its take', zh: '已有视频' },
  'no-take': { en: 'needs a take (none chosen)', zh: '需要生成（未选择视频）' },
  'take-missing': { en: "needs a take (the chosen video is missing)", zh: '需要生成（所选视频不存在）' },
  'take-rejected': { en: 'needs a take (the chosen one is rejected)', zh: '需要生成（所选视频已被标记为不采用）' },
};

const secs = (value: number) => `${Number(value.toFixed(3))} s`;

/** What a continued segment starts from: the previous take (whole, or its last part from a keyframe), or a wait. */
function continuing(segment: SegmentPlan, locale: string): string {
  const clip = segment.clip;
  if (!clip) return inLanguage({ en: 'continues: no clip', zh: '接续：无可用片段' }, locale);
  if (clip.kind === 'waits') return inLanguage({ en: `continues segment ${clip.segment + 1}'s take (not made yet)`, zh: `接续片段 ${clip.segment + 1} 的视频（尚未生成）` }, locale);
  const name = path.basename(clip.video);
  if (clip.kind === 'whole') return inLanguage({ en: `continues ${name} (${secs(clip.seconds)})`, zh: `接续 ${name}（${secs(clip.seconds)}）` }, locale);
  return inLanguage({ en: `continues ${name} from its keyframe at ${secs(clip.cutAt)} (${secs(clip.seconds)}, cut without re-encoding to ${path.basename(clip.file)})`, zh: `从 ${secs(clip.cutAt)} 处的关键帧接续 ${name}（${secs(clip.seconds)}，不重新编码截取为 ${path.basename(clip.file)}）` }, locale);
}

function segmentLines(plan: StoryboardPlan, keyframes: string[], locale: string): string[] {
  return plan.segments.flatMap((segment) => {
    const { request } = segment;
    const how = segment.mode === 'continue' ? continuing(segment, locale) : inLanguage({ en: 'from keyframes', zh: '由关键帧生成' }, locale);
    const added = segment.newSeconds !== undefined ? ` (+${Number(segment.newSeconds.toFixed(3))} s)` : '';
    const head = `${segment.index + 1}. ${keyframes[segment.index]} → ${keyframes[segment.index + 1]}  ${request.model} ${request.resolution} ${request.duration} s${added}  ${how}  ${inLanguage(NEED[segment.needs], locale)}`;
    const notes = [...segment.notes, ...segment.problems.map(problemMessage), ...(segment.chainStop ? [chainStopMessage(segment.chainStop, segment.index + 1)] : [])];
    return [head, ...notes.map((note) => `   ! ${inLanguage(note, locale)}`)];
  });
}

function sayProblems(context: StoryboardContext, problems: StoryboardProblem[], file: string): number {
  for (const problem of problems) context.say(inLanguage(storyboardProblemMessage(problem, path.basename(file)), context.locale));
  return EXIT.invalidInput;
}

async function newStoryboard(context: StoryboardContext, images: string[]): Promise<number> {
  const { values, locale } = context;
  if (!values.out) throw new UsageError(inLanguage({ en: 'storyboard new needs --out <name>.storyboard.json', zh: 'storyboard new 需要 --out <名称>.storyboard.json' }, locale));
  const model = values.model ?? DEFAULT_STORYBOARD_MODEL;
  const family = modelFamily(model);
  const checked = family ? parameterProblems({ inputs: {}, model, resolution: values.resolution, duration: values.duration }, MODELS[family]).problems : [{ code: 'model-unknown' as const, model }];
  if (checked.length > 0) {
    for (const problem of checked) context.say(inLanguage(problemMessage(problem), locale));
    return EXIT.invalidInput;
  }
  const target = path.resolve(values.out);
  const created = await createStoryboard(images, target, { model, resolution: values.resolution?.trim().toUpperCase(), duration: values.duration === undefined ? undefined : Number(values.duration), prompt: values.prompt });
  if (created.kind === 'problems') return sayProblems(context, created.problems, target);
  if (created.kind === 'target-exists') {
    context.say(inLanguage({ en: `${target} already exists: it is never replaced.`, zh: `${target} 已存在：不会覆盖。` }, locale));
    return EXIT.invalidInput;
  }
  context.io.stdout.write(`${values.json ? JSON.stringify({ storyboard: target, segments: created.parsed.storyboard.segments.length }) : target}\n`);
  return EXIT.saved;
}

async function plan(context: StoryboardContext, file: string): Promise<number> {
  const { locale, endpoint } = context;
  const read = await readStoryboard(file);
  if (!read.ok) return sayProblems(context, read.problems, file);
  const planned = await planStoryboard(read.parsed, { region: priceRegion(endpoint) });
  if (context.values.json) {
    context.io.stdout.write(`${JSON.stringify({ storyboard: read.parsed.file, ...planned })}\n`);
    return EXIT.saved;
  }
  const { all, toGenerate } = planned.estimate;
  const lines = [
    ...segmentLines(planned, read.parsed.storyboard.keyframes, locale),
    inLanguage({ en: `To generate: ${toGenerate.segments} of ${all.segments} segment(s), ${inLanguage(estimateText(toGenerate), 'en')}; the whole storyboard ${inLanguage(estimateText(all), 'en')} (list prices).`, zh: `待生成：${all.segments} 个片段中的 ${toGenerate.segments} 个，${inLanguage(estimateText(toGenerate), 'zh')}；整个故事板 ${inLanguage(estimateText(all), 'zh')}（按标价）。` }, locale),
    inLanguage(planned.joinable ? { en: 'Every segment has a take: `storyboard join` makes the film.', zh: '所有片段都已有视频：运行 `storyboard join` 拼接影片。' } : { en: 'Nothing was sent. `wan-keyframes storyboard <file>` makes the segments that need a take, then joins the film.', zh: '未发送任何请求。运行 `wan-keyframes storyboard <文件>` 生成需要的片段并拼接影片。' }, locale),
  ];
  context.io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.saved;
}

/** `take F N V`: segment N's chosen take is V (generated with `generate`, or any video). */
async function take(context: StoryboardContext, file: string, number: string, video: string): Promise<number> {
  const { locale } = context;
  const index = /^\d+$/.test(number) ? Number(number) - 1 : -1;
  const result = await chooseTake(file, index, path.resolve(video));
  if (result.kind === 'problems') return sayProblems(context, result.problems, file);
  if (result.kind === 'no-such-segment') {
    context.say(inLanguage({ en: `There is no segment ${number}: the storyboard has ${result.segments} (1–${result.segments}).`, zh: `没有片段 ${number}：该故事板共有 ${result.segments} 个片段（1–${result.segments}）。` }, locale));
    return EXIT.invalidInput;
  }
  if (result.kind === 'video-missing') {
    context.say(inLanguage({ en: `${result.video} does not exist.`, zh: `${result.video} 不存在。` }, locale));
    return EXIT.invalidInput;
  }
  context.io.stdout.write(`${file}\n`);
  return EXIT.saved;
}

async function join(context: StoryboardContext, file: string): Promise<number> {
  const { locale } = context;
  const result = await joinStoryboard(file, { signal: context.io.signal });
  const message = inLanguage(storyboardJoinMessage(result, path.basename(file)), locale);
  if (result.kind !== 'joined' && result.kind !== 'up-to-date') {
    context.say(message);
    return EXIT.invalidInput;
  }
  if (context.values.json) context.io.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const cuts = result.kind === 'joined' ? result.cuts.map((cut) => `  ${inLanguage(cutMessage(cut), locale)}`) : [];
    context.io.stdout.write(`${[message, ...cuts, result.film].join('\n')}\n`);
  }
  return EXIT.saved;
}

/**
 * `storyboard new <images…> --out F`, `storyboard plan F`, `storyboard take F N V`, `storyboard join F`: a
 * storyboard made from images in their order; what it needs and what that costs (sends nothing); a segment's take
 * chosen; its takes joined into one film without re-encoding. A mistake in the file is named by line and field, exit 2.
 */
export async function storyboard(context: StoryboardContext): Promise<number> {
  const [, action, ...rest] = context.positionals;
  const usage = () => new UsageError(inLanguage(USAGE, context.locale));
  if (action === 'new') {
    if (rest.length === 0) throw usage();
    return newStoryboard(context, rest);
  }
  const [file, ...more] = rest;
  if (file === undefined) throw usage();
  if (action === 'plan' && more.length === 0) return plan(context, path.resolve(file));
  if (action === 'join' && more.length === 0) return join(context, path.resolve(file));
  if (action === 'take' && more.length === 2) return take(context, path.resolve(file), more[0] as string, more[1] as string);
  throw usage();
}
