import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { writeBeside } from '../media/writeBeside';
import * as path from 'node:path';
import * as z from 'zod';
import { type Inputs, mapInputs, MEDIA_ROLES } from '../../shared/mediaRoles';
import { type InputFile, InputFileSchema } from '../inputs/inputFiles';
import { ParametersSchema } from '../inputs/parameters';
import { UsageSchema } from '../service/schemas';
import { deferredSchema } from '../../shared/deferredSchema';

export const TAKE_SCHEMA = 'wan-keyframes/take@2';

/** An input as a take names it: the file relative to the take's own folder, or a URL. */
export const TakeInputSchema = deferredSchema(() => InputFileSchema.omit({ name: true, path: true }).extend({
  path: z.string().optional(),
}));
export type TakeInput = z.infer<typeof TakeInputSchema>;

export const VERDICTS: readonly Verdict[] = ['kept', 'rejected'];
export type Verdict = 'kept' | 'rejected';

/**
 * `<name>.json` beside the video: the durable description of a take, enough to find its inputs again, compare it,
 * and make it again. Never the key. Unknown fields pass (and survive a verdict written into it), so a newer
 * version's takes read here too.
 */
export const TakeSchema = deferredSchema(() => z.looseObject({
  schema: z.literal(TAKE_SCHEMA),
  tool: z.looseObject({ name: z.literal('wan-keyframes'), version: z.string() }),
  video: z.looseObject({ file: z.string(), bytes: z.number().int().nonnegative() }),
  taskId: z.string(),
  requestIds: z.array(z.string()),
  /** The id sent on the wire, and its family in the catalog. */
  model: z.string(),
  family: z.string(),
  endpoint: z.string(),
  region: z.string().optional(),
  inputs: z.partialRecord(z.enum(MEDIA_ROLES), TakeInputSchema),
  /** Which inputs, by content (inputs/inputFiles.ts inputsKey): the takes of one frame pair share it. */
  inputsKey: z.string(),
  /** The create body as sent, without its URLs. */
  request: z.record(z.string(), z.unknown()).optional(),
  parameters: ParametersSchema.optional(),
  options: z.looseObject({ uploadMode: z.string(), nameTemplate: z.string() }).optional(),
  /** The seed the video was made with (also in parameters); absent only when none was sent. */
  seed: z.number().int().optional(),
  prompt: z.string(),
  negativePrompt: z.string(),
  origPrompt: z.string().optional(),
  /** The prompt the service used after rewriting it (kf2v with prompt_extend on). */
  actualPrompt: z.string().optional(),
  usage: UsageSchema.optional(),
  times: z.looseObject({ submit: z.string().optional(), scheduled: z.string().optional(), end: z.string().optional(), savedAt: z.string() }),
  parent: z.looseObject({ kind: z.string(), id: z.string(), index: z.number().int().optional() }).optional(),
  verdict: z.enum(['kept', 'rejected']).optional(),
  /** What it cost at the price table's list price when it was saved (output/takeCost.ts); absent when unknown. */
  cost: z.looseObject({ seconds: z.number(), amount: z.number(), currency: z.string() }).optional(),
}));
export type Take = z.infer<typeof TakeSchema>;

/** The inputs of a record as a take in `folder` names them: paths relative to it where local, URLs otherwise. */
export function takeInputs(inputs: Inputs<InputFile>, folder: string): Inputs<TakeInput> {
  return mapInputs(inputs, ({ name: _name, path: file, ...rest }) => (rest.url ? rest : { ...rest, path: path.relative(folder, file).split(path.sep).join('/') }));
}

/** Writes the take exclusively (never over an existing file); a failed write leaves nothing behind. */
export async function writeTake(file: string, take: Take): Promise<void> {
  const text = `${JSON.stringify(TakeSchema.parse(take), null, 2)}\n`;
  // Whole or absent, never empty: a watcher that sees the file appear (the panel's index, the Explorer's badges)
  // reads it once, and an empty file then would be a take lost. A hard link publishes it without replacing one.
  const written = await writeBeside(file, (temporary) => writeFile(temporary, text, { flag: 'wx' }));
  if (written.kind === 'target-exists') throw Object.assign(new Error(`${file} exists: a take is never written over`), { code: 'EEXIST' });
}

/** Replaces a take's file atomically (temp file + rename): readers see the old or the new, never half of one. */
export async function replaceTakeFile(file: string, value: unknown): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx' });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
