import * as z from 'zod/mini';
import { ERROR_ACTIONS } from './errorActions';
import { JOB_STATUSES } from './jobStatus';
import type { SoundHere } from './playable';
import { roleSchema } from './formSchemas';
import { id, longText, shortText, text } from './schemaParts';
import { deferredSchema } from './deferredSchema';

/** What the page shows of jobs and takes: each a plain view made by the host, with its files as webview URIs. */

export const JobViewSchema = deferredSchema(() => z.object({
  id,
  title: shortText,
  model: shortText,
  status: z.enum(JOB_STATUSES),
  /** The status as the page says it ("Resuming" for a job picked up from a stored record). */
  phase: shortText,
  startedAt: z.number(),
  taskId: z.optional(id),
  error: z.optional(shortText),
  videoSrc: z.optional(text(8_192)),
  videoName: z.optional(shortText),
  hasSound: z.boolean(),
  actualPrompt: z.optional(longText),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
  /** "Retry Download" once the video exists (the notification's button says the same), else "Retry". */
  retryLabel: z.optional(shortText),
  /** The account's own stop has one action (Open Budget Management, Set Workspace ID…): its id and label. */
  action: z.optional(z.object({ id: z.enum(ERROR_ACTIONS), label: shortText })),
  /** The seed sent (drawn when the form said random). */
  seed: z.optional(z.number()),
  /** One take of variations made in one click: the batch, this take's place in it, how many. */
  batch: z.optional(z.object({ id, index: z.number(), count: z.number() })),
  /** Time left while it waits or runs: the text ("~1:40 left", "no estimate yet"), its detail (p50/p90, queued apart
   * from running) for a hover, and whether it is taking longer than usual. */
  eta: z.optional(z.object({ text: shortText, detail: shortText, late: z.boolean() })),
}));
export type JobView = z.infer<typeof JobViewSchema>;

/** What a take's sound is where it plays: none, a track this player plays, one it plays silently (AAC in desktop VS Code), not known. */
export const TAKE_SOUNDS = ['silent', 'plays', 'muted-here', 'unknown'] as const satisfies readonly SoundHere[];

/** A take as the page shows it: first · result · last, what made it, its verdict. */
export const TakeViewSchema = deferredSchema(() => z.object({
  /** The take file's path: the take's id between page and host. */
  id: text(4_096),
  videoSrc: z.optional(text(8_192)),
  videoName: shortText,
  /** The take file is there, its video is not (deleted, moved). */
  videoMissing: z.boolean(),
  /** The video is missing and its task is recent enough to download it again. */
  canResume: z.boolean(),
  inputs: z.partialRecord(roleSchema, z.object({ name: shortText, src: z.optional(text(8_192)) })),
  model: shortText,
  resolution: z.optional(text(16)),
  duration: z.optional(z.number()),
  seed: z.optional(z.number()),
  prompt: longText,
  actualPrompt: z.optional(longText),
  savedAt: z.number(),
  verdict: z.optional(z.enum(['kept', 'rejected'])),
  sound: z.enum(TAKE_SOUNDS),
  /** Seconds billed (usage), when the service said. */
  seconds: z.optional(z.number()),
  /** What it cost, as text in the display language, when the price is known. */
  cost: z.optional(shortText),
  /** "Replay exactly" can give the model the same input. */
  exact: z.boolean(),
  /** Frames per second (for stepping frame by frame), when known. */
  fps: z.optional(z.number()),
  /** Not a take: a film joined from a storyboard's segments (its first → last frames are this pair), with the
   * storyboard's name and the card's words in the display language. */
  film: z.optional(z.object({ segments: z.number(), storyboard: shortText, label: shortText, openStoryboard: shortText })),
}));
export type TakeView = z.infer<typeof TakeViewSchema>;

export const TAKE_ACTIONS = ['keep', 'reject', 'unjudge', 'replayExact', 'replayChanges', 'useRewrittenPrompt', 'reveal', 'open', 'playWithSound', 'resumeDownload', 'extract', 'continue', 'openStoryboard'] as const;
export type TakeAction = (typeof TAKE_ACTIONS)[number];

/** A video whose frames the page draws (a take's, or any mp4 the user chose): the extract view. */
export const ExtractSourceSchema = deferredSchema(() => z.object({
  id: text(4_096),
  src: text(8_192),
  name: shortText,
  fps: z.optional(z.number()),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
}));
export type ExtractSource = z.infer<typeof ExtractSourceSchema>;
