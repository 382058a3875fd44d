import * as path from 'node:path';
import * as z from 'zod';
import { type Inputs, ROLE } from '../../shared/mediaRoles';
import { type InputFile, InputFileSchema, inputsKey } from '../inputs/inputFiles';
import { ParametersSchema } from '../inputs/parameters';
import { UsageSchema } from '../service/schemas';
import { type Take, TAKE_SCHEMA, takeInputs } from './take';
import { deferredSchema } from '../../shared/deferredSchema';

export const SIDECAR_V1_SCHEMA = 'wan-keyframes/sidecar@1';

/** The sidecar as version 1 (up to d5f53d2) wrote it: read, never written. */
const SidecarV1Schema = deferredSchema(() => z.looseObject({
  schema: z.literal(SIDECAR_V1_SCHEMA),
  tool: z.object({ name: z.literal('wan-keyframes'), version: z.string() }),
  video: z.object({ file: z.string(), bytes: z.number().int().nonnegative() }),
  model: z.string(),
  family: z.string(),
  endpoint: z.string(),
  region: z.string().optional(),
  parameters: ParametersSchema.optional(),
  prompt: z.string(),
  negativePrompt: z.string(),
  origPrompt: z.string().optional(),
  actualPrompt: z.string().optional(),
  taskId: z.string(),
  requestIds: z.array(z.string()),
  usage: UsageSchema.optional(),
  times: z.object({ submit: z.string().optional(), scheduled: z.string().optional(), end: z.string().optional(), savedAt: z.string() }),
  sources: z.object({ first: InputFileSchema, last: InputFileSchema, audio: InputFileSchema.optional() }).optional(),
  /** Written into a version-1 sidecar by a later version (output/verdict.ts). */
  verdict: z.enum(['kept', 'rejected']).optional().catch(undefined),
}));

/** A version-1 sidecar as a take: its sources become inputs by role (paths made relative to it), its key computed. */
export function upgradeSidecarV1(raw: unknown, sidecarPath: string): Take | undefined {
  const parsed = SidecarV1Schema.safeParse(raw);
  if (!parsed.success) return undefined;
  const { schema: _schema, sources, ...rest } = parsed.data;
  const files: Inputs<InputFile> = sources ? { [ROLE.first]: sources.first, [ROLE.last]: sources.last, ...(sources.audio ? { [ROLE.audio]: sources.audio } : {}) } : {};
  return {
    ...rest,
    schema: TAKE_SCHEMA,
    inputs: takeInputs(files, path.dirname(sidecarPath)),
    inputsKey: inputsKey(files),
    seed: parsed.data.parameters?.seed,
  };
}
