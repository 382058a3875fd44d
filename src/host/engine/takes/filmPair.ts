import { inputsKey } from '../../../core/inputs/inputFiles';
import type { FoundTake } from '../../../core/output/takeReader';
import { ROLE } from '../../../shared/mediaRoles';
import type { FoundFilm } from './filmFiles';

/** A film's first and last keyframes as its segments' takes recorded them, and the inputs key of that pair. */
export interface FilmPair {
  key: string;
  /** The first segment's take (its first frame is the film's) and the last one's (its last frame is the film's). */
  first: FoundTake;
  last: FoundTake;
}

/**
 * The frame pair a film belongs with: the first segment's first frame → the last segment's last frame, by content
 * (the sha256 each take recorded), so the film shows with the takes of the same first → last pair. Read from the
 * takes already indexed — no image or video is opened. Undefined while a segment's take is not known (deleted, moved,
 * not indexed yet) or does not name the frame (a continued first segment).
 */
export function filmPair(film: FoundFilm, takeOfVideo: (video: string) => FoundTake | undefined): FilmPair | undefined {
  const firstVideo = film.segmentVideos[0];
  const lastVideo = film.segmentVideos[film.segmentVideos.length - 1];
  if (firstVideo === undefined || lastVideo === undefined) return undefined;
  const first = takeOfVideo(firstVideo);
  const last = takeOfVideo(lastVideo);
  const from = first?.take.inputs[ROLE.first];
  const to = last?.take.inputs[ROLE.last];
  if (!first || !last || !from || !to) return undefined;
  return { key: inputsKey({ [ROLE.first]: from, [ROLE.last]: to }), first, last };
}
