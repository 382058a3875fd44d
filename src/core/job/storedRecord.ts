import * as z from 'zod';
import { type Inputs, ROLE } from '../../shared/mediaRoles';
import { StoredErrorSchema } from '../errors/storedError';
import { MODEL_IDS } from '../catalog/models';
import { type InputFile, InputFileSchema } from '../inputs/inputFiles';
import { ParametersSchema } from '../inputs/parameters';
import { type JobRecord, JobRecordSchema } from './jobRecord';
import type { JobStatus } from '../../shared/jobStatus';
import { deferredSchema } from '../../shared/deferredSchema';

/**
 * A job record as version 1 (up to d5f53d2) kept it: a `state` of its own beside `paused` and `error.kind`, and the
 * inputs as `sources.first/last/audio`. Read so that a job a window left running resumes after the upgrade.
 */
const RecordV1Schema = deferredSchema(() => z.object({
  version: z.literal(1),
  id: z.string().min(1),
  createdAt: z.string(),
  baseUrl: z.string(),
  region: z.string().optional(),
  family: z.enum(MODEL_IDS),
  wireModel: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  parameters: ParametersSchema.optional(),
  sources: z.object({ first: InputFileSchema, last: InputFileSchema, audio: InputFileSchema.optional() }).optional(),
  outputDir: z.string(),
  baseName: z.string(),
  state: z.enum(['preparing', 'submitting', 'submitted', 'downloading', 'saved', 'failed', 'canceled']),
  taskId: z.string().optional(),
  createSentAt: z.string().optional(),
  submittedAt: z.string().optional(),
  requestIds: z.array(z.string()).default([]),
  videoPath: z.string().optional(),
  sidecarPath: z.string().optional(),
  error: StoredErrorSchema.optional(),
  paused: z.boolean().optional(),
}));
type RecordV1 = z.infer<typeof RecordV1Schema>;

/** Version 1's vocabulary in JobStatus: `paused` was a stop, `failed` with an `unconfirmed` error an unconfirmed create. */
function statusOfV1(record: RecordV1): JobStatus {
  const unfinished = record.state === 'preparing' || record.state === 'submitting' || record.state === 'submitted' || record.state === 'downloading';
  if (record.paused && unfinished) return 'stopped';
  switch (record.state) {
    case 'submitted':
      return 'pending';
    case 'failed':
      return record.error?.kind === 'unconfirmed' ? 'unconfirmed' : 'failed';
    default:
      return record.state;
  }
}

export function upgradeRecordV1(raw: unknown): JobRecord | undefined {
  const parsed = RecordV1Schema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { version: _version, state: _state, paused: _paused, sources, ...rest } = parsed.data;
  const inputs: Inputs<InputFile> | undefined = sources ? { [ROLE.first]: sources.first, [ROLE.last]: sources.last, ...(sources.audio ? { [ROLE.audio]: sources.audio } : {}) } : undefined;
  return { ...rest, version: 2, inputs, status: statusOfV1(parsed.data) };
}

/** A stored record of either version, as a current one; undefined when it is not a record. */
export function readRecord(raw: unknown): JobRecord | undefined {
  if ((raw as { version?: unknown } | null)?.version === 1) return upgradeRecordV1(raw);
  return JobRecordSchema.safeParse(raw).data;
}
