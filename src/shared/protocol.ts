import * as z from 'zod/mini';
import { ERROR_ACTIONS } from './errorActions';
import { JOB_STATUSES } from './jobStatus';
import { FRAME_ROLES, MEDIA_ROLES } from './mediaRoles';
import type { SoundHere } from './playable';

/**
 * Every message between the extension host and the webview, both ways, and the form they share. Both sides parse
 * with these schemas; a message that fails is logged and dropped. `zod/mini` keeps the webview bundle small: it
 * tree-shakes to the checks used and carries no locale data. Inputs are keyed by their role (mediaRoles.ts), jobs
 * speak JobStatus (jobStatus.ts), actions are the ErrorAction list (errorActions.ts).
 */

const text = (max: number) => z.string().check(z.maxLength(max));
const shortText = text(2_000);
const longText = text(20_000);
const id = text(128);
const roleSchema = z.enum(MEDIA_ROLES);
const frameRoleSchema = z.enum(FRAME_ROLES);

export const FormValuesSchema = z.object({
  model: text(64),
  prompt: longText,
  negativePrompt: longText,
  resolution: text(16),
  /** Seconds; -1 lets Wan 3.0 choose (smart duration). */
  duration: z.int().check(z.minimum(-1), z.maximum(60)),
  /** Wan 3.0's output shape and sound track; the other models ignore them. */
  ratio: text(16),
  sound: z.boolean(),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  seedMode: z.enum(['random', 'fixed']),
  seed: text(32),
});
export type FormValues = z.infer<typeof FormValuesSchema>;

export const ModelInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  resolutions: z.array(z.string()),
  defaultResolution: z.string(),
  duration: z.object({ min: z.number(), max: z.number(), default: z.number() }),
  promptMax: z.number(),
  negativePromptMax: z.number(),
  /** The roles the model takes beyond the two frames the form always shows (driving audio…). */
  roles: z.array(roleSchema),
  hasSound: z.boolean(),
  /** Wan 3.0: the ratios it offers (empty for the others), a sound on/off switch, and "let the model choose" the length. */
  ratios: z.array(z.string()),
  defaultRatio: z.string(),
  soundSwitch: z.boolean(),
  autoDuration: z.boolean(),
  workspaceOnly: z.boolean(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** What the form shows of one input: a frame's thumbnail and size, an audio's length; the problems found in it. */
export const InputInfoSchema = z.object({
  name: shortText,
  /** A frame's thumbnail (a webview URI or a data: URL); empty for audio. */
  src: text(8_192),
  format: z.optional(shortText),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  seconds: z.optional(z.number()),
  bytes: z.optional(z.number()),
  problems: z.array(shortText),
});
export type InputInfo = z.infer<typeof InputInfoSchema>;

export const JobViewSchema = z.object({
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
});
export type JobView = z.infer<typeof JobViewSchema>;

/** What a take's sound is where it plays: none, a track this player plays, one it plays silently (AAC in desktop VS Code), not known. */
export const TAKE_SOUNDS = ['silent', 'plays', 'muted-here', 'unknown'] as const satisfies readonly SoundHere[];

/** A take as the page shows it: first · result · last, what made it, its verdict. */
export const TakeViewSchema = z.object({
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
});
export type TakeView = z.infer<typeof TakeViewSchema>;

export const TAKE_ACTIONS = ['keep', 'reject', 'unjudge', 'replayExact', 'replayChanges', 'useRewrittenPrompt', 'reveal', 'open', 'playWithSound', 'resumeDownload', 'extract'] as const;
export type TakeAction = (typeof TAKE_ACTIONS)[number];

/** A video whose frames the page draws (a take's, or any mp4 the user chose): the extract view. */
export const ExtractSourceSchema = z.object({
  id: text(4_096),
  src: text(8_192),
  name: shortText,
  fps: z.optional(z.number()),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
});
export type ExtractSource = z.infer<typeof ExtractSourceSchema>;

/** Every string the page shows, localized on the host: a key the page uses and the host does not send is a type error. */
export const WEBVIEW_STRING_KEYS = [
  'formLabel', 'loading', 'firstFrame', 'lastFrame', 'noFrame', 'choose', 'change', 'useUrl', 'swap', 'swapTitle',
  'model', 'prompt', 'promptPlaceholder', 'negativePrompt', 'negativePlaceholder', 'resolution', 'duration',
  'durationFixed', 'durationAuto', 'ratio', 'ratioAdaptive', 'sound', 'soundOn', 'soundSamePrice', 'setWorkspaceId',
  'audio', 'audioAuto', 'chooseAudio', 'remove', 'promptExtend', 'watermark', 'seed', 'seedRandom', 'generate',
  'generateHint', 'setApiKey', 'jobs', 'taskId', 'soundHint', 'actualPrompt', 'cancel', 'retry', 'open', 'reveal',
  'showLog',
] as const;
export type WebviewStringKey = (typeof WEBVIEW_STRING_KEYS)[number];
export const WebviewStringsSchema = z.object(Object.fromEntries(WEBVIEW_STRING_KEYS.map((key) => [key, text(2_000)])) as Record<WebviewStringKey, ReturnType<typeof text>>);
export type WebviewStrings = Record<WebviewStringKey, string>;

/** What the form shows around the values: each input by role, their checks, the key, why Generate is off. */
export const FormStateSchema = z.object({
  inputs: z.partialRecord(roleSchema, InputInfoSchema),
  aspectWarning: z.nullable(shortText),
  keySet: z.boolean(),
  problems: z.array(shortText),
  blocked: z.nullable(shortText),
  /** The model or region needs a workspace host and none is set (or the id is not one): offer Set Workspace ID. */
  needsWorkspace: z.boolean(),
});
export type FormState = z.infer<typeof FormStateSchema>;

/** What the page asks and waits an answer for (an id on the request; the reply carries it back). */
export const RequestSchema = z.discriminatedUnion('kind', [
  /** Opens the file picker for an input; answers whether one was picked. */
  z.object({ kind: z.literal('pickInput'), role: roleSchema }),
  /** Asks for an image URL for a frame; answers whether one was given. */
  z.object({ kind: z.literal('pickInputUrl'), role: frameRoleSchema }),
  /** A frame the page drew from a video, as a PNG: the host checks it and writes it beside the video; answers its path. */
  z.object({ kind: z.literal('saveFrame'), video: text(4_096), which: z.enum(['first', 'last', 'frame']), frame: z.int().check(z.minimum(0)), png: text(64_000_000) }),
]);
export type Request = z.infer<typeof RequestSchema>;

export const ReplySchema = z.object({
  type: z.literal('reply'),
  id,
  ok: z.boolean(),
  /** What the request answered (`picked` for the pickers, `path` for a saved frame). */
  picked: z.optional(z.boolean()),
  path: z.optional(text(4_096)),
  /** Why it failed, in the display language. */
  error: z.optional(shortText),
});
export type Reply = z.infer<typeof ReplySchema>;

/** Host → webview. */
export const HostMessageSchema = z.discriminatedUnion('type', [
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
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

const jobMessage = <T extends string>(type: T) => z.object({ type: z.literal(type), jobId: id });

/** Webview → host. */
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('form'), values: FormValuesSchema }),
  z.object({ type: z.literal('generate'), values: FormValuesSchema }),
  z.object({ type: z.literal('swap') }),
  z.object({ type: z.literal('removeInput'), role: roleSchema }),
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
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

/** What the webview keeps with setState: a render cache for a reload, never the source of the form. */
export const WebviewStateSchema = z.object({ form: z.optional(FormValuesSchema) });
export type WebviewState = z.infer<typeof WebviewStateSchema>;
