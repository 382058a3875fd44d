import { lstat, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import type { Bilingual } from '../core/base/language';
import { MODELS, modelFamily } from '../core/catalog/models';
import type { Problem } from '../core/inputs/problems';
import { isImageUrl, urlFileName } from '../core/inputs/remoteImage';
import { parameterProblems } from '../core/inputs/request';
import type { StoryboardProblem } from '../core/storyboard/storyboardProblems';
import { checkKeyframes, type ParsedStoryboard, parseStoryboard, readStoryboard } from '../core/storyboard/storyboardRead';
import { type Segment, STORYBOARD_SUFFIX, STORYBOARD_VERSION, type Storyboard } from '../core/storyboard/storyboardSchema';
import { createStoryboardFile, DEFAULT_STORYBOARD_MODEL, formatStoryboard, relativeToStoryboard } from '../core/storyboard/storyboardWrite';

export interface StoryboardSettings {
  /** One prompt for every segment, one per segment, or none. */
  prompts: readonly string[];
  model?: string;
  resolution?: string;
  duration?: string;
  /** Where the storyboard (and its takes, and its film) go; the first local image's folder by default. */
  out?: string;
  /** Check the storyboard a new one would be, and write nothing. */
  dryRun?: boolean;
}

export type StoryboardFor =
  | { kind: 'file'; file: string; created: boolean }
  /** A dry run: the storyboard that would be written at `file`, checked, and not written. */
  | { kind: 'draft'; file: string; parsed: ParsedStoryboard }
  | { kind: 'parameters'; problems: Problem[] }
  | { kind: 'prompts'; message: Bilingual }
  | { kind: 'storyboard'; file: string; problems: StoryboardProblem[] };

const stem = (image: string) => (isImageUrl(image) ? urlFileName(image) : path.basename(image)).replace(/\.[^.]+$/, '');

/** The segments a line asks for: its settings checked against the model, a prompt each. */
export function segmentsOf(count: number, settings: StoryboardSettings): { segments: Segment[] } | Extract<StoryboardFor, { kind: 'prompts' | 'parameters' }> {
  const { prompts } = settings;
  if (prompts.length > 1 && prompts.length !== count) {
    return {
      kind: 'prompts',
      message: { en: `Give one --prompt for every segment, or one per segment: ${count} segment(s), ${prompts.length} prompts.`, zh: `请给一个 --prompt 用于所有片段，或每个片段一个：共 ${count} 个片段，给了 ${prompts.length} 个提示词。` },
    };
  }
  const model = settings.model ?? DEFAULT_STORYBOARD_MODEL;
  const family = modelFamily(model);
  if (!family) return { kind: 'parameters', problems: [{ code: 'model-unknown', model }] };
  const spec = MODELS[family];
  const promptOf = (index: number) => prompts[prompts.length === 1 ? 0 : index] ?? '';
  const checked = parameterProblems({ inputs: {}, model, resolution: settings.resolution, duration: settings.duration, prompt: prompts.reduce((longest, prompt) => ([...prompt].length > [...longest].length ? prompt : longest), '') }, spec);
  if (checked.problems.length > 0) return { kind: 'parameters', problems: checked.problems };
  const segments = Array.from({ length: count }, (_, index): Segment => ({ prompt: promptOf(index), model, resolution: checked.resolution, duration: checked.duration }));
  return { segments };
}

const same = (a: Storyboard, b: Storyboard) => {
  const settings = (storyboard: Storyboard) => JSON.stringify([storyboard.keyframes, storyboard.segments.map(({ prompt, model, resolution, duration, mode }) => [prompt, model, resolution, duration, mode ?? 'keyframes'])]);
  return settings(a) === settings(b);
};

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * The storyboard a line of images asks for: `<first>-to-<last>-film.storyboard.json` in --out (or beside the first
 * image). The same line run again finds the storyboard it wrote — the same keyframes and settings — and resumes it,
 * so nothing is made twice; a storyboard of other images or settings at that name is left as it is and the next free
 * name (`-2`, `-3`…) is used. Checked as any storyboard is read; nothing is written when a check fails, nor for a
 * dry run (the draft comes back instead).
 */
export async function storyboardFor(images: readonly string[], settings: StoryboardSettings): Promise<StoryboardFor> {
  const local = images.find((image) => !isImageUrl(image));
  const folder = settings.out ? path.resolve(settings.out) : local ? path.dirname(path.resolve(local)) : process.cwd();
  const made = segmentsOf(images.length - 1, settings);
  if (!('segments' in made)) return made;
  if (settings.out && !settings.dryRun) await mkdir(folder, { recursive: true });
  const base = `${stem(images[0] as string)}-to-${stem(images[images.length - 1] as string)}-film`;
  for (let n = 1; n < 100; n++) {
    const file = path.join(folder, `${base}${n === 1 ? '' : `-${n}`}${STORYBOARD_SUFFIX}`);
    const storyboard: Storyboard = {
      version: STORYBOARD_VERSION,
      keyframes: images.map((image) => (isImageUrl(image) ? image.trim() : relativeToStoryboard(file, path.resolve(image)))),
      segments: made.segments,
    };
    if (await exists(file)) {
      const read = await readStoryboard(file);
      if (read.ok && same(read.parsed.storyboard, storyboard)) return { kind: 'file', file, created: false };
      continue;
    }
    const parse = parseStoryboard(formatStoryboard(storyboard), file);
    if (!parse.ok) return { kind: 'storyboard', file, problems: parse.problems };
    const problems = await checkKeyframes(parse.parsed);
    if (problems.length > 0) return { kind: 'storyboard', file, problems };
    if (settings.dryRun) return { kind: 'draft', file, parsed: parse.parsed };
    if (await createStoryboardFile(file, storyboard)) return { kind: 'file', file, created: true };
  }
  return { kind: 'storyboard', file: path.join(folder, `${base}${STORYBOARD_SUFFIX}`), problems: [{ code: 'unreadable', detail: 'no free name (-2 … -99 are taken)' }] };
}
