import { inLanguage } from '../../../core/base/language';
import { isFrameFileName } from '../../../shared/imageFiles';
import { EditorToHostSchema, type EditorToHost, type EditorView, type HostToEditor, HostToEditorSchema, type StoryboardEditorStrings } from '../../../shared/storyboardEditorProtocol';
import { applyAddFrames, applyEdit, boardView, type EditResult, readEditorText } from './editorDocument';
import { EDITOR_NOTICES, editorStrings } from './editorStrings';
import { forgetFolderTakes } from './segmentTakes';

/**
 * What the storyboard editor's VS Code side (host/entry/storyboardEditorSession.ts) asks of the engine, as one
 * bundle (dist/storyboardLogic.js) required when the first storyboard is opened in the editor: zod, the storyboard
 * reader and writer and the catalog stay out of the start-up bundle. Nothing here knows VS Code.
 */
export interface StoryboardEditorLogic {
  strings(locale: string | undefined): StoryboardEditorStrings;
  /** The page's view of the document's text: the board, or the reader's message (line and field). */
  view(text: string, file: string, locale: string | undefined, thumbnail: (file: string) => string): Promise<EditorView>;
  edit: typeof applyEdit;
  /** Adds images at the end; anything that is not a frame image is refused with a message and nothing changes. */
  addFrames(text: string, file: string, images: readonly string[], locale: string | undefined): EditResult | { ok: false; reason: 'not-images'; message: string };
  /** The page's message, checked; undefined when it is not one. */
  fromPage(message: unknown): EditorToHost | undefined;
  /** A message for the page, checked before it goes. */
  toPage(message: HostToEditor): HostToEditor;
  /** The sentence the page shows for an edit refused (none for an edit that changed nothing). */
  notice(reason: string, locale: string | undefined): string | undefined;
  /** Files came, changed or went in the storyboard's folder: its takes are read again for the next view. */
  forgetTakes(folder: string): void;
}

export const storyboardEditorLogic: StoryboardEditorLogic = {
  strings: editorStrings,
  async view(text, file, locale, thumbnail) {
    const read = readEditorText(text, file);
    const name = file.replace(/^.*[\\/]/, '');
    if (!read.ok) return { kind: 'invalid', name, message: inLanguage(read.message, locale), line: read.line };
    return boardView(read.parsed, thumbnail, { locale });
  },
  edit: applyEdit,
  addFrames(text, file, images, locale) {
    if (images.some((image) => !isFrameFileName(image))) return { ok: false, reason: 'not-images', message: inLanguage(EDITOR_NOTICES.notImages, locale) };
    return applyAddFrames(text, file, images);
  },
  fromPage(message) {
    const parsed = EditorToHostSchema.safeParse(message);
    return parsed.success ? parsed.data : undefined;
  },
  toPage: (message) => HostToEditorSchema.parse(message),
  notice(reason, locale) {
    if (reason === 'too-few-frames') return inLanguage(EDITOR_NOTICES.tooFewFrames, locale);
    if (reason === 'unreadable') return inLanguage(EDITOR_NOTICES.unreadable, locale);
    return undefined;
  },
  forgetTakes: forgetFolderTakes,
};
