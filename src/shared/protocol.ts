import { z } from 'zod';

/**
 * Every message between the extension host and the webview, both ways, and the form they share.
 * Both sides parse with these schemas; a message that fails is logged and dropped.
 */

const shortText = z.string().max(2_000);
const longText = z.string().max(20_000);

export const FormValuesSchema = z.object({
  model: z.string().max(64),
  prompt: longText,
  negativePrompt: longText,
  resolution: z.string().max(16),
  duration: z.number().int().min(0).max(60),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  seedMode: z.enum(['random', 'fixed']),
  seed: z.string().max(32),
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
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const FrameInfoSchema = z.object({
  name: shortText,
  src: z.string().max(8_192),
  format: shortText.optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  bytes: z.number().optional(),
  problems: z.array(shortText),
});
export type FrameInfo = z.infer<typeof FrameInfoSchema>;

export const AudioInfoSchema = z.object({
  name: shortText,
  seconds: z.number().optional(),
  bytes: z.number().optional(),
  problems: z.array(shortText),
});
export type AudioInfo = z.infer<typeof AudioInfoSchema>;

export const JobViewSchema = z.object({
  id: z.string().max(128),
  title: shortText,
  model: shortText,
  state: z.enum(['running', 'saved', 'failed', 'canceled', 'stopped']),
  phase: shortText,
  startedAt: z.number(),
  taskId: z.string().max(128).optional(),
  error: shortText.optional(),
  videoSrc: z.string().max(8_192).optional(),
  videoName: shortText.optional(),
  hasSound: z.boolean(),
  actualPrompt: longText.optional(),
  canCancel: z.boolean(),
  canRetry: z.boolean(),
  /** "Retry Download" once the video exists (the notification's button says the same), else "Retry". */
  retryLabel: shortText.optional(),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const WebviewStringsSchema = z.record(z.string(), z.string());
export type WebviewStrings = z.infer<typeof WebviewStringsSchema>;

/** Host → webview. */
export const HostMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    models: z.array(ModelInfoSchema),
    defaults: FormValuesSchema,
  }),
  z.object({
    type: z.literal('state'),
    first: FrameInfoSchema.nullable(),
    last: FrameInfoSchema.nullable(),
    audio: AudioInfoSchema.nullable(),
    aspectWarning: shortText.nullable(),
    keySet: z.boolean(),
    problems: z.array(shortText),
    blocked: shortText.nullable(),
    jobs: z.array(JobViewSchema),
    /** Set when the host changed the form (e.g. a model without audio dropped it). */
    form: FormValuesSchema.optional(),
  }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

const jobId = z.object({ jobId: z.string().max(128) });

/** Webview → host. */
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('form'), values: FormValuesSchema }),
  z.object({ type: z.literal('generate'), values: FormValuesSchema }),
  z.object({ type: z.literal('swap') }),
  z.object({ type: z.literal('pickFrame'), role: z.enum(['first', 'last']) }),
  z.object({ type: z.literal('pickAudio') }),
  z.object({ type: z.literal('removeAudio') }),
  z.object({ type: z.literal('setApiKey') }),
  z.object({ type: z.literal('showLog') }),
  z.object({ type: z.literal('cancel') }).extend(jobId.shape),
  z.object({ type: z.literal('retry') }).extend(jobId.shape),
  z.object({ type: z.literal('openVideo') }).extend(jobId.shape),
  z.object({ type: z.literal('revealVideo') }).extend(jobId.shape),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

/** What the webview keeps across hide/show (getState/setState). */
export const WebviewStateSchema = z.object({ form: FormValuesSchema.optional() });
