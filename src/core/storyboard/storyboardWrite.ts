import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { MODELS, modelFamily, type ModelId } from '../catalog/models';
import { isImageUrl } from '../inputs/remoteImage';
import { writeBeside } from '../media/writeBeside';
import { checkKeyframes, type ParsedStoryboard, parseStoryboard } from './storyboardRead';
import type { StoryboardProblem } from './storyboardProblems';
import { type Segment, SEGMENT_KEY_ORDER, STORYBOARD_KEY_ORDER, STORYBOARD_VERSION, type Storyboard, StoryboardSchema } from './storyboardSchema';

/** The known keys in their order, then the others as they came; undefined values are left out. */
function ordered(value: Record<string, unknown>, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  for (const [key, item] of Object.entries(value)) if (!(key in out) && item !== undefined) out[key] = item;
  return out;
}

/**
 * The file's text: the same storyboard always gives the same bytes (fields in a fixed order, two spaces, one
 * keyframe a line, a final newline), so a change shows in a diff as the lines it changed. Fields this version does
 * not know are kept, after the known ones.
 */
export function formatStoryboard(storyboard: Storyboard): string {
  const checked = StoryboardSchema.parse(storyboard);
  const segments = checked.segments.map((segment) => ordered(segment, SEGMENT_KEY_ORDER));
  return `${JSON.stringify(ordered({ ...checked, segments }, STORYBOARD_KEY_ORDER), null, 2)}\n`;
}

/** A path as a storyboard writes it: relative to its folder, with forward slashes on every system. */
export function relativeToStoryboard(storyboardFile: string, target: string): string {
  return path.relative(path.dirname(path.resolve(storyboardFile)), target).split(path.sep).join('/');
}

/** Replaces the file atomically (temp file + rename): a reader sees the old storyboard or the new, never half. */
export async function writeStoryboardFile(file: string, storyboard: Storyboard): Promise<void> {
  const text = formatStoryboard(storyboard);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The model a new storyboard's segments start with: it makes both kinds of segment (from keyframes, and continuing
 * the previous take), so a storyboard can switch a segment to `continue` without changing models.
 */
export const DEFAULT_STORYBOARD_MODEL: ModelId = 'wan2.7-i2v';

export interface NewStoryboardOptions {
  model?: string;
  resolution?: string;
  duration?: number;
  /** One prompt for every segment. */
  prompt?: string;
}

export type CreateResult =
  | { kind: 'written'; parsed: ParsedStoryboard }
  /** A file is already at the target: it was left as it is. */
  | { kind: 'target-exists' }
  /** Fewer than two images, a missing one, one following itself…: nothing was written. */
  | { kind: 'problems'; problems: StoryboardProblem[] };

/**
 * A new storyboard at `target` from images (paths or URLs) in the given order, one segment between each two with
 * the model's defaults. Checked as any storyboard is read (the same messages), and never written over a file.
 */
export async function createStoryboard(files: readonly string[], target: string, options: NewStoryboardOptions = {}): Promise<CreateResult> {
  const model = options.model ?? DEFAULT_STORYBOARD_MODEL;
  const spec = MODELS[modelFamily(model) ?? DEFAULT_STORYBOARD_MODEL];
  const segment: Segment = {
    prompt: options.prompt ?? '',
    model,
    resolution: options.resolution ?? spec.defaultResolution,
    duration: options.duration ?? spec.duration.default,
  };
  const storyboard: Storyboard = {
    version: STORYBOARD_VERSION,
    keyframes: files.map((file) => (isImageUrl(file) ? file.trim() : relativeToStoryboard(target, path.resolve(file)))),
    segments: files.slice(1).map(() => ({ ...segment })),
  };
  const parse = parseStoryboard(formatStoryboard(storyboard), target);
  if (!parse.ok) return { kind: 'problems', problems: parse.problems };
  const problems = await checkKeyframes(parse.parsed);
  if (problems.length > 0) return { kind: 'problems', problems };
  return (await createStoryboardFile(target, storyboard)) ? { kind: 'written', parsed: parse.parsed } : { kind: 'target-exists' };
}

/** Writes a new storyboard at `file`; false when a file is already there (it is never replaced). */
export async function createStoryboardFile(file: string, storyboard: Storyboard): Promise<boolean> {
  const text = formatStoryboard(storyboard);
  const written = await writeBeside(file, (temporary) => writeFile(temporary, text, { flag: 'wx' }));
  return written.kind === 'written';
}

export type StoryboardUpdate =
  | { kind: 'written'; parsed: ParsedStoryboard }
  | { kind: 'unchanged'; parsed: ParsedStoryboard }
  /** The file as it is now does not parse (being edited, say): it was left as it is. */
  | { kind: 'problems'; problems: StoryboardProblem[] };

/** One update of a file at a time in this process: two takes landing together both end up in it. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Reads the file as it is now, lets `change` return the storyboard to write (undefined: nothing to change), and
 * writes it atomically. The file is read again for every update, so what the user changed meanwhile stays; a file
 * that does not parse is never rewritten.
 */
export function updateStoryboard(file: string, change: (parsed: ParsedStoryboard) => Storyboard | undefined): Promise<StoryboardUpdate> {
  const key = path.resolve(file);
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(async (): Promise<StoryboardUpdate> => {
    let text: string;
    try {
      text = await readFile(key, 'utf8');
    } catch (error) {
      return { kind: 'problems', problems: [{ code: 'unreadable', detail: (error as { code?: string }).code ?? String(error) }] };
    }
    const parse = parseStoryboard(text, key);
    if (!parse.ok) return { kind: 'problems', problems: parse.problems };
    const next = change(parse.parsed);
    if (next === undefined || formatStoryboard(next) === formatStoryboard(parse.parsed.storyboard)) return { kind: 'unchanged', parsed: parse.parsed };
    await writeStoryboardFile(key, next);
    const written = parseStoryboard(formatStoryboard(next), key);
    if (!written.ok) throw new Error(`a storyboard written does not read back: ${JSON.stringify(written.problems[0])}`);
    return { kind: 'written', parsed: written.parsed };
  });
  queues.set(key, run);
  const forget = () => {
    if (queues.get(key) === run) queues.delete(key);
  };
  run.then(forget, forget);
  return run;
}

export type ChooseTake = StoryboardUpdate | { kind: 'no-such-segment'; segments: number } | { kind: 'video-missing'; video: string };

/**
 * Makes `video` the chosen take of segment `index` (0-based), written relative to the storyboard; undefined clears
 * the choice. Only that field changes; the rest of the file stays as it is on disk now.
 */
export async function chooseTake(file: string, index: number, video: string | undefined): Promise<ChooseTake> {
  if (video !== undefined) {
    const found = await stat(video).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!found) return { kind: 'video-missing', video };
  }
  let segments = 0;
  const update = await updateStoryboard(file, ({ storyboard }) => {
    segments = storyboard.segments.length;
    if (!Number.isInteger(index) || index < 0 || index >= segments) return undefined;
    const changed = storyboard.segments.map((segment, at): Segment => {
      if (at !== index) return segment;
      const { take: _take, ...rest } = segment;
      return video === undefined ? rest : { ...rest, take: relativeToStoryboard(file, path.resolve(video)) };
    });
    return { ...storyboard, segments: changed };
  });
  if (update.kind !== 'problems' && (!Number.isInteger(index) || index < 0 || index >= segments)) return { kind: 'no-such-segment', segments };
  return update;
}
