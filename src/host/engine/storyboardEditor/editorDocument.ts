import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Bilingual } from '../../../core/base/language';
import { MODEL_IDS, MODELS, modelFamily, takesRole } from '../../../core/catalog/models';
import { type ParsedStoryboard, parseStoryboard } from '../../../core/storyboard/storyboardRead';
import { storyboardProblemMessage } from '../../../core/storyboard/storyboardProblems';
import type { Storyboard } from '../../../core/storyboard/storyboardSchema';
import { formatStoryboard, relativeToStoryboard } from '../../../core/storyboard/storyboardWrite';
import { ROLE } from '../../../shared/mediaRoles';
import type { EditorBoard, EditorFrame, EditorModel, StoryboardEdit } from '../../../shared/storyboardEditorProtocol';
import { addFrames, changeSegment, chooseTake, type FrameChange, moveFrame, removeFrame } from './frameOperations';
import { cachedFolderTakes, frameIdentities, type SegmentTakeChoices, segmentTakeChoices } from './segmentTakes';

/** The document's text as the editor reads it: a storyboard, or the reader's first problem (line and field). */
export type EditorRead = { ok: true; parsed: ParsedStoryboard } | { ok: false; message: Bilingual; line: number | undefined };

export function readEditorText(text: string, file: string): EditorRead {
  const parse = parseStoryboard(text, file);
  if (parse.ok) return { ok: true, parsed: parse.parsed };
  const problem = parse.problems[0];
  if (!problem) return { ok: false, message: { en: 'The storyboard cannot be read.', zh: '无法读取故事板。' }, line: undefined };
  return { ok: false, message: storyboardProblemMessage(problem, path.basename(file)), line: 'line' in problem ? problem.line : undefined };
}

/** Every model a segment may pick, with the catalog's resolutions, durations and whether it continues a clip. */
export function editorModels(inUse: readonly string[]): EditorModel[] {
  const known = MODEL_IDS.map((id): EditorModel => describe(id, id));
  // A dated snapshot or an id the catalog does not know stays selectable as written.
  const extra = [...new Set(inUse)].filter((id) => !(MODEL_IDS as readonly string[]).includes(id)).map((id) => describe(id, modelFamily(id)));
  return [...known, ...extra];
}

function describe(id: string, family: keyof typeof MODELS | undefined): EditorModel {
  if (!family) return { id, resolutions: [], minDuration: 1, maxDuration: 60, continues: false };
  const spec = MODELS[family];
  return { id, resolutions: [...spec.resolutions], minDuration: spec.duration.min, maxDuration: spec.duration.max, continues: takesRole(spec, ROLE.clip) };
}

/** Whether `file` is inside `folder` (the only folder the editor's page may load images from). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The page's view of a storyboard: each keyframe with a thumbnail when it may be shown (`thumbnail` turns a file in
 * the storyboard's folder into a webview URI), and each segment's settings and chosen take.
 */
export async function boardView(parsed: ParsedStoryboard, thumbnail: (file: string) => string, context: { locale?: string; now?: number } = {}): Promise<EditorBoard> {
  const choices = await takeChoices(parsed, context.now ?? Date.now(), context.locale);
  const frames = await Promise.all(
    parsed.keyframes.map(async (keyframe): Promise<EditorFrame> => {
      const name = keyframe.written.replace(/^.*[\\/]/, '') || keyframe.written;
      if (keyframe.url !== undefined) return { written: keyframe.written, name, state: 'remote' };
      const file = keyframe.path as string;
      const exists = await stat(file).then((info) => info.isFile(), () => false);
      if (!exists) return { written: keyframe.written, name, state: 'missing' };
      if (!isInside(parsed.folder, file)) return { written: keyframe.written, name, state: 'outside' };
      return { written: keyframe.written, name, state: 'shown', src: thumbnail(file) };
    }),
  );
  const { segments } = parsed.storyboard;
  return {
    kind: 'board',
    name: path.basename(parsed.file),
    frames,
    segments: segments.map((segment, index) => ({
      prompt: segment.prompt,
      model: segment.model,
      resolution: segment.resolution,
      duration: segment.duration,
      mode: segment.mode ?? 'keyframes',
      take: segment.take,
      takes: choices[index]?.takes ?? [],
    })),
    models: editorModels(segments.map((segment) => segment.model)),
  };
}

/** Each segment's take choices, from the takes in the storyboard's folder (JSON only) and the keyframes' sha256. */
async function takeChoices(parsed: ParsedStoryboard, now: number, locale: string | undefined): Promise<SegmentTakeChoices[]> {
  const [found, identities] = await Promise.all([cachedFolderTakes(parsed.folder), frameIdentities(parsed.keyframes)]);
  return Promise.all(
    parsed.storyboard.segments.map(async (segment, index) => {
      const chosen = segment.take === undefined ? undefined : path.resolve(parsed.folder, segment.take);
      const present = chosen !== undefined && (await stat(chosen).then((info) => info.isFile(), () => false));
      return segmentTakeChoices(found, parsed, index, identities, now, locale, present);
    }),
  );
}

/** The result of an edit: the document's whole new text, or why nothing changed. */
export type EditResult = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'out-of-range' | 'too-few-frames' | 'unchanged' | 'not-a-take' };

function textOf(change: FrameChange, before: Storyboard): EditResult {
  if (!change.ok) return change;
  const text = formatStoryboard(change.storyboard);
  return text === formatStoryboard(before) ? { ok: false, reason: 'unchanged' } : { ok: true, text };
}

/** Applies the page's edit to the document's text; a text that does not read as a storyboard is never rewritten. */
export function applyEdit(text: string, file: string, edit: StoryboardEdit): EditResult {
  const read = readEditorText(text, file);
  if (!read.ok) return { ok: false, reason: 'unreadable' };
  const { storyboard } = read.parsed;
  switch (edit.kind) {
    case 'move':
      return textOf(moveFrame(storyboard, edit.from, edit.to), storyboard);
    case 'remove':
      return textOf(removeFrame(storyboard, edit.index), storyboard);
    case 'segment':
      return textOf(changeSegment(storyboard, edit.index, edit.patch), storyboard);
    case 'take':
      return textOf(chooseTake(storyboard, edit.index, edit.take), storyboard);
  }
}

/** Adds image files (absolute paths) at the end, written relative to the storyboard as its other keyframes are. */
export function applyAddFrames(text: string, file: string, images: readonly string[]): EditResult {
  const read = readEditorText(text, file);
  if (!read.ok) return { ok: false, reason: 'unreadable' };
  const written = images.map((image) => relativeToStoryboard(file, path.resolve(image)));
  return textOf(addFrames(read.parsed.storyboard, written), read.parsed.storyboard);
}
