import { pause } from './abort';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { type Dispatcher, request } from 'undici';
import { ossError } from './api/client';
import { SERVICE_SUMMARIES } from './api/serviceErrors';
import { classifyTransportError } from './api/transport';
import { backoffMs, type Clock } from './clock';
import { isWanError, WanError } from './errors';

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

/**
 * Streams `url` into `partPath`: memory stays flat whatever the size, Content-Length is checked, a dropped
 * connection resumes with Range. A part file already there (its name carries the task id: a process that was
 * killed mid-download left it) is resumed the same way. On failure the partial file is removed, so a folder never
 * holds half a video.
 */
export async function downloadToPart(url: string, partPath: string, options: DownloadOptions): Promise<{ bytes: number }> {
  const attempts = options.attempts ?? 6;
  let total: number | undefined;
  try {
    for (let attempt = 1; ; attempt++) {
      const have = await sizeOf(partPath);
      try {
        total = await fetchInto(url, partPath, have, total, options);
        const size = await sizeOf(partPath);
        if (total !== undefined && size !== total) throw truncated(size, total);
        return { bytes: size };
      } catch (error) {
        const wanError = isWanError(error) ? error : (fileSystemError(error) ?? classifyTransportError(error, 'download', options.signal));
        if (wanError.kind === 'file-system') throw wanError;
        if (!wanError.retryable || attempt >= attempts || options.signal?.aborted) throw wanError;
        const delay = Math.max(wanError.retryAfterMs ?? 0, backoffMs(attempt, 500, 10_000, options.random));
        options.onRetry?.(wanError, delay);
        await pause(options.clock, delay, options.signal);
      }
    }
  } catch (error) {
    await rm(partPath, { force: true });
    throw error;
  }
}

const FILE_SYSTEM_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EMFILE']);

/** A local disk problem, not a network one: retrying the download cannot help, fixing the folder (or Save As) can. */
export function fileSystemError(error: unknown): WanError | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !FILE_SYSTEM_CODES.has(code)) return undefined;
  return new WanError({
    kind: 'file-system',
    summary: {
      en: 'The video could not be written to its folder (read-only, full or gone). The task is kept: save it elsewhere or retry.',
      zh: '无法将视频写入目标文件夹（只读、已满或不存在）。任务已保留：可另存到其他位置或重试。',
    },
    // The folder, not the temporary `.part` name inside it: the folder is what the user can fix or avoid.
    serviceMessage: `${code}: ${folderOf((error as { path?: unknown }).path)}`,
    retryable: true,
    cause: error,
  });
}

function folderOf(file: unknown): string {
  return typeof file === 'string' && file ? dirname(file) : '';
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

function truncated(size: number, total: number): WanError {
  return new WanError({
    kind: 'network',
    summary: SERVICE_SUMMARIES.network,
    serviceMessage: `download stopped at ${size} of ${total} bytes`,
    retryable: true,
  });
}

async function fetchInto(url: string, partPath: string, have: number, knownTotal: number | undefined, options: DownloadOptions): Promise<number | undefined> {
  const headers: Record<string, string> = { 'user-agent': options.userAgent };
  if (have > 0) headers.range = `bytes=${have}-`;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, { method: 'GET', headers, dispatcher: options.dispatcher, signal: options.signal });
  } catch (error) {
    throw classifyTransportError(error, 'download', options.signal);
  }
  const { statusCode } = response;
  if (statusCode === 416) {
    await response.body.dump();
    const whole = Number(/bytes \*\/(\d+)/.exec(String(response.headers['content-range'] ?? ''))?.[1]);
    if (have === (knownTotal ?? whole)) return have;
    // A part file at least as long as the video is not this video's beginning: start over.
    await rm(partPath, { force: true });
    throw new WanError({ kind: 'network', summary: SERVICE_SUMMARIES.network, serviceMessage: 'the partial file did not fit the video; starting over', retryable: true });
  }
  if (statusCode !== 200 && statusCode !== 206) {
    let text = '';
    try {
      for await (const chunk of response.body) {
        if (text.length < 64 * 1024) text += Buffer.from(chunk as Uint8Array).toString('utf8');
      }
    } catch {
      // the error body is only a hint
    }
    throw ossError(statusCode, text, response.headers, options.clock.now());
  }
  const resumed = statusCode === 206;
  const length = Number(response.headers['content-length']);
  let total: number | undefined;
  if (resumed) {
    const range = /bytes (\d+)-(\d+)\/(\d+|\*)/.exec(String(response.headers['content-range'] ?? ''));
    if (!range || Number(range[1]) !== have) {
      await response.body.dump();
      await rm(partPath, { force: true });
      throw new WanError({ kind: 'network', summary: SERVICE_SUMMARIES.network, serviceMessage: 'the server resumed at the wrong offset', retryable: true });
    }
    total = range[3] === '*' ? undefined : Number(range[3]);
  } else {
    total = Number.isFinite(length) ? length : undefined;
  }
  if (knownTotal !== undefined && total !== undefined && total !== knownTotal) {
    await response.body.dump();
    await rm(partPath, { force: true });
    throw new WanError({ kind: 'network', summary: SERVICE_SUMMARIES.network, serviceMessage: 'the video changed size between attempts', retryable: true });
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
