import { open, rm, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { downloadError, transportDownloadError, videoHostError } from './downloadErrors';
import { isWanError } from '../errors/wanError';
import { fileSystemError } from '../errors/fileErrors';
import { withRetries } from '../net/retry';
import { checkVideoFile, errorPage, isErrorPageType } from './videoCheck';
import { PARALLEL_DEFAULTS, type ParallelSettings, parseContentRange, partCount, rangeAnswerProblem, splitSpans } from './byteRanges';
import { downloadParts, type PartsOptions } from './parallelDownload';
import { PositionalWriter } from './positionalWriter';
import { ledgerFits, readLedger, removeLedger } from './partLedger';
import { bodyText, requestVideo } from './videoRequest';

export interface DownloadOptions extends PartsOptions {
  /** Attempts in all, each resuming where the last stopped when the server honours Range. */
  attempts?: number;
  /** How many connections a large video is fetched over, and from what size (PARALLEL_DEFAULTS). */
  parallel?: Partial<ParallelSettings>;
}

/** Failures that the same request a moment later can get past; a loop or an error page needs a later, deliberate retry. */
const RETRY_IN_PLACE = new Set(['network', 'timeout', 'server', 'rate-limit']);

/**
 * Streams `url` into `partPath`: memory stays flat whatever the size, Content-Length is checked, a dropped
 * connection resumes with Range — always from `url` itself, never from a redirect target, since signed targets may
 * expire. A download that starts from nothing asks for a range first: a host that answers with the size and the
 * video is large gets it in parts over a few connections (parallelDownload.ts), anything else over one, as before.
 * A part file already there (its name carries the task id: a process that was killed mid-download left it) is
 * resumed the same way — by its ledger when parts left it, else from its end. The finished file must look like an
 * mp4. On failure the partial file is removed, so a folder never holds half a video.
 */
export async function downloadToPart(url: string, partPath: string, options: DownloadOptions): Promise<{ bytes: number }> {
  const settings: ParallelSettings = { ...PARALLEL_DEFAULTS, ...options.parallel };
  let total: number | undefined;
  // Parallel only from nothing or from a ledger: a contiguous part file resumes from its end, as it always has.
  let parallel = (await readLedger(partPath)) !== 'none' || (settings.parts > 1 && (await sizeOf(partPath)) === 0);
  try {
    return await withRetries(
      async () => {
        try {
          let first: Dispatcher.ResponseData | undefined;
          let complete = false;
          if (parallel) {
            const tried = await tryParallel(url, partPath, settings, options);
            ({ first, complete } = tried);
            total = tried.total ?? total;
            parallel = tried.again;
          }
          // A size learnt earlier (the probe, a ledger) still holds when a later answer, chunked, does not say it.
          if (!complete) total = (await fetchInto(url, partPath, await sizeOf(partPath), total, options, first)) ?? total;
          const size = await sizeOf(partPath);
          if (total !== undefined && size !== total) throw downloadError('truncated', `download stopped at ${size} of ${total} bytes`);
          const notVideo = await checkVideoFile(partPath);
          if (notVideo) throw notVideo;
          return { bytes: size };
        } catch (error) {
          throw isWanError(error) ? error : (fileSystemError(error, 'saving') ?? transportDownloadError(error, options.signal));
        }
      },
      {
        clock: options.clock,
        signal: options.signal,
        attempts: options.attempts ?? 6,
        baseMs: 500,
        capMs: 10_000,
        random: options.random,
        shouldRetry: (error) => error.retryable && RETRY_IN_PLACE.has(error.kind),
        onRetry: options.onRetry,
      },
    );
  } catch (error) {
    await rm(partPath, { force: true });
    await removeLedger(partPath);
    throw error;
  }
}

interface ParallelTry {
  /** Every byte is in. */
  complete: boolean;
  total?: number;
  /** An answer the single connection reads on (the probe, when the host or the size says one connection). */
  first?: Dispatcher.ResponseData;
  /** Whether a later attempt may try parts again (the host has not answered yet). */
  again: boolean;
}

/**
 * Parts from the ledger a killed process left, or, from nothing, a probe (`bytes=0-`) whose 206 says the size: large
 * enough, and the probe becomes the first part. Whatever the parts could not finish is left to one connection.
 */
async function tryParallel(url: string, partPath: string, settings: ParallelSettings, options: DownloadOptions): Promise<ParallelTry> {
  const ledger = await readLedger(partPath);
  if (typeof ledger === 'object' && ledgerFits(ledger, await sizeOf(partPath))) {
    const outcome = await downloadParts(url, partPath, ledger, options);
    return { complete: outcome.complete, total: ledger.total, again: false };
  }
  if (ledger !== 'none') {
    // A ledger that cannot be read, or parts it claims that the file no longer holds: the holes are unknown.
    await rm(partPath, { force: true });
    await removeLedger(partPath);
  }
  if (settings.parts < 2) return { complete: false, again: false };
  const probe = await requestVideo(url, 'bytes=0-', options);
  if (probe.statusCode !== 200 && probe.statusCode !== 206) return { complete: false, first: probe, again: true };
  const total = parseContentRange(probe.headers['content-range'])?.total;
  const parts = total === undefined ? 1 : partCount(total, settings);
  if (rangeAnswerProblem(probe, 0, undefined) || total === undefined || parts < 2) return { complete: false, first: probe, again: false };
  const outcome = await downloadParts(url, partPath, { total, parts: splitSpans(total, parts), done: [] }, options, probe);
  return { complete: outcome.complete, total, again: false };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function fetchInto(url: string, partPath: string, have: number, knownTotal: number | undefined, options: DownloadOptions, first?: Dispatcher.ResponseData): Promise<number | undefined> {
  const response = first ?? (await requestVideo(url, have > 0 ? `bytes=${have}-` : undefined, options));
  const { statusCode } = response;
  if (statusCode === 416) {
    await response.body.dump();
    const whole = Number(/bytes \*\/(\d+)/.exec(String(response.headers['content-range'] ?? ''))?.[1]);
    if (have === (knownTotal ?? whole)) return have;
    // A part file at least as long as the video is not this video's beginning: start over.
    await rm(partPath, { force: true });
    throw downloadError('wrong-offset', 'the partial file did not fit the video; starting over');
  }
  if (statusCode !== 200 && statusCode !== 206) {
    throw videoHostError(statusCode, await bodyText(response), response.headers, options.clock.now());
  }
  if (isErrorPageType(response.headers['content-type'])) {
    throw errorPage(await bodyText(response), `HTTP ${statusCode} with ${String(response.headers['content-type'])} instead of a video`);
  }
  const resumed = statusCode === 206;
  const length = Number(response.headers['content-length']);
  let total: number | undefined;
  if (resumed) {
    const range = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(String(response.headers['content-range'] ?? ''));
    if (!range || Number(range[1]) !== have) {
      await response.body.dump();
      await rm(partPath, { force: true });
      throw downloadError('wrong-offset', 'the server resumed at the wrong offset');
    }
    total = range[3] === '*' ? undefined : Number(range[3]);
  } else {
    // Chunked responses carry no Content-Length: the length is then whatever arrives before a clean end.
    total = response.headers['content-length'] !== undefined && Number.isFinite(length) ? length : undefined;
  }
  if (knownTotal !== undefined && total !== undefined && total !== knownTotal) {
    await response.body.dump();
    await rm(partPath, { force: true });
    throw downloadError('changed-size', 'the video changed size between attempts');
  }
  let received = resumed ? have : 0;
  // The answer is already coming: a .part that cannot be opened (a read-only folder) must still let its body go, or
  // the connection is held until the process ends and the dispatcher never closes.
  const handle = await open(partPath, resumed && have > 0 ? 'r+' : 'w').catch((error: unknown) => {
    response.body.destroy();
    throw error;
  });
  try {
    const writer = new PositionalWriter(handle, received, Infinity, (bytes) => {
      received += bytes;
      options.onProgress?.(received, total);
    });
    await pipeline(response.body, writer, { signal: options.signal });
  } finally {
    await handle.close();
  }
  return total;
}
