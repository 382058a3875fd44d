import { z } from 'zod';
import type { StoredError } from './storedError';
import { ERROR_STEPS } from './errors';
import { JOB_STATES } from './lifecycle';
import { MODEL_IDS } from './models';

/** A source file as the sidecar and the job record remember it. */
export const SourceFileSchema = z.object({
  name: z.string(),
  path: z.string(),
  /** Absent for an image URL: only its first bytes were read, to check it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  url: z.string().url().optional(),
  bytes: z.number().int().nonnegative(),
  format: z.string(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  seconds: z.number().nonnegative().optional(),
});
export type SourceFile = z.infer<typeof SourceFileSchema>;

export const JobParametersSchema = z.object({
  resolution: z.string(),
  duration: z.number().int(),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  seed: z.number().int().optional(),
  ratio: z.string().optional(),
  sound: z.boolean().optional(),
});

/** How a job failed, kept so a reloaded window shows the same message (both languages) and the same actions. */
export const StoredErrorSchema: z.ZodType<StoredError> = z.object({
  kind: z.string(),
  message: z.string(),
  step: z.enum(ERROR_STEPS).optional(),
  summary: z.object({ en: z.string(), zh: z.string() }).optional(),
  code: z.string().optional(),
  serviceMessage: z.string().optional(),
  retryable: z.boolean().optional(),
  videoKeptUntil: z.number().optional(),
});
/**
 * Everything another process needs to finish a job from its task id: poll, download, name, write the sidecar.
 * Kept in VS Code's globalState or printed by the CLI; never holds the API key.
 */
export const JobRecordSchema = z.object({
  version: z.literal(1),
  id: z.string().min(1),
  createdAt: z.string(),
  baseUrl: z.string(),
  region: z.string().optional(),
  family: z.enum(MODEL_IDS),
  wireModel: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  /** Absent only for a job resumed from a bare task id, whose inputs this machine never saw. */
  parameters: JobParametersSchema.optional(),
  sources: z.object({ first: SourceFileSchema, last: SourceFileSchema, audio: SourceFileSchema.optional() }).optional(),
  outputDir: z.string(),
  baseName: z.string(),
  state: z.enum(JOB_STATES),
  taskId: z.string().optional(),
  /** When the create was sent; a record still `submitting` after a restart is settled through the task list. */
  createSentAt: z.string().optional(),
  submittedAt: z.string().optional(),
  requestIds: z.array(z.string()).default([]),
  videoPath: z.string().optional(),
  sidecarPath: z.string().optional(),
  error: StoredErrorSchema.optional(),
  /** The user stopped waiting; the task is still resumable but is not picked up automatically. */
  paused: z.boolean().optional(),
});
export type JobRecord = z.infer<typeof JobRecordSchema>;
