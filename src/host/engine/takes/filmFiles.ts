import * as path from 'node:path';
import { type FoundTake, parseTake, readTakeSizedText, type TakeRead } from '../../../core/output/takeReader';
import { type ScanOptions, walk } from '../../../core/output/takeScan';
import { FILM_SCHEMA, type FilmSidecar, FilmSidecarSchema } from '../../../core/storyboard/filmSidecar';

/** A joined film as read from its sidecar (`wan-keyframes/film@1`): where it is, its storyboard, its segments' takes. */
export interface FoundFilm {
  film: FilmSidecar;
  sidecarPath: string;
  videoPath: string;
  storyboardPath: string;
  /** Each segment's take video, resolved against the sidecar's folder, in storyboard order. */
  segmentVideos: string[];
}

/** A JSON file the take index keeps: a take or a film. */
export type Indexed = { found: FoundTake } | { film: FoundFilm };

const FILM_PREFIX = 'wan-keyframes/film@';

/** What one JSON file in the workspace is to the take index: a take, a film, or skipped (and why). */
export type IndexedRead = TakeRead | { film: FoundFilm };

/** Reads a take or a film from its text: a take as `parseTake` does; a film's sidecar when it is one of this version. */
export function parseIndexed(text: string, sidecarPath: string): IndexedRead {
  const read = parseTake(text, sidecarPath);
  // Most JSON in a workspace is neither: only a file naming the film schema is parsed a second time.
  if (!('skipped' in read) || read.skipped !== 'not-ours' || !text.includes(FILM_PREFIX)) return read;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return read;
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  if (typeof schema !== 'string' || !schema.startsWith(FILM_PREFIX)) return read;
  if (schema !== FILM_SCHEMA) return { skipped: 'future', detail: `written by a newer version (${schema.slice(0, 60)})` };
  const parsed = FilmSidecarSchema.safeParse(raw);
  if (!parsed.success) return { skipped: 'malformed', detail: `film: ${parsed.error.issues[0]?.path.join('.') || 'sidecar'}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const film = parsed.data;
  // Like a take's, a film's video sits beside its sidecar.
  if (path.basename(film.video.file) !== film.video.file || film.video.file === '..' || film.video.file === '.') return { skipped: 'malformed', detail: `film video.file "${film.video.file.slice(0, 80)}" is not a file beside the sidecar` };
  const folder = path.dirname(sidecarPath);
  const segments = [...film.segments].sort((a, b) => a.index - b.index);
  return {
    film: {
      film,
      sidecarPath,
      videoPath: path.join(folder, film.video.file),
      storyboardPath: path.resolve(folder, film.storyboard),
      segmentVideos: segments.map((segment) => path.resolve(folder, segment.video)),
    },
  };
}

/** Reads one JSON file (its text only, never a video), refusing what is too large to be a take or a film. */
export async function readIndexed(file: string): Promise<IndexedRead> {
  const text = await readTakeSizedText(file);
  return 'skipped' in text ? text : parseIndexed(text.text, file);
}

/** Every take and film below `root`, each JSON file read once; what looked like ours but was skipped is reported. */
export async function scanIndexed(root: string, options: ScanOptions = {}): Promise<Indexed[]> {
  const found: Indexed[] = [];
  await walk(root, 0, options, async (file) => {
    const read = await readIndexed(file);
    if ('skipped' in read) {
      if (read.skipped !== 'not-ours' && read.skipped !== 'not-json') options.onSkip?.(file, read.skipped, read.detail);
    } else found.push(read);
  });
  return found;
}
