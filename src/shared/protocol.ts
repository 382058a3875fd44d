import * as z from 'zod/mini';

/**
 * Every message between the extension host and the webview, both ways, and the form they share.
 * Both sides parse with these schemas; a message that fails is logged and dropped. `zod/mini` keeps the webview
 * bundle small: it tree-shakes to the checks used and carries no locale data.
 */

const text = (max: number) => z.string().check(z.maxLength(max));
const shortText = text(2_000);
const longText = text(20_000);
const id = text(128);

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
  audio: z.boolean(),
  hasSound: z.boolean(),
  /** Wan 3.0: the ratios it offers (empty for the others), a sound on/off switch, and "let the model choose" the length. */
  ratios: z.array(z.string()),
  defaultRatio: z.string(),
  soundSwitch: z.boolean(),
  autoDuration: z.boolean(),
  workspaceOnly: z.boolean(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const FrameInfoSchema = z.object({
  name: shortText,
  src: text(8_192),
  format: z.optional(shortText),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  bytes: z.optional(z.number()),
  problems: z.array(shortText),
});
export type FrameInfo = z.infer<typeof FrameInfoSchema>;

export const AudioInfoSchema = z.object({
  name: shortText,
  seconds: z.optional(z.number()),
  bytes: z.optional(z.number()),
  problems: z.array(shortText),
});
export type AudioInfo = z.infer<typeof AudioInfoSchema>;

export const JobViewSchema = z.object({
  id,
  title: shortText,
  model: shortText,
  state: z.enum(['running', 'saved', 'failed', 'canceled', 'stopped']),
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
  action: z.optional(z.object({ id: text(32), label: shortText })),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const WebviewStringsSchema = z.record(z.string(), z.string());
export type WebviewStrings = z.infer<typeof WebviewStringsSchema>;

/** What the form shows around the values: the frames, their checks, the key, why Generate is off. */
export const FormStateSchema = z.object({
  first: z.nullable(FrameInfoSchema),
  last: z.nullable(FrameInfoSchema),
  audio: z.nullable(AudioInfoSchema),
  aspectWarning: z.nullable(shortText),
  keySet: z.boolean(),
  problems: z.array(shortText),
  blocked: z.nullable(shortText),
  /** The model or region needs a workspace host and none is set (or the id is not one): offer Set Workspace ID. */
  needsWorkspace: z.boolean(),
});
export type FormState = z.infer<typeof FormStateSchema>;

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
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

const jobMessage = <T extends string>(type: T) => z.object({ type: z.literal(type), jobId: id });

/** Webview → host. */
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('form'), values: FormValuesSchema }),
  z.object({ type: z.literal('generate'), values: FormValuesSchema }),
  z.object({ type: z.literal('swap') }),
  z.object({ type: z.literal('pickFrame'), role: z.enum(['first', 'last']) }),
  z.object({ type: z.literal('pickFrameUrl'), role: z.enum(['first', 'last']) }),
  z.object({ type: z.literal('setWorkspaceId') }),
  z.object({ type: z.literal('pickAudio') }),
  z.object({ type: z.literal('removeAudio') }),
  z.object({ type: z.literal('setApiKey') }),
  z.object({ type: z.literal('showLog') }),
  jobMessage('cancel'),
  jobMessage('retry'),
  jobMessage('openVideo'),
  jobMessage('revealVideo'),
  z.object({ type: z.literal('jobAction'), jobId: id, action: text(32) }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

/** What the webview keeps with setState: a render cache for a reload, never the source of the form. */
export const WebviewStateSchema = z.object({ form: z.optional(FormValuesSchema) });
export type WebviewState = z.infer<typeof WebviewStateSchema>;
