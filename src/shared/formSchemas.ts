import * as z from 'zod/mini';
import { FRAME_ROLES, MEDIA_ROLES } from './mediaRoles';
import { longText, shortText, text } from './schemaParts';
import { MAX_TAKES, MIN_TAKES } from './variations';
import { deferredSchema } from './deferredSchema';

/** The form the host and the page share: its values, the models it offers, what it shows of inputs, its state. */

export const roleSchema = deferredSchema(() => z.enum(MEDIA_ROLES));
export const frameRoleSchema = deferredSchema(() => z.enum(FRAME_ROLES));

export const FormValuesSchema = deferredSchema(() => z.object({
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
  /** Takes to make of these inputs (variations), each with its own seed. A form kept before there was a count has 1. */
  count: z._default(z.int().check(z.minimum(MIN_TAKES), z.maximum(MAX_TAKES)), MIN_TAKES),
}));
export type FormValues = z.infer<typeof FormValuesSchema>;

export const ModelInfoSchema = deferredSchema(() => z.object({
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
}));
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** What the form shows of one input: a frame's thumbnail and size, an audio's length; the problems found in it. */
export const InputInfoSchema = deferredSchema(() => z.object({
  name: shortText,
  /** A frame's thumbnail (a webview URI or a data: URL); empty for audio. */
  src: text(8_192),
  format: z.optional(shortText),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  seconds: z.optional(z.number()),
  bytes: z.optional(z.number()),
  problems: z.array(shortText),
  /** A clip longer than the model takes: where a cut without re-encoding would start, and how long it would keep. */
  cut: z.optional(z.object({ at: z.number(), keeps: z.number(), max: z.number() })),
}));
export type InputInfo = z.infer<typeof InputInfoSchema>;
/** What the form shows around the values: each input by role, their checks, the key, why Generate is off. */
export const FormStateSchema = deferredSchema(() => z.object({
  inputs: z.partialRecord(roleSchema, InputInfoSchema),
  aspectWarning: z.nullable(shortText),
  keySet: z.boolean(),
  problems: z.array(shortText),
  blocked: z.nullable(shortText),
  /** The model or region needs a workspace host and none is set (or the id is not one): offer Set Workspace ID. */
  needsWorkspace: z.boolean(),
  /** What the form's takes would cost ("≈ ¥1.00 per take · ¥4.00 for 4"), or why it is unknown; null with no model. */
  estimate: z.nullable(shortText),
  /** What this workspace's takes cost, from their take files: today and this month; null before any. */
  spent: z.nullable(shortText),
}));
export type FormState = z.infer<typeof FormStateSchema>;
