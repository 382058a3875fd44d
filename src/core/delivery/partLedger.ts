import { readFile, rm, writeFile } from 'node:fs/promises';
import * as z from 'zod';
import type { ByteSpan } from './byteRanges';
import { deferredSchema } from '../../shared/deferredSchema';

/**
 * Beside a `.part` written by parts in parallel: its total, its parts and which of them are whole. The `.part` of a
 * parallel download has holes until every part is in, so it must never be resumed as if contiguous; while this
 * ledger exists it is not, and a process killed mid-download keeps the parts it completed and fetches the rest.
 */
export interface PartLedger {
  total: number;
  parts: ByteSpan[];
  /** Indexes into `parts` of the parts fully written. */
  done: number[];
}

const FORMAT = 'wan-keyframes/parts@1';

const LedgerSchema = deferredSchema(() => z
  .object({
    format: z.literal(FORMAT),
    total: z.number().int().positive(),
    parts: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() })).min(1),
    done: z.array(z.number().int().nonnegative()),
  })
  .refine((ledger) => covers(ledger.parts, ledger.total) && ledger.done.every((index) => index < ledger.parts.length)));

function covers(parts: ByteSpan[], total: number): boolean {
  return parts.every((part, i) => part.start === (i === 0 ? 0 : parts[i - 1]?.end) && part.end > part.start) && parts.at(-1)?.end === total;
}

export function ledgerPathOf(partPath: string): string {
  return `${partPath}.ranges`;
}

/** The ledger beside `partPath`: `none` when there is none, `unreadable` when it cannot be trusted (start over). */
export async function readLedger(partPath: string): Promise<PartLedger | 'none' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(ledgerPathOf(partPath), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : 'unreadable';
  }
  try {
    const parsed = LedgerSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return 'unreadable';
    const { total, parts, done } = parsed.data;
    return { total, parts, done: [...new Set(done)] };
  } catch {
    return 'unreadable';
  }
}

/**
 * Written before the first byte lands out of order and again as each part completes. Not atomic on purpose: a
 * ledger torn by a kill reads as unreadable, and that starts the video over, which is always safe.
 */
export async function writeLedger(partPath: string, ledger: PartLedger): Promise<void> {
  await writeFile(ledgerPathOf(partPath), JSON.stringify({ format: FORMAT, total: ledger.total, parts: ledger.parts, done: ledger.done }));
}

export async function removeLedger(partPath: string): Promise<void> {
  await rm(ledgerPathOf(partPath), { force: true });
}

/** Whether a `.part` of `size` bytes still holds every part the ledger says is done (a truncation may have cut one). */
export function ledgerFits(ledger: PartLedger, size: number): boolean {
  return ledger.done.every((index) => (ledger.parts[index]?.end ?? Infinity) <= size);
}

/** Where the bytes stop being contiguous from 0: the start of the first part not done, given what each part received. */
export function contiguousPrefix(ledger: PartLedger, received: (index: number) => number): number {
  for (const [index, part] of ledger.parts.entries()) {
    const got = ledger.done.includes(index) ? part.end - part.start : Math.min(received(index), part.end - part.start);
    if (part.start + got < part.end) return part.start + got;
  }
  return ledger.total;
}
