import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { type Inputs, mapInputs } from '../../shared/mediaRoles';
import { SIDECAR_V1_SCHEMA, upgradeSidecarV1 } from './sidecarV1';
import { type Take, TAKE_SCHEMA, type TakeInput, TakeSchema } from './take';

/** A take as read from disk: the take (a version-1 sidecar upgraded), where it is, and its inputs' full paths. */
export interface FoundTake {
  take: Take;
  sidecarPath: string;
  videoPath: string;
  /** 1 for a sidecar written before takes (d5f53d2 and earlier), 2 since. */
  version: 1 | 2;
  /** Each input with its path resolved against the take's folder (URLs as they are). */
  inputs: Inputs<TakeInput & { path?: string }>;
}

export type SkipReason = 'unreadable' | 'not-json' | 'not-ours' | 'future' | 'malformed' | 'too-large';

export type TakeRead = { found: FoundTake } | { skipped: SkipReason; detail: string };

/** Larger than any take; a JSON file this big is something else. */
export const MAX_TAKE_BYTES = 1024 * 1024;

/** A take's schema name, ours of any version: `wan-keyframes/<kind>@<n>`. */
const OURS = /^wan-keyframes\/(sidecar|take)@(\d+)$/;

/** Reads a take from its text: ours of version 1 or 2 → the take; anything else says why it was skipped. */
export function parseTake(text: string, sidecarPath: string): TakeRead {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { skipped: 'not-json', detail: 'not JSON (truncated or not a take)' };
  }
  const schema = (raw as { schema?: unknown } | null)?.schema;
  const ours = typeof schema === 'string' ? OURS.exec(schema) : null;
  if (!ours) return { skipped: 'not-ours', detail: typeof schema === 'string' ? `schema ${schema.slice(0, 60)}` : 'no schema field' };
  if (schema !== TAKE_SCHEMA && schema !== SIDECAR_V1_SCHEMA) return { skipped: 'future', detail: `written by a newer version (${schema})` };
  const version = schema === TAKE_SCHEMA ? 2 : 1;
  let take: Take | undefined;
  let problem = '';
  if (version === 2) {
    const parsed = TakeSchema.safeParse(raw);
    take = parsed.data;
    if (!parsed.success) problem = `${parsed.error.issues[0]?.path.join('.') || 'take'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  } else take = upgradeSidecarV1(raw, sidecarPath);
  if (!take) return { skipped: 'malformed', detail: problem || 'a field is missing or has the wrong type' };
  // A take's video sits beside it: a name with a folder in it points elsewhere, and is not read as a take.
  if (path.basename(take.video.file) !== take.video.file || take.video.file === '..' || take.video.file === '.') return { skipped: 'malformed', detail: `video.file "${take.video.file.slice(0, 80)}" is not a file beside the take` };
  const folder = path.dirname(sidecarPath);
  const inputs = mapInputs(take.inputs, (input) => (input.path === undefined ? input : { ...input, path: path.resolve(folder, input.path) }));
  return { found: { take, sidecarPath, videoPath: path.join(folder, take.video.file), version, inputs } };
}

/** Reads one take file, refusing what is too large to be one. */
export async function readTake(sidecarPath: string): Promise<TakeRead> {
  const text = await readTakeSizedText(sidecarPath);
  return 'skipped' in text ? text : parseTake(text.text, sidecarPath);
}

/** A JSON file's text, or why it was not read: unreadable, or too large to be a take (or a film). */
export async function readTakeSizedText(file: string): Promise<{ text: string } | { skipped: 'unreadable' | 'too-large'; detail: string }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return { skipped: 'unreadable', detail: (error as { code?: string }).code ?? String(error) };
  }
  try {
    const { size } = await handle.stat();
    if (size > MAX_TAKE_BYTES) return { skipped: 'too-large', detail: `${size} bytes` };
    return { text: await handle.readFile('utf8') };
  } catch (error) {
    return { skipped: 'unreadable', detail: (error as { code?: string }).code ?? String(error) };
  } finally {
    await handle.close();
  }
}
