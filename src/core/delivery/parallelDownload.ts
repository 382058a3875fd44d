import { type FileHandle, open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { backoffMs, type Clock } from '../base/clock';
import { isWanError, type WanError } from '../errors/wanError';
import { fileSystemError } from '../errors/fileErrors';
import { abortedError, pause } from '../net/abort';
import { rangeAnswerProblem } from './byteRanges';
import { downloadError, transportDownloadError } from './downloadErrors';
import { contiguousPrefix, type PartLedger, removeLedger, writeLedger } from './partLedger';
import { PositionalWriter } from './positionalWriter';
import { discardBody, requestVideo, type VideoFetchOptions } from './videoRequest';

export interface PartsOptions extends VideoFetchOptions {
  clock: Clock;
  random?: () => number;
  onProgress?: (received: number, total: number | undefined) => void;
  onRetry?: (error: WanError, delayMs: number) => void;
}

/** Either every part is in, or the `.part` now holds the contiguous `prefix` and one connection should do the rest. */
export type PartsOutcome = { complete: true } | { complete: false; prefix: number; reason: string };

/** Tries per part for a dropped or cut connection, each resuming where that part stopped. */
export const PART_ATTEMPTS = 4;

/** A sign the host does not really do ranges (or a part that would not finish): one connection takes over. */
class FallBack extends Error {}

/**
 * Fetches the parts the ledger has not marked done, all at once, each over its own connection and each resolved
 * again from `url`, writing every byte at its own offset of `partPath` (positional writes, at most a MiB waiting per
 * part, so memory stays flat). `first` is an answer already received for the first pending part (the probe that
 * found the size); it is read only up to that part's end. A dropped part resumes on its own; an answer that does
 * not fit what was asked stops every part, and the `.part` is cut back to what is contiguous from its start.
 */
export async function downloadParts(url: string, partPath: string, ledger: PartLedger, options: PartsOptions, first?: Dispatcher.ResponseData): Promise<PartsOutcome> {
  const fresh = ledger.done.length === 0;
  let handle: FileHandle;
  try {
    if (fresh) await writeLedger(partPath, ledger);
    handle = await open(partPath, fresh ? 'w' : 'r+');
  } catch (error) {
    if (first) await discardBody(first);
    throw error;
  }
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const received = new Map<number, number>();
  let receivedAll = ledger.done.reduce((sum, index) => sum + span(ledger, index), 0);
  let ledgerWrites = Promise.resolve();
  const pending = ledger.parts.map((_, index) => index).filter((index) => !ledger.done.includes(index));

  const fetchPart = async (index: number, answer: Dispatcher.ResponseData | undefined): Promise<void> => {
    const part = ledger.parts[index] as PartLedger['parts'][number];
    let at = part.start;
    let failures = 0;
    while (at < part.end) {
      const from = at;
      try {
        const response = answer ?? (await requestVideo(url, `bytes=${at}-${part.end - 1}`, { ...options, signal }));
        answer = undefined;
        const problem = rangeAnswerProblem(response, at, ledger.total);
        if (problem) {
          await discardBody(response);
          throw new FallBack(problem);
        }
        const sent = Number(/-(\d+)\//.exec(String(response.headers['content-range']))?.[1]) + 1;
        await writeAt(handle, response, at, part.end, signal, (bytes) => {
          at += bytes;
          received.set(index, (received.get(index) ?? 0) + bytes);
          receivedAll += bytes;
          options.onProgress?.(receivedAll, ledger.total);
        });
        // A body that ends before its range does is cut short; one that ends with a shorter range than asked is not.
        if (at < Math.min(sent, part.end)) throw downloadError('truncated', `part ${index + 1} stopped at byte ${at} of ${Math.min(sent, part.end)}`);
      } catch (error) {
        answer = undefined;
        if (error instanceof FallBack || stop.signal.aborted || options.signal?.aborted) throw error;
        const failure = isWanError(error) ? error : (fileSystemError(error, 'saving') ?? transportDownloadError(error, signal));
        if (failure.kind === 'file-system') throw failure;
        if (at === from) failures++;
        else failures = 1;
        if (failures >= PART_ATTEMPTS || (failure.kind !== 'network' && failure.kind !== 'timeout')) throw new FallBack(`part ${index + 1}: ${failure.message}`);
        const delay = backoffMs(failures, 500, 10_000, options.random);
        options.onRetry?.(failure, delay);
        await pause(options.clock, delay, signal);
      }
    }
    ledger.done.push(index);
    const done = [...ledger.done];
    ledgerWrites = ledgerWrites.then(() => writeLedger(partPath, { ...ledger, done }));
    await ledgerWrites;
  };

  let outcome: PartsOutcome = { complete: true };
  // The first part to fail stops the others; what they say as they stop is only the echo of that.
  let failure: unknown;
  try {
    await Promise.all(
      pending.map((index, i) =>
        fetchPart(index, i === 0 ? first : undefined).catch((error: unknown) => {
          if (stop.signal.aborted) return;
          failure = error;
          stop.abort();
        }),
      ),
    );
    if (first && pending.length === 0) await discardBody(first);
    if (options.signal?.aborted) throw abortedError();
    if (failure !== undefined && !(failure instanceof FallBack)) throw failure;
    if (failure instanceof FallBack) {
      const prefix = contiguousPrefix(ledger, (index) => received.get(index) ?? 0);
      await handle.truncate(prefix);
      outcome = { complete: false, prefix, reason: failure.message };
    }
  } finally {
    await handle.close();
  }
  await removeLedger(partPath);
  return outcome;
}

function span(ledger: PartLedger, index: number): number {
  const part = ledger.parts[index];
  return part ? part.end - part.start : 0;
}

/** Writes the body at `at` onward, up to `end` (a longer body is let go of there); each byte counted once on disk. */
async function writeAt(handle: FileHandle, response: Dispatcher.ResponseData, at: number, end: number, signal: AbortSignal, onBytes: (bytes: number) => void): Promise<void> {
  const writer = new PositionalWriter(handle, at, end, onBytes);
  writer.once('full', () => response.body.destroy());
  try {
    await pipeline(response.body, writer, { signal });
  } catch (error) {
    if (!writer.full) throw error;
  }
}
