import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import * as z from 'zod';
import { TOOL_VERSION } from '../base/version';

export const FILM_SCHEMA = 'wan-keyframes/film@1';

/** What the join did where segment `after` meets segment `before` (storyboard indexes, 0-based). */
const FilmCutSchema = z.looseObject({
  after: z.number().int().nonnegative(),
  before: z.number().int().nonnegative(),
  /** Seconds into the film. */
  at: z.number(),
  /** `hid-last-frame`: the shared keyframe shows once; `kept-both`: it shows twice, one frame apart (`why`). */
  frame: z.enum(['hid-last-frame', 'kept-both']),
  why: z.string().optional(),
  hidden: z.number(),
  audioGap: z.number().optional(),
});

const FilmSegmentSchema = z.looseObject({
  index: z.number().int().nonnegative(),
  /** The segment's chosen take, relative to the film's sidecar. */
  video: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  seconds: z.number(),
  /** Seconds of it in the film (0 when left out). */
  used: z.number(),
  /** Left out: the next segment continued all of it, so its take already holds it. */
  left: z.literal('continued-by-next').optional(),
});

/** `<name>.json` beside `<name>.mp4`: which takes made the film, and what the join did at each cut. */
export const FilmSidecarSchema = z.looseObject({
  schema: z.literal(FILM_SCHEMA),
  tool: z.looseObject({ name: z.literal('wan-keyframes'), version: z.string() }),
  storyboard: z.string(),
  video: z.looseObject({ file: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string(), seconds: z.number() }),
  joinedAt: z.string(),
  segments: z.array(FilmSegmentSchema),
  cuts: z.array(FilmCutSchema),
  audio: z.looseObject({ kind: z.string() }),
});
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
