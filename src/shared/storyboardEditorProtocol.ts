import * as z from 'zod/mini';
import { id, longText, shortText, text } from './schemaParts';

/**
 * Every message between the storyboard editor's page and the extension host, both ways. Both sides parse with these
 * schemas and drop what fails. The page never holds the storyboard: it shows a view the host made from the document's
 * text and asks for edits, which the host makes to that text (so undo, dirty state, save and git diffs stay VS Code's).
 */

/** Every string the page shows, chosen by the host in the user's language. */
export const STORYBOARD_EDITOR_STRING_KEYS = [
  'title', 'frames', 'frame', 'segment', 'prompt', 'promptPlaceholder', 'model', 'resolution', 'duration', 'mode',
  'modeKeyframes', 'modeContinue', 'modeContinueFirst', 'take', 'noTake', 'addFrames', 'removeFrame', 'removeLast',
  'moveEarlier', 'moveLater', 'reorderHint', 'moved', 'removed', 'generate', 'join', 'openAsText', 'invalidTitle',
  'missingImage', 'remoteImage', 'outsideFolder', 'loading',
] as const;
export type StoryboardEditorStringKey = (typeof STORYBOARD_EDITOR_STRING_KEYS)[number];
export const StoryboardEditorStringsSchema = z.object(
  Object.fromEntries(STORYBOARD_EDITOR_STRING_KEYS.map((key) => [key, text(2_000)])) as Record<StoryboardEditorStringKey, ReturnType<typeof text>>,
);
export type StoryboardEditorStrings = Record<StoryboardEditorStringKey, string>;

const index = () => z.number().check(z.int(), z.gte(0), z.lte(1_000));
const SEGMENT_MODE_VALUES = ['keyframes', 'continue'] as const;

/** A model a segment may use, with what the catalog allows for it. */
export const EditorModelSchema = z.object({
  id,
  resolutions: z.array(id).check(z.maxLength(16)),
  minDuration: z.number(),
  maxDuration: z.number(),
  /** It takes a clip to continue (ROLE.clip), so a segment with it may be in `continue` mode. */
  continues: z.boolean(),
});
export type EditorModel = z.infer<typeof EditorModelSchema>;

export const EditorFrameSchema = z.object({
  /** As written in the file (a path relative to it, or a URL). */
  written: shortText,
  name: shortText,
  /** A webview URI of the image, when it may be shown (a file in the storyboard's folder that exists). */
  src: z.optional(text(8_000)),
  state: z.enum(['shown', 'missing', 'remote', 'outside']),
});
export type EditorFrame = z.infer<typeof EditorFrameSchema>;

/** A take that can serve a segment: `value` is its video as the storyboard writes it, `label` what the select says. */
export const EditorTakeSchema = z.object({ value: shortText, label: shortText });
export type EditorTake = z.infer<typeof EditorTakeSchema>;

export const EditorSegmentSchema = z.object({
  prompt: longText,
  model: id,
  resolution: id,
  duration: z.number(),
  mode: z.enum(SEGMENT_MODE_VALUES),
  /** The chosen take as the file writes it (a path relative to the storyboard); undefined: none yet. */
  take: z.optional(shortText),
  /** The takes it may use, newest first (the chosen one among them, said "(missing)" when its video is gone). */
  takes: z.array(EditorTakeSchema).check(z.maxLength(500)),
});
export type EditorSegment = z.infer<typeof EditorSegmentSchema>;

export const EditorBoardSchema = z.object({
  kind: z.literal('board'),
  name: shortText,
  frames: z.array(EditorFrameSchema).check(z.maxLength(1_000)),
  segments: z.array(EditorSegmentSchema).check(z.maxLength(1_000)),
  models: z.array(EditorModelSchema).check(z.maxLength(64)),
});
export type EditorBoard = z.infer<typeof EditorBoardSchema>;

/** A file that does not read as a storyboard: the reader's message, naming the line and the field. */
export const EditorInvalidSchema = z.object({ kind: z.literal('invalid'), name: shortText, message: longText, line: z.optional(z.number()) });
export type EditorInvalid = z.infer<typeof EditorInvalidSchema>;

export const EditorViewSchema = z.discriminatedUnion('kind', [EditorBoardSchema, EditorInvalidSchema]);
export type EditorView = z.infer<typeof EditorViewSchema>;

/** What the page may ask for one segment; anything left out stays as it is. */
export const SegmentPatchSchema = z.object({
  prompt: z.optional(longText),
  model: z.optional(id),
  resolution: z.optional(id),
  duration: z.optional(z.number().check(z.int(), z.gte(-1), z.lte(600))),
  mode: z.optional(z.enum(SEGMENT_MODE_VALUES)),
});
export type SegmentPatch = z.infer<typeof SegmentPatchSchema>;

export const StoryboardEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), from: index(), to: index() }),
  z.object({ kind: z.literal('remove'), index: index() }),
  z.object({ kind: z.literal('segment'), index: index(), patch: SegmentPatchSchema }),
  /** Chooses a segment's take (a path relative to the storyboard, one of its `takes`); none: it is generated again. */
  z.object({ kind: z.literal('take'), index: index(), take: z.optional(shortText) }),
]);
export type StoryboardEdit = z.infer<typeof StoryboardEditSchema>;

export const EditorToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('edit'), edit: StoryboardEditSchema }),
  z.object({ type: z.literal('addFrames') }),
  z.object({ type: z.literal('generate') }),
  z.object({ type: z.literal('join') }),
  z.object({ type: z.literal('openAsText') }),
]);
export type EditorToHost = z.infer<typeof EditorToHostSchema>;

export const HostToEditorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('view'), view: EditorViewSchema }),
  /** A request was refused (an edit that would leave fewer than two frames, say): one sentence for the page to say. */
  z.object({ type: z.literal('notice'), message: shortText }),
]);
export type HostToEditor = z.infer<typeof HostToEditorSchema>;
