import { readFile } from 'node:fs/promises';
import { replaceTakeFile, type Verdict, VERDICTS } from './take';
import { parseTake } from './takeReader';

/**
 * Writes a take's verdict (kept, rejected, or none) into its file: read, change that one field, replace atomically
 * (temp file + rename). Every other field stays as it was read — a newer version's fields too — so a verdict written
 * from another window at the same moment loses nothing but the other verdict. A file that is not a readable take of
 * ours is left untouched.
 */
export async function writeVerdict(sidecarPath: string, verdict: Verdict | undefined): Promise<void> {
  const text = await readFile(sidecarPath, 'utf8');
  const read = parseTake(text, sidecarPath);
  if ('skipped' in read) throw new Error(`${sidecarPath} is not a take this version can write to (${read.skipped}: ${read.detail})`);
  if (verdict !== undefined && !VERDICTS.includes(verdict)) throw new Error(`not a verdict: ${String(verdict)}`);
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (verdict === undefined) delete raw.verdict;
  else raw.verdict = verdict;
  await replaceTakeFile(sidecarPath, raw);
}
