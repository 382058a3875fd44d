import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import type { Clock } from '../base/clock';
import { asDownloadError, downloadError, transportDownloadError, videoHostError } from './downloadErrors';
import { isWanError, type WanError } from '../errors/wanError';
import { fileSystemError } from '../errors/fileErrors';
import { withRetries } from '../net/retry';
import { checkVideoFile, errorPage, isErrorPageType } from './videoCheck';
import { getFollowingRedirects } from '../net/followRedirects';

export interface DownloadOptions {
  dispatcher: Dispatcher;
  clock: Clock;
  signal?: AbortSignal;
  userAgent: string;
  /** Attempts in all, each resuming where the last stopped when the server honours Range. */
  attempts?: number;
  random?: () => number;
  onProgress?: (received: number, total: number | undefined) => void;
  onRetry?: (error: WanError, delayMs: number) => void;
}

/** Failures that the same request a moment later can get past; a loop or an error page needs a later, deliberate retry. */
const RETRY_IN_PLACE = new Set(['network', 'timeout', 'server', 'rate-limit']);

/**
 * Streams `url` into `partPath`: memory stays flat whatever the size, Content-Length is checked, a dropped
 * connection resumes with Range — always from `url` itself, never from a redirect target, since signed targets may
 * expire. A part file already there (its name carries the task id: a process that was killed mid-download left it)
 * is resumed the same way. The finished file must look like an mp4. On failure the partial file is removed, so a
 * folder never holds half a video.
 */
export async function downloadToPart(url: string, partPath: string, options: DownloadOptions): Promise<{ bytes: number }> {
  let total: number | undefined;
  try {
    return await withRetries(
      async () => {
        try {
          const have = await sizeOf(partPath);
          total = await fetchInto(url, partPath, have, total, options);
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
    throw error;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** The first 64 KiB of an error body: enough for its code and message, bounded whatever the host sends. */
async function bodyText(response: Dispatcher.ResponseData): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(Buffer.from(chunk as Uint8Array));
      size += (chunk as Uint8Array).length;
      if (size >= 64 * 1024) break;
    }
  } catch {
    // the error body is only a hint
  }
  response.body.destroy();
  return Buffer.concat(chunks).subarray(0, 64 * 1024).toString('utf8');
}

async function fetchInto(url: string, partPath: string, have: number, knownTotal: number | undefined, options: DownloadOptions): Promise<number | undefined> {
  const response = await getFollowingRedirects(url, {
    dispatcher: options.dispatcher,
    signal: options.signal,
    userAgent: options.userAgent,
    range: have > 0 ? `bytes=${have}-` : undefined,
    what: 'download',
  }).catch((error: unknown) => {
    throw isWanError(error) ? asDownloadError(error) : error;
  });
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
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      options.onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  await pipeline(response.body, counter, createWriteStream(partPath, { flags: resumed ? 'a' : 'w' }), { signal: options.signal });
  return total;
}
