import { rm, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageSchema } from './api/schemas';
import { JobParametersSchema, SourceFileSchema } from './jobRecord';

/**
 * `<name>.json` beside the video: what produced it, enough to regenerate it later. Never the key.
 * A later feature reads it back, so it is versioned and parsed with the same schema.
 */
export const SidecarSchema = z.object({
  schema: z.literal('wan-keyframes/sidecar@1'),
  tool: z.object({ name: z.literal('wan-keyframes'), version: z.string() }),
  video: z.object({ file: z.string(), bytes: z.number().int().nonnegative() }),
  model: z.string(),
  family: z.string(),
  endpoint: z.string(),
  region: z.string().optional(),
  parameters: JobParametersSchema.optional(),
  prompt: z.string(),
  negativePrompt: z.string(),
  origPrompt: z.string().optional(),
  actualPrompt: z.string().optional(),
  taskId: z.string(),
  requestIds: z.array(z.string()),
  usage: UsageSchema.optional(),
  times: z.object({
    submit: z.string().optional(),
    scheduled: z.string().optional(),
    end: z.string().optional(),
    savedAt: z.string(),
  }),
  sources: z.object({ first: SourceFileSchema, last: SourceFileSchema, audio: SourceFileSchema.optional() }).optional(),
});
export type Sidecar = z.infer<typeof SidecarSchema>;

/** Writes the sidecar exclusively (never over an existing file); a failed write leaves nothing behind. */
export async function writeSidecar(file: string, sidecar: Sidecar): Promise<void> {
  const checked = SidecarSchema.parse(sidecar);
  try {
    await writeFile(file, `${JSON.stringify(checked, null, 2)}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') await rm(file, { force: true });
    throw error;
  }
}

export function parseSidecar(text: string): Sidecar {
  return SidecarSchema.parse(JSON.parse(text));
}
