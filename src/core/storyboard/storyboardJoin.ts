import { randomBytes } from 'node:crypto';
import { link, lstat, rename, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { joinSegments } from '../media/join';
import type { JoinRefusal } from '../media/joinPlan';
import { readMediaInfo } from '../media/mediaInfo';
import { findTailStart } from '../media/tailOf';
import { readTake } from '../output/takeReader';
import { ROLE } from '../../shared/mediaRoles';
import { type FilmCut, type FilmSegment, type FilmSidecar, FILM_SCHEMA, filmTool, formatFilmSidecar, readFilmSidecar, sha256File } from './filmSidecar';
import { sidecarOf, takeState } from './segmentTake';
import { type ParsedStoryboard, readStoryboard } from './storyboardRead';
import type { StoryboardProblem } from './storyboardProblems';
import { storyboardStem } from './storyboardSchema';
import type { SegmentNeed } from './storyboardPlan';

export type StoryboardJoin =
  | { kind: 'joined'; film: string; sidecar: string; seconds: number; segments: FilmSegment[]; cuts: FilmCut[] }
  /** The film already joins exactly these takes: nothing was done. */
  | { kind: 'up-to-date'; film: string; sidecar: string }
  | { kind: 'problems'; problems: StoryboardProblem[] }
  | { kind: 'not-ready'; segments: Array<{ index: number; needs: SegmentNeed }> }
  /** Segment `segment` (0-based) cannot join the others; nothing was written. */
  | { kind: 'refused'; segment: number; file: string; reason: JoinRefusal['reason'] | 'continuation'; detail: string }
  /** A file that is not a film of ours is at the film's (or its sidecar's) path: it is never replaced. */
  | { kind: 'target-exists'; file: string };

export interface StoryboardJoinOptions {
  /** Leave out the keyframe two segments share at each cut where a packet copy can (default true). */
  hideSharedFrames?: boolean;
  signal?: AbortSignal;
  now?: () => Date;
}

/** `film.storyboard.json` → `film.mp4` and its sidecar `film.json`, beside it. */
export function filmPaths(storyboardFile: string): { film: string; sidecar: string } {
  const folder = path.dirname(path.resolve(storyboardFile));
  const stem = storyboardStem(storyboardFile);
  const sidecar = path.join(folder, `${stem}.json`);
  // A storyboard named without the suffix (`plan.json`) would be its own film's sidecar.
  return { film: path.join(folder, `${stem}.mp4`), sidecar: sidecar === path.resolve(storyboardFile) ? path.join(folder, `${stem}.film.json`) : sidecar };
}

const relative = (from: string, to: string) => path.relative(path.dirname(from), to).split(path.sep).join('/');

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

/** How each take enters the film: left out (the next take holds all of it), or only up to a keyframe. */
interface Composition {
  left: Set<number>;
  /** Segment index → the time of its keyframe where the next segment's clip began (the take ends just before it). */
  until: Map<number, number>;
}

/**
 * A continued segment's take begins with the clip it continued. When that clip is the whole of the previous
 * segment's take (same bytes), the previous take is already inside it and is left out of the film. When it is the
 * previous take's last part, cut at a keyframe without re-encoding (its file still beside it, the bytes the take
 * names), the previous take is used up to that keyframe: found by matching the clip's frames, not trusted from a name.
 */
async function compose(parsed: ParsedStoryboard, videos: string[], hashes: string[]): Promise<Composition | Extract<StoryboardJoin, { kind: 'refused' }>> {
  const composition: Composition = { left: new Set(), until: new Map() };
  for (const [index, segment] of parsed.storyboard.segments.entries()) {
    if (index === 0 || segment.mode !== 'continue') continue;
    const video = videos[index] as string;
    const read = await readTake(sidecarOf(video));
    const clip = 'found' in read ? read.found.inputs[ROLE.clip] : undefined;
    const refuse = (detail: string) => ({ kind: 'refused' as const, segment: index, file: video, reason: 'continuation' as const, detail });
    if (!clip?.sha256) return refuse(`its take does not say which clip it continued (no ${ROLE.clip} with a sha256 in ${path.basename(sidecarOf(video))})`);
    if (clip.sha256 === hashes[index - 1]) {
      composition.left.add(index - 1);
      continue;
    }
    if (clip.path === undefined) return refuse(`it continued a clip given by URL, so where segment ${index}'s take was cut cannot be told`);
    const named = `its clip ${path.basename(clip.path)}`;
    if (!(await exists(clip.path)) || (await sha256File(clip.path)) !== clip.sha256) {
      return refuse(`${named} is not beside it as it was sent (moved, changed or removed), so where segment ${index}'s take was cut cannot be told`);
    }
    const start = await findTailStart(videos[index - 1] as string, clip.path);
    if (start === undefined) return refuse(`${named} is not a cut of segment ${index}'s chosen take (another take, or re-encoded)`);
    composition.until.set(index - 1, start);
  }
  return composition;
}

/** The film joins these very takes, composed the same way (the same ones left out, the same ones cut short). */
function sameTakes(sidecar: FilmSidecar, hashes: string[], composition: Composition): boolean {
  return (
    sidecar.segments.length === hashes.length &&
    sidecar.segments.every((segment, index) => segment.sha256 === hashes[index] && (segment.left !== undefined) === composition.left.has(index) && segment.trimmedAt === composition.until.get(index))
  );
}

/**
 * What is at the film's path: nothing, a film of ours (our sidecar names it and its bytes are the ones it
 * describes: a film edited or replaced since is the user's), or something that is not ours.
 */
async function filmAtTarget(film: string, sidecar: string): Promise<{ kind: 'none' } | { kind: 'ours'; sidecar: FilmSidecar } | { kind: 'other'; file: string }> {
  const existing = await readFilmSidecar(sidecar);
  if (existing.kind === 'other') return { kind: 'other', file: sidecar };
  if (!(await exists(film))) return { kind: 'none' };
  if (existing.kind === 'absent' || path.basename(existing.sidecar.video.file) !== path.basename(film)) return { kind: 'other', file: film };
  return (await sha256File(film)) === existing.sidecar.video.sha256 ? { kind: 'ours', sidecar: existing.sidecar } : { kind: 'other', file: film };
}

/**
 * Joins a storyboard's chosen takes into `<name>.mp4` beside it, without re-encoding, with `<name>.json` listing
 * the segments (video, sha256, duration) and what the join did at each cut. Only when every segment has a take and
 * they share codec and dimensions; otherwise says why and writes nothing. A film of ours whose takes changed is
 * joined again and replaced (temp + rename): only the join is redone. One that joins the same takes is left as it
 * is; any other file at either path — a film changed since it was joined included — is never replaced.
 */
export async function joinStoryboard(file: string, options: StoryboardJoinOptions = {}): Promise<StoryboardJoin> {
  const read = await readStoryboard(file);
  if (!read.ok) return { kind: 'problems', problems: read.problems };
  const parsed = read.parsed;
  const states = await Promise.all(parsed.storyboard.segments.map((_, index) => takeState(parsed, index)));
  const missing = states.flatMap((state, index) => (state.kind === 'chosen' ? [] : [{ index, needs: state.kind === 'none' ? ('no-take' as const) : state.kind === 'missing' ? ('take-missing' as const) : ('take-rejected' as const) }]));
  if (missing.length > 0) return { kind: 'not-ready', segments: missing };
  const videos = states.map((state) => (state.kind === 'chosen' ? state.video : ''));
  const hashes = await Promise.all(videos.map(sha256File));
  const composition = await compose(parsed, videos, hashes);
  if ('kind' in composition) return composition;
  const { left, until } = composition;
  const { film, sidecar } = filmPaths(parsed.file);
  const target = await filmAtTarget(film, sidecar);
  if (target.kind === 'other') return { kind: 'target-exists', file: target.file };
  if (target.kind === 'ours' && sameTakes(target.sidecar, hashes, composition)) return { kind: 'up-to-date', film, sidecar };
  const ours = target.kind === 'ours';

  const included = videos.map((_, index) => index).filter((index) => !left.has(index));
  const temporary = path.join(path.dirname(film), `.${path.basename(film)}.${randomBytes(4).toString('hex')}.joining.mp4`);
  const sidecarTemporary = `${temporary}.json`;
  try {
    const joined = await joinSegments(
      included.map((index) => ({ file: videos[index] as string, ...(until.has(index) ? { until: until.get(index) } : {}) })),
      temporary,
      { hideSharedFrames: options.hideSharedFrames ?? true, signal: options.signal },
    );
    if (joined.kind === 'refused') return { ...joined, segment: included[joined.segment] as number };
    if (joined.kind === 'target-exists') throw new Error(`${temporary} appeared while joining`);
    const used = new Map(joined.segments.map((segment, position) => [included[position] as number, segment]));
    const segments: FilmSegment[] = await Promise.all(
      videos.map(async (video, index) => {
        const inFilm = used.get(index);
        const base = { index, video: relative(sidecar, video), sha256: hashes[index] as string };
        const trimmed = until.has(index) ? { trimmedAt: until.get(index) as number } : {};
        return inFilm ? { ...base, seconds: inFilm.seconds, used: inFilm.used, ...trimmed } : { ...base, seconds: await secondsOf(video), used: 0, left: 'continued-by-next' as const };
      }),
    );
    const cuts: FilmCut[] = joined.cuts.map(({ after, ...cut }) => ({ after: included[after] as number, before: included[after + 1] as number, ...cut }));
    const { size } = await lstat(temporary);
    const description: FilmSidecar = {
      schema: FILM_SCHEMA,
      tool: filmTool(),
      storyboard: relative(sidecar, parsed.file),
      video: { file: path.basename(film), bytes: size, sha256: await sha256File(temporary), seconds: joined.seconds },
      joinedAt: (options.now?.() ?? new Date()).toISOString(),
      segments,
      cuts,
      audio: joined.audio,
    };
    await writeFile(sidecarTemporary, formatFilmSidecar(description), { flag: 'wx' });
    if (!(await publish(temporary, film, ours))) return { kind: 'target-exists', file: film };
    await rename(sidecarTemporary, sidecar);
    return { kind: 'joined', film, sidecar, seconds: joined.seconds, segments, cuts };
  } finally {
    await rm(temporary, { force: true });
    await rm(sidecarTemporary, { force: true });
  }
}

async function secondsOf(video: string): Promise<number> {
  const info = await readMediaInfo(video);
  return info.kind === 'media' ? (info.duration ?? 0) : 0;
}

/** Replaces a film of ours (rename); puts a new one only where nothing is (a hard link never replaces). */
async function publish(temporary: string, film: string, replace: boolean): Promise<boolean> {
  if (replace) {
    await rename(temporary, film);
    return true;
  }
  try {
    await link(temporary, film);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST') return false;
    if (await exists(film)) return false;
    await rename(temporary, film);
    return true;
  }
}
