import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as z from 'zod';
import { type Inputs, MEDIA_ROLES, type MediaRole, rolesOf } from '../../shared/mediaRoles';
import { type InputFacts, sha256File } from './inspect';
import { urlFileName } from './remoteImage';
import { deferredSchema } from '../../shared/deferredSchema';

/**
 * An input as a job record and a take remember it: its name, where it was (a path, or the URL the service fetched),
 * what it held (sha256 of a local file) and what it was (format, size, seconds).
 */
export const InputFileSchema = deferredSchema(() => z.object({
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
}));
export type InputFile = z.infer<typeof InputFileSchema>;

export const MediaRoleSchema = deferredSchema(() => z.enum(MEDIA_ROLES));

/** Inputs keyed by role, as stored. */
export const InputFilesSchema = deferredSchema(() => z.partialRecord(MediaRoleSchema, InputFileSchema));
export type InputFiles = Inputs<InputFile>;

/** Describes an inspected input for a record: a local file is hashed (streamed); a URL is named by its URL. */
export async function describeInput(facts: InputFacts): Promise<InputFile> {
  const shape =
    facts.kind === 'image'
      ? { format: facts.probe.format, width: facts.probe.width, height: facts.probe.height }
      : { format: facts.probe.format, seconds: facts.probe.seconds };
  if (facts.kind === 'image' && facts.remote) return { name: urlFileName(facts.path), path: facts.path, url: facts.path, bytes: facts.bytes, ...shape };
  return { name: path.basename(facts.path), path: facts.path, sha256: await sha256File(facts.path), bytes: facts.bytes, ...shape };
}

/**
 * The inputs key: which inputs a take was made from, by content. A frame renamed or moved keeps its key; the same
 * picture saved again with other bytes does not. Each role with the sha256 of its file, or the URL the service
 * fetched.
 */
export function inputsKey(inputs: Inputs<{ sha256?: string; url?: string }>): string {
  const lines = rolesOf(inputs).map((role: MediaRole) => `${role}\n${inputs[role]?.sha256 ?? inputs[role]?.url ?? ''}`);
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 24);
}
