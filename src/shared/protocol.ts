import * as z from 'zod/mini';
import { ERROR_ACTIONS } from './errorActions';
import { FormStateSchema, FormValuesSchema, frameRoleSchema, ModelInfoSchema, roleSchema } from './formSchemas';
import { id, shortText, text } from './schemaParts';
import { ExtractSourceSchema, JobViewSchema, TAKE_ACTIONS, TakeViewSchema } from './views';
import { deferredSchema } from './deferredSchema';

export * from './formSchemas';
export * from './views';

/**
 * Every message between the extension host and the webview, both ways, and the form they share. Both sides parse
 * with these schemas; a message that fails is logged and dropped. `zod/mini` keeps the webview bundle small: it
 * tree-shakes to the checks used and carries no locale data. Inputs are keyed by their role (mediaRoles.ts), jobs
 * speak JobStatus (jobStatus.ts), actions are the ErrorAction list (errorActions.ts).
 */

/** Every string the page shows, localized on the host: a key the page uses and the host does not send is a type error. */
export const WEBVIEW_STRING_KEYS = [
  'formLabel', 'loading', 'firstFrame', 'lastFrame', 'noFrame', 'choose', 'change', 'useUrl', 'swap', 'swapTitle',
  'model', 'prompt', 'promptPlaceholder', 'negativePrompt', 'negativePlaceholder', 'resolution', 'duration',
  'durationFixed', 'durationAuto', 'ratio', 'ratioAdaptive', 'sound', 'soundOn', 'soundSamePrice', 'setWorkspaceId',
  'audio', 'audioAuto', 'chooseAudio', 'remove', 'promptExtend', 'watermark', 'seed', 'seedRandom', 'generate',
  'generateHint', 'setApiKey', 'jobs', 'taskId', 'soundHint', 'actualPrompt', 'cancel', 'retry', 'open', 'reveal',
  'showLog',
  'takesTitle', 'takesNone', 'showRejected', 'hideRejected', 'deleteRejected', 'showMore', 'keep', 'reject',
  'unjudge', 'kept', 'rejected', 'compare', 'compareHint', 'replayExact', 'replaySame', 'replayNotExact',
  'replayChanges', 'useRewritten', 'frames', 'videoMissing', 'resumeDownload', 'soundSilent', 'soundPlays',
  'soundMuted', 'playWithSound', 'seedOf', 'justNow', 'minutesAgo', 'hoursAgo', 'daysAgo', 'compareTitle', 'play',
  'pause', 'stepBack', 'stepForward', 'position', 'frameOf', 'speed', 'hear', 'hearNone', 'sideBySide', 'wipe',
  'close', 'extractTitle', 'lastSecond', 'saveFrame', 'savedFrame', 'useAsFirst', 'useAsLast', 'cannotDraw',
  'history', 'count', 'countHint', 'countInvalid',
  'batchTitle', 'cancelAll', 'retryFailed', 'takeNumber', 'slotsQueued', 'slotsRunning', 'slotsSaved', 'slotsFailed',
  'slotsCanceled', 'etaLabel',
  'firstClip', 'lastFrameOptional', 'cutClip', 'cutClipDetail', 'continueTake', 'newStoryboard', 'newStoryboardHint',
] as const;
export type WebviewStringKey = (typeof WEBVIEW_STRING_KEYS)[number];
export const WebviewStringsSchema = deferredSchema(() => z.object(Object.fromEntries(WEBVIEW_STRING_KEYS.map((key) => [key, text(2_000)])) as Record<WebviewStringKey, ReturnType<typeof text>>));
export type WebviewStrings = Record<WebviewStringKey, string>;

/** What the page asks and waits an answer for (an id on the request; the reply carries it back). */
export const RequestSchema = deferredSchema(() => z.discriminatedUnion('kind', [
  /** Opens the file picker for an input; answers whether one was picked. */
  z.object({ kind: z.literal('pickInput'), role: roleSchema }),
  /** Asks for an image URL for a frame; answers whether one was given. */
  z.object({ kind: z.literal('pickInputUrl'), role: frameRoleSchema }),
  /** A frame the page drew from a video, as a PNG: the host checks it and writes it beside the video; answers its path. */
  z.object({ kind: z.literal('saveFrame'), video: text(4_096), which: z.enum(['first', 'last', 'frame']), frame: z.int().check(z.minimum(0)), png: text(64_000_000) }),
]));
export type Request = z.infer<typeof RequestSchema>;

export const ReplySchema = deferredSchema(() => z.object({
  type: z.literal('reply'),
  id,
  ok: z.boolean(),
  /** What the request answered (`picked` for the pickers, `path` for a saved frame). */
  picked: z.optional(z.boolean()),
  path: z.optional(text(4_096)),
  /** Why it failed, in the display language. */
  error: z.optional(shortText),
}));
export type Reply = z.infer<typeof ReplySchema>;

/** Host → webview. */
export const HostMessageSchema = deferredSchema(() => z.discriminatedUnion('type', [
  /** Once per page: the models and the host's form (the one source of the form's values). */
  z.object({ type: z.literal('init'), models: z.array(ModelInfoSchema), form: FormValuesSchema }),
  z.extend(FormStateSchema, { type: z.literal('state') }),
  /** The host changed the form (a setting changed, a model dropped a field): applied except to the field in use. */
  z.object({ type: z.literal('form'), form: FormValuesSchema }),
  /** The whole job list, newest first (a job added or removed). */
  z.object({ type: z.literal('jobs'), jobs: z.array(JobViewSchema) }),
  /** One job changed: a poll costs this one small message. */
  z.object({ type: z.literal('job'), job: JobViewSchema }),
  /** The takes of the inputs in the form (key null: no complete inputs), newest first; rejected ones counted apart. */
  z.object({ type: z.literal('takes'), key: z.nullable(text(64)), takes: z.array(TakeViewSchema), hiddenRejected: z.number(), total: z.number() }),
  /** Opens the extract view on a video. */
  z.object({ type: z.literal('extract'), video: ExtractSourceSchema }),
  ReplySchema,
]));
export type HostMessage = z.infer<typeof HostMessageSchema>;

const jobMessage = <T extends string>(type: T) => z.object({ type: z.literal(type), jobId: id });

/** Webview → host. */
export const WebviewMessageSchema = deferredSchema(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('form'), values: FormValuesSchema }),
  z.object({ type: z.literal('generate'), values: FormValuesSchema }),
  z.object({ type: z.literal('swap') }),
  z.object({ type: z.literal('removeInput'), role: roleSchema }),
  /** Use the last seconds of the clip in the form, cut at a keyframe into a new file beside it. */
  z.object({ type: z.literal('cutClip') }),
  z.object({ type: z.literal('newStoryboard') }),
  z.object({ type: z.literal('setWorkspaceId') }),
  z.object({ type: z.literal('setApiKey') }),
  z.object({ type: z.literal('showLog') }),
  jobMessage('cancel'),
  jobMessage('retry'),
  jobMessage('openVideo'),
  jobMessage('revealVideo'),
  z.object({ type: z.literal('jobAction'), jobId: id, action: z.enum(ERROR_ACTIONS) }),
  z.object({ type: z.literal('request'), id, request: RequestSchema }),
  z.object({ type: z.literal('takeAction'), take: text(4_096), action: z.enum(TAKE_ACTIONS) }),
  /** Rejected takes shown (or hidden again). */
  z.object({ type: z.literal('showRejected'), show: z.boolean() }),
  /** Moves the rejected takes of the inputs in the form to the trash, after the host asks. */
  z.object({ type: z.literal('deleteRejected') }),
  /** The recent prompts, to pick one (the host's searchable list). */
  z.object({ type: z.literal('promptHistory') }),
  /** A saved frame becomes the first or the last frame. */
  z.object({ type: z.literal('useFrame'), path: text(4_096), role: frameRoleSchema }),
  /** Variations made in one click: cancel every take still running or queued, or retry only the failed ones. */
  z.object({ type: z.literal('batchAction'), batchId: id, action: z.enum(['cancelAll', 'retryFailed']) }),
]));
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

/** What the webview keeps with setState: a render cache for a reload, never the source of the form. */
export const WebviewStateSchema = deferredSchema(() => z.object({ form: z.optional(FormValuesSchema) }));
export type WebviewState = z.infer<typeof WebviewStateSchema>;
