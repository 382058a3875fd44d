import type { Dispatcher } from 'undici';
import { asDownloadError } from './downloadErrors';
import { isWanError } from '../errors/wanError';
import { getFollowingRedirects } from '../net/followRedirects';

export interface VideoFetchOptions {
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  userAgent: string;
}

/**
 * One GET of the video, always from `url` itself (the signed `video_url`) and never from a redirect target: signed
 * CDN targets expire, so every request — a resume, each part of a parallel download — resolves the redirects again.
 */
export async function requestVideo(url: string, range: string | undefined, options: VideoFetchOptions): Promise<Dispatcher.ResponseData> {
  try {
    return await getFollowingRedirects(url, { dispatcher: options.dispatcher, signal: options.signal, userAgent: options.userAgent, range, what: 'download' });
  } catch (error) {
    throw isWanError(error) ? asDownloadError(error) : error;
  }
}

/** The first 64 KiB of an error body: enough for its code and message, bounded whatever the host sends. */
export async function bodyText(response: Dispatcher.ResponseData): Promise<string> {
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

/** Lets go of a body that will not be read, without waiting for a large one to arrive. */
export async function discardBody(response: Dispatcher.ResponseData): Promise<void> {
  await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
}
