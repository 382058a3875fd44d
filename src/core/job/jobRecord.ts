import * as z from 'zod';
import { StoredErrorSchema } from '../errors/storedError';
import { MODEL_IDS } from '../catalog/models';
import { InputFilesSchema } from '../inputs/inputFiles';
import { ParametersSchema } from '../inputs/parameters';
import { JOB_STATUSES } from '../../shared/jobStatus';
import { deferredSchema } from '../../shared/deferredSchema';

/** How a job's files travel and land: chosen when it starts and kept with it, so a resumed job does the same. */
export const JobOptionsSchema = deferredSchema(() => z.object({
  uploadMode: z.enum(['oss', 'base64']),
  nameTemplate: z.string(),
  writeSidecar: z.boolean(),
}));
export type JobOptions = z.infer<typeof JobOptionsSchema>;

/** The run that owns a job: a batch of variations, a chain of segments. */
export const JobParentSchema = deferredSchema(() => z.object({
  /** `batch`: one of N variations; `chain`: a storyboard's segment; `take`: continues the take with this task id. */
  kind: z.enum(['batch', 'chain', 'take']),
  id: z.string().min(1),
  /** The job's place in it (0-based). */
  index: z.number().int().nonnegative().optional(),
}));
export type JobParent = z.infer<typeof JobParentSchema>;

/**
 * Everything another process needs to finish a job from its task id: poll, download, name, write the take. Kept in
 * VS Code's globalState (mirrored to a file) or printed by the CLI; never holds the API key. `status` is the job's
 * JobStatus (states.ts) as last written.
 */
export const JobRecordSchema = deferredSchema(() => z.object({
  version: z.literal(2),
  id: z.string().min(1),
  createdAt: z.string(),
  baseUrl: z.string(),
  region: z.string().optional(),
  family: z.enum(MODEL_IDS),
  wireModel: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  /** Absent only for a job resumed from a bare task id, whose inputs this machine never saw. */
  parameters: ParametersSchema.optional(),
  inputs: InputFilesSchema.optional(),
  /** Absent for a job resumed from a bare task id or upgraded from version 1: the runner's own options then. */
  options: JobOptionsSchema.optional(),
  /** The create body as sent, without its URLs (service/body.ts withoutUrls): what the take keeps for a replay. */
  request: z.record(z.string(), z.unknown()).optional(),
  parent: JobParentSchema.optional(),
  /** The video is a take's own, downloaded again: saved under that take's name, and no new take is written. */
  restoresTake: z.string().optional(),
  outputDir: z.string(),
  baseName: z.string(),
  status: z.enum(JOB_STATUSES),
  taskId: z.string().optional(),
  /** When the create was sent; a record still `submitting` after a restart is settled through the task list. */
  createSentAt: z.string().optional(),
  submittedAt: z.string().optional(),
  requestIds: z.array(z.string()).default([]),
  videoPath: z.string().optional(),
  sidecarPath: z.string().optional(),
  error: StoredErrorSchema.optional(),
}));
export type JobRecord = z.infer<typeof JobRecordSchema>;
