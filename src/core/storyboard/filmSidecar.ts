import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import * as z from 'zod';
import { TOOL_VERSION } from '../base/version';
import { deferredSchema } from '../../shared/deferredSchema';

export const FILM_SCHEMA = 'wan-keyframes/film@1';

/** What the join did where segment `after` meets segment `before` (storyboard indexes, 0-based). */
const FilmCutSchema = deferredSchema(() => z.looseObject({
  after: z.number().int().nonnegative(),
  before: z.number().int().nonnegative(),
  /** Seconds into the film. */
  at: z.number(),
  /**
   * `hid-last-frame`: the shared keyframe shows once; `kept-both`: it shows twice, one frame apart (`why`);
   * `trimmed-head-at`: segment `after` was continued from its keyframe at `trimmedAt` (seconds into its take), so
   * it stops just before it and segment `before` follows whole — nothing repeats.
   */
  frame: z.enum(['hid-last-frame', 'kept-both', 'trimmed-head-at']),
  why: z.string().optional(),
  trimmedAt: z.number().optional(),
  hidden: z.number(),
  audioGap: z.number().optional(),
}));

const FilmSegmentSchema = deferredSchema(() => z.looseObject({
  index: z.number().int().nonnegative(),
  /** The segment's chosen take, relative to the film's sidecar. */
  video: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  seconds: z.number(),
  /** Seconds of it in the film (0 when left out). */
  used: z.number(),
  /** Left out: the next segment continued all of it, so its take already holds it. */
  left: z.literal('continued-by-next').optional(),
  /** Used only up to its keyframe at this time (seconds into the take): the next segment continued it from there. */
  trimmedAt: z.number().optional(),
}));

/** `<name>.json` beside `<name>.mp4`: which takes made the film, and what the join did at each cut. */
export const FilmSidecarSchema = deferredSchema(() => z.looseObject({
  schema: z.literal(FILM_SCHEMA),
  tool: z.looseObject({ name: z.literal('wan-keyframes'), version: z.string() }),
  storyboard: z.string(),
  video: z.looseObject({ file: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string(), seconds: z.number() }),
  joinedAt: z.string(),
  segments: z.array(FilmSegmentSchema),
  cuts: z.array(FilmCutSchema),
  audio: z.looseObject({ kind: z.string() }),
}));
export type FilmSidecar = z.infer<typeof FilmSidecarSchema>;
export type FilmSegment = z.infer<typeof FilmSegmentSchema>;
export type FilmCut = z.infer<typeof FilmCutSchema>;

export const filmTool = () => ({ name: 'wan-keyframes' as const, version: TOOL_VERSION });

/** A file's sha256, streamed (a film is hundreds of MB). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

export type FilmSidecarRead = { kind: 'absent' } | { kind: 'ours'; sidecar: FilmSidecar } | { kind: 'other'; detail: string };

/** Reads a film's sidecar: absent, ours (this version), or some other file that must not be replaced. */
export async function readFilmSidecar(file: string): Promise<FilmSidecarRead> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'other', detail: (error as { code?: string }).code ?? String(error) };
  }
  try {
    const parsed = FilmSidecarSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'ours', sidecar: parsed.data } : { kind: 'other', detail: 'not a film sidecar of this version' };
  } catch {
    return { kind: 'other', detail: 'not JSON' };
  }
}

/** The sidecar's text: two spaces, a final newline, fields in the schema's order. */
export function formatFilmSidecar(sidecar: FilmSidecar): string {
  return `${JSON.stringify(FilmSidecarSchema.parse(sidecar), null, 2)}\n`;
}
