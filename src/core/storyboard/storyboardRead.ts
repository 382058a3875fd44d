import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { isImageUrl } from '../inputs/remoteImage';
import { scanJson } from './jsonLocations';
import { fieldName, type StoryboardProblem } from './storyboardProblems';
import { MAX_STORYBOARD_BYTES, STORYBOARD_VERSION, type Storyboard, StoryboardSchema } from './storyboardSchema';

/** A keyframe as written, and what it names: a file (absolute path) or an image URL. */
export interface Keyframe {
  written: string;
  field: string;
  line: number;
  path?: string;
  url?: string;
}

/** A storyboard file that parsed: its values, its keyframes resolved, and where each field is. */
export interface ParsedStoryboard {
  file: string;
  folder: string;
  storyboard: Storyboard;
  keyframes: Keyframe[];
  /** The line of a value (`segments.1.duration`), or of the nearest field around it; 1 when nothing is known. */
  lineOf(valuePath: string): number;
}

export type StoryboardParse = { ok: true; parsed: ParsedStoryboard } | { ok: false; problems: StoryboardProblem[] };

/** At most this many field problems are listed: past that, the file is not what the user thinks it is. */
const MAX_FIELD_PROBLEMS = 10;

/**
 * Reads a storyboard's text: JSON (with the line and column where it stops being JSON), our schema of this version
 * (a newer one is named), every field's type, at least two keyframes and one segment between each two. The images
 * themselves are checked by `checkKeyframes`.
 */
export function parseStoryboard(text: string, file: string): StoryboardParse {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_STORYBOARD_BYTES) return { ok: false, problems: [{ code: 'too-large', bytes, max: MAX_STORYBOARD_BYTES }] };
  const scan = scanJson(text);
  if (!scan.ok) return { ok: false, problems: [{ code: 'malformed-json', ...scan.at, expected: scan.expected }] };
  const lineOf = (valuePath: string): number => {
    for (let parts = valuePath.split('.'); ; parts = parts.slice(0, -1)) {
      const found = scan.locations.get(parts.join('.'));
      if (found) return found.line;
      if (parts.length === 0) return 1;
    }
  };
  const raw = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  const version = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { version?: unknown }).version : undefined;
  if (version === undefined || typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problems: [{ code: 'not-a-storyboard', line: lineOf('version'), found: version === undefined ? undefined : JSON.stringify(version).slice(0, 80) }] };
  }
  if (version > STORYBOARD_VERSION) return { ok: false, problems: [{ code: 'future-version', line: lineOf('version'), version }] };
  const checked = StoryboardSchema.safeParse(raw);
  if (!checked.success) {
    const problems = checked.error.issues.slice(0, MAX_FIELD_PROBLEMS).map((issue): StoryboardProblem => {
      const valuePath = issue.path.map(String).join('.');
      const field = fieldName(valuePath) || 'storyboard';
      return { code: 'invalid-field', line: lineOf(valuePath), field, detail: `${field}: ${issue.message}` };
    });
    return { ok: false, problems: problems.sort((a, b) => ('line' in a && 'line' in b ? a.line - b.line : 0)) };
  }
  const storyboard = checked.data;
  const { keyframes, segments } = storyboard;
  if (keyframes.length < 2) return { ok: false, problems: [{ code: 'too-few-frames', line: lineOf('keyframes'), field: 'keyframes', count: keyframes.length }] };
  if (segments.length !== keyframes.length - 1) {
    return { ok: false, problems: [{ code: 'segments-count', line: lineOf('segments'), field: 'segments', keyframes: keyframes.length, segments: segments.length }] };
  }
  const folder = path.dirname(path.resolve(file));
  const resolved = keyframes.map((written, index): Keyframe => {
    const valuePath = `keyframes.${index}`;
    const place = { written, field: fieldName(valuePath), line: lineOf(valuePath) };
    return isImageUrl(written) ? { ...place, url: written.trim() } : { ...place, path: path.resolve(folder, written) };
  });
  return { ok: true, parsed: { file: path.resolve(file), folder, storyboard, keyframes: resolved, lineOf } };
}

/** A file's identity on disk: a link, `./a.png` and `a.png` are one file. */
type Identity = string;

async function identify(keyframe: Keyframe): Promise<Identity | StoryboardProblem> {
  const { line, field, written } = keyframe;
  if (keyframe.url !== undefined) return `url:${new URL(keyframe.url).href}`;
  try {
    const info = await stat(keyframe.path as string);
    if (!info.isFile()) return { code: 'image-not-a-file', line, field, image: written };
    return `file:${info.dev}:${info.ino}`;
  } catch {
    return { code: 'image-missing', line, field, image: written };
  }
}

/**
 * The keyframes' files: each exists, and no keyframe is the very file before it (a segment from a picture to
 * itself). What counts is the file, not its spelling or its bytes: `a.png`, `./a.png` and a link to it are the same
 * file; a copy is another (a still shot made on purpose). A → B → A (a loop back) is fine. URLs are compared as URLs.
 */
export async function checkKeyframes(parsed: ParsedStoryboard): Promise<StoryboardProblem[]> {
  const identities = await Promise.all(parsed.keyframes.map((keyframe) => identify(keyframe).catch((): StoryboardProblem => ({ code: 'image-missing', line: keyframe.line, field: keyframe.field, image: keyframe.written }))));
  const problems: StoryboardProblem[] = [];
  identities.forEach((identity, index) => {
    if (typeof identity !== 'string') return void problems.push(identity);
    const keyframe = parsed.keyframes[index] as Keyframe;
    const before = parsed.keyframes[index - 1];
    if (before && identities[index - 1] === identity) problems.push({ code: 'same-frame-twice', line: keyframe.line, field: keyframe.field, image: keyframe.written, previousField: before.field });
  });
  return problems;
}

/** Reads, parses and checks a storyboard file; only reads it. */
export async function readStoryboard(file: string): Promise<StoryboardParse> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_STORYBOARD_BYTES) return { ok: false, problems: [{ code: 'too-large', bytes: info.size, max: MAX_STORYBOARD_BYTES }] };
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ code: 'unreadable', detail: (error as { code?: string }).code ?? String(error) }] };
  }
  const parse = parseStoryboard(text, file);
  if (!parse.ok) return parse;
  const problems = await checkKeyframes(parse.parsed);
  return problems.length > 0 ? { ok: false, problems } : parse;
}
