import type { Dispatcher } from 'undici';
import { KIND_SUMMARIES } from '../errors/summaries';
import { WanError } from '../errors/wanError';
import { classifyTransportError } from './transport';
import { undici } from './undici';

/** Result and image hosts hand the bytes to a CDN or an accelerated endpoint with a redirect; more hops is a loop. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FollowOptions {
  dispatcher: Dispatcher;
  signal?: AbortSignal;
  userAgent: string;
  /** `bytes=N-` or `bytes=A-B`; sent on every hop, since the target is what honours it. */
  range?: string;
  /** Names the request in a transport error's detail (`download`, `image URL`…). */
  what?: string;
}

/** A redirect that cannot be followed; the caller says it in its own words (a video link, an image URL). */
export function redirectError(detail: string): WanError {
  return new WanError({ kind: 'redirect', summary: KIND_SUMMARIES.redirect, serviceMessage: detail, retryable: true });
}

/**
 * GET that follows redirects by hand: at most MAX_REDIRECTS hops, http(s) targets only, a relative Location resolved
 * against the URL that sent it. Only the user agent and Range go out — never an Authorization header or cookies, to
 * any host. undici's redirect interceptor would follow too, but it cannot tell a loop from a long chain, a missing
 * Location from a bad one, or refuse `ftp:` with its own message, and each of those is a different thing to read.
 * The video download and the image-URL check both use it.
 */
export async function getFollowingRedirects(url: string, options: FollowOptions): Promise<Dispatcher.ResponseData> {
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
      throw classifyTransportError(error, options.what ?? 'GET', options.signal);
    }
    if (!REDIRECT_STATUSES.has(response.statusCode)) return response;
    await response.body.dump();
    const location = response.headers.location;
    const target = Array.isArray(location) ? location[0] : location;
    if (!target) throw redirectError(`HTTP ${response.statusCode} without a Location header`);
    let next: URL;
    try {
      next = new URL(target, current);
    } catch {
      throw redirectError(`Location is not a URL: ${target.slice(0, 200)}`);
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw redirectError(`redirect to ${next.protocol} is refused (only http and https)`);
    }
    if (seen.has(next.href)) throw redirectError(`redirect loop after ${hop + 1} hop(s)`);
    if (hop + 1 > MAX_REDIRECTS) throw redirectError(`more than ${MAX_REDIRECTS} redirects`);
    current = next.href;
  }
}
