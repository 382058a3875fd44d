import * as z from 'zod';
import { deferredSchema } from '../../shared/deferredSchema';

/** The version this code writes and reads; a file with a higher one is named as such, never guessed at. */
export const STORYBOARD_VERSION = 1;
export const STORYBOARD_SUFFIX = '.storyboard.json';

/**
 * How a segment is made. `keyframes` (the default): from its keyframe to the next, on its own (segments run side by
 * side). `continue`: it continues the previous segment's chosen take (as its clip: the take, or its last ≤ 10 s)
 * toward the next keyframe (as its last frame), so motion carries across the cut; it waits for that take.
 */
export const SEGMENT_MODES = ['keyframes', 'continue'] as const;
export type SegmentMode = (typeof SEGMENT_MODES)[number];

/** The video between keyframe i and i + 1. Unknown fields pass, and are written back as they were. */
export const SegmentSchema = deferredSchema(() => z.looseObject({
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  /** A model id as the user or the catalog spells it (`wan2.7-i2v`, a dated snapshot…). */
  model: z.string().min(1),
  resolution: z.string().min(1),
  /** Seconds of the segment's video; in `continue` mode the total, the continued clip included (the API's rule). */
  duration: z.number().int(),
  mode: z.enum(SEGMENT_MODES).optional(),
  /** The chosen take: its video, relative to the storyboard (the take's sidecar is beside it). */
  take: z.string().min(1).optional(),
}));
export type Segment = z.infer<typeof SegmentSchema>;

/**
 * `<name>.storyboard.json`: keyframes (image paths relative to the file, or http(s) URLs), and one segment between
 * each two. The film they join into is `<name>.mp4` beside it.
 */
export const StoryboardSchema = deferredSchema(() => z.looseObject({
  version: z.literal(STORYBOARD_VERSION),
  keyframes: z.array(z.string().min(1)),
  segments: z.array(SegmentSchema),
}));
export type Storyboard = z.infer<typeof StoryboardSchema>;

/** The order fields are written in; fields this version does not know follow, in the order they were read. */
export const STORYBOARD_KEY_ORDER = ['version', 'keyframes', 'segments'] as const;
export const SEGMENT_KEY_ORDER = ['prompt', 'negativePrompt', 'model', 'resolution', 'duration', 'mode', 'take'] as const;

/** Larger than any storyboard (64 keyframes with long prompts are ≈ 400 KB): a bigger file is something else. */
export const MAX_STORYBOARD_BYTES = 1024 * 1024;

/** `film.storyboard.json` → `film`; a file without the suffix keeps its name less `.json`. */
export function storyboardStem(file: string): string {
  const base = file.replace(/^.*[\\/]/, '');
  if (base.toLowerCase().endsWith(STORYBOARD_SUFFIX)) return base.slice(0, -STORYBOARD_SUFFIX.length);
  return base.replace(/\.json$/i, '');
}
