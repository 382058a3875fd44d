import type { Dispatcher } from 'undici';
import { undici } from './api/undici';
import { downloadError, transportDownloadError } from './downloadErrors';

/** Result hosts hand the bytes to a CDN or an accelerated endpoint with a redirect; more hops than this is a loop. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface VideoFetchOptions {
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  userAgent: string;
  /** `bytes=N-` for a resume; sent on every hop, since the target is what honours it. */
  range?: string;
}

/**
 * GET of the video, following redirects by hand: at most MAX_REDIRECTS hops, http(s) targets only, a relative
 * Location resolved against the URL that sent it. Only the user agent and Range go out — never an Authorization
 * header or cookies, to any host. undici's redirect interceptor would follow too, but it cannot tell a loop from a
 * long chain, a missing Location from a bad one, or refuse `ftp:` with its own message, and each of those is a
 * different thing for the user to read.
 */
export async function fetchVideo(url: string, options: VideoFetchOptions): Promise<Dispatcher.ResponseData> {
  const seen = new Set<string>();
  let current = url;
  for (let hop = 0; ; hop++) {
    seen.add(current);
    const headers: Record<string, string> = { 'user-agent': options.userAgent };
    if (options.range) headers.range = options.range;
    let response: Dispatcher.ResponseData;
    try {
      response = await undici().request(current, { method: 'GET', headers, dispatcher: options.dispatcher, signal: options.signal });
    } catch (error) {
      throw transportDownloadError(error, options.signal);
    }
    if (!REDIRECT_STATUSES.has(response.statusCode)) return response;
    await response.body.dump();
    const location = response.headers.location;
    const target = Array.isArray(location) ? location[0] : location;
    if (!target) throw downloadError('redirect-without-location', `HTTP ${response.statusCode} without a Location header`);
    let next: URL;
    try {
      next = new URL(target, current);
    } catch {
      throw downloadError('redirect-bad-target', `Location is not a URL: ${target.slice(0, 200)}`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw downloadError('redirect-bad-target', `redirect to ${next.protocol} is refused (only http and https)`);
    }
    if (seen.has(next.href)) throw downloadError('redirect-loop', `redirect loop after ${hop + 1} hop(s)`);
    if (hop + 1 > MAX_REDIRECTS) throw downloadError('redirect-too-many', `more than ${MAX_REDIRECTS} redirects`);
    current = next.href;
  }
}
