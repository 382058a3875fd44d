import type { Dispatcher } from 'undici';
import { isWanError } from '../errors/wanError';
import { bufferSource, probeImage } from './imageProbe';
import type { ImageFacts } from './inspect';
import type { MediaRole } from '../../shared/mediaRoles';
import type { Problem } from './problems';
import { getFollowingRedirects } from '../net/followRedirects';

/** What is read of an image URL before the service is asked to fetch it: enough for every header we probe. */
export const REMOTE_PROBE_BYTES = 64 * 1024;
export const REMOTE_PROBE_TIMEOUT_MS = 10_000;

export interface RemoteProbeOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** True for what the user gave as an image URL rather than a path: the service fetches these itself. */
export function isImageUrl(value: string): boolean {
  return /^https?:\/\//i.test(value.trim());
}

/** The file name a URL shows as (its last path segment), for titles, names and sidecars. */
export function urlFileName(url: string): string {
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    return segment ? decodeURIComponent(segment) : new URL(url).hostname;
  } catch {
    return url.slice(0, 80);
  }
}

/** The total size a 200 or 206 answer declares: Content-Range's `/N`, else Content-Length of a whole body. */
function declaredSize(response: Dispatcher.ResponseData): number | undefined {
  const range = response.headers['content-range'];
  const total = /\/(\d+)\s*$/.exec(Array.isArray(range) ? (range[0] ?? '') : (range ?? ''))?.[1];
  if (total) return Number(total);
  const length = response.headers['content-length'];
  const value = Number(Array.isArray(length) ? length[0] : length);
  return response.statusCode === 200 && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Checks an image URL like a local file, reading at most REMOTE_PROBE_BYTES within the timeout: http(s) only,
 * redirects followed by hand and no credentials sent (net/followRedirects.ts). The bytes read come back for a thumbnail.
 */
export async function inspectRemoteImage(url: string, role: MediaRole, options: RemoteProbeOptions): Promise<{ facts?: ImageFacts; head?: Uint8Array; problems: Problem[] }> {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { problems: [{ code: 'url-invalid', role, value: url.slice(0, 200) }] };
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) {
    return { problems: [{ code: 'url-invalid', role, value: url.slice(0, 200) }] };
  }
  const timeout = AbortSignal.timeout(options.timeoutMs ?? REMOTE_PROBE_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await getFollowingRedirects(parsed.href, { dispatcher: options.dispatcher, userAgent: options.userAgent, range: `bytes=0-${REMOTE_PROBE_BYTES - 1}`, signal, what: 'image URL' });
    if (response.statusCode !== 200 && response.statusCode !== 206) {
      await response.body.dump().catch(() => undefined);
      return { problems: [{ code: 'url-status', role, status: response.statusCode }] };
    }
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      received += (chunk as Buffer).length;
      if (received >= REMOTE_PROBE_BYTES) break;
    }
    response.body.destroy();
    const head = Buffer.concat(chunks).subarray(0, REMOTE_PROBE_BYTES);
    const size = declaredSize(response) ?? head.length;
    // The probe sees the first bytes; a header that points past them reads as missing, which only PNG's tRNS scan does.
    const probe = await probeImage({ ...bufferSource(head), size });
    return { facts: { kind: 'image', path: parsed.href, bytes: size, mtimeMs: 0, probe, remote: true }, head, problems: [] };
  } catch (error) {
    // The user stopped: that is not a problem with the URL.
    if (options.signal?.aborted) throw error;
    const detail = timeout.aborted ? `no answer in ${Math.round((options.timeoutMs ?? REMOTE_PROBE_TIMEOUT_MS) / 1000)} s` : isWanError(error) ? (error.serviceMessage ?? error.kind) : error instanceof Error ? error.message : String(error);
    return { problems: [{ code: 'url-unreachable', role, detail: detail.slice(0, 200) }] };
  }
}
