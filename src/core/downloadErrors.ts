import type { Dispatcher } from 'undici';
import { SERVICE_SUMMARIES } from './api/serviceErrors';
import { classifyTransportError, retryAfterMs } from './api/transport';
import { type Bilingual, type ErrorKind, WanError } from './errors';

/**
 * What went wrong while fetching a finished video, said of the video host (a CDN or OSS), never of the service that
 * generated it: by the time a download fails the video exists, and a user who reads "could not generate" pays again.
 */
export const DOWNLOAD_SUMMARIES = {
  network: { en: 'The connection to the video host broke.', zh: '与视频存储主机的连接中断。' },
  timeout: { en: 'The video host did not answer in time.', zh: '视频存储主机未及时响应。' },
  server: { en: 'The video host had an error.', zh: '视频存储主机出错。' },
  'rate-limit': { en: 'The video host is throttling downloads.', zh: '视频存储主机正在限流。' },
  'url-expired': { en: 'The video link has expired (links live 24 hours); the video can no longer be downloaded.', zh: '视频链接已过期（有效期 24 小时），无法再下载该视频。' },
  'not-found': { en: 'The video host does not have the file at its link.', zh: '视频存储主机上找不到该链接对应的文件。' },
  access: { en: 'The video host refused the link.', zh: '视频存储主机拒绝了该链接。' },
  redirect: SERVICE_SUMMARIES.redirect,
  'not-a-video': SERVICE_SUMMARIES['not-a-video'],
} satisfies Partial<Record<ErrorKind, Bilingual>>;

export type DownloadProblem =
  | 'redirect-loop'
  | 'redirect-too-many'
  | 'redirect-without-location'
  | 'redirect-bad-target'
  | 'not-a-video'
  | 'truncated'
  | 'wrong-offset'
  | 'changed-size';

/** A failure below HTTP while fetching the video, said of the video host. */
export function transportDownloadError(error: unknown, signal: AbortSignal | undefined): WanError {
  const classified = classifyTransportError(error, 'download', signal);
  if (classified.kind !== 'network' && classified.kind !== 'timeout') return classified;
  return classified.with({ step: 'download', summary: DOWNLOAD_SUMMARIES[classified.kind] });
}

/** A download error of ours (not an HTTP status): the detail goes to `serviceMessage`, the kind says what to do. */
export function downloadError(problem: DownloadProblem, detail: string, extra: { code?: string; serviceMessage?: string } = {}): WanError {
  const kind: ErrorKind = problem.startsWith('redirect') ? 'redirect' : problem === 'not-a-video' ? 'not-a-video' : 'network';
  return new WanError({
    kind,
    step: 'download',
    summary: DOWNLOAD_SUMMARIES[kind as keyof typeof DOWNLOAD_SUMMARIES],
    code: extra.code,
    serviceMessage: extra.serviceMessage ? `${extra.serviceMessage} — ${detail}` : detail,
    // Truncation and a bad resume are worth an immediate retry; a loop or an error page is worth a later one.
    retryable: true,
  });
}

/** The error a video host's HTTP status says, with the code and message its XML or JSON body carries. */
export function videoHostError(status: number, body: string, headers: Dispatcher.ResponseData['headers'], now: number): WanError {
  const { code, message, requestId } = errorBodyFields(body);
  const id = requestId ?? (headers['x-oss-request-id'] as string | undefined);
  const expired = /expired/i.test(message ?? '') || /expired/i.test(code ?? '');
  const kind: keyof typeof DOWNLOAD_SUMMARIES =
    status === 403 && expired ? 'url-expired' : status === 429 ? 'rate-limit' : status >= 500 ? 'server' : status === 403 || status === 401 ? 'access' : 'not-found';
  return new WanError({
    kind,
    step: 'download',
    summary: DOWNLOAD_SUMMARIES[kind],
    status,
    code,
    serviceMessage: message ?? `HTTP ${status}`,
    requestId: id,
    // Worth a later retry while the link lives (a CDN that has not caught up, a refused edge); an expired link never.
    retryable: kind !== 'url-expired',
    retryAfterMs: retryAfterMs(headers['retry-after'], now),
  });
}

/** Code, message and request id from an OSS/CDN XML error or a JSON error body; any may be missing. */
export function errorBodyFields(body: string): { code?: string; message?: string; requestId?: string } {
  const trimmed = body.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
      const error = (parsed.error ?? {}) as Record<string, unknown>;
      return {
        code: text(parsed.code) ?? text(parsed.Code) ?? text(error.code),
        message: text(parsed.message) ?? text(parsed.Message) ?? text(error.message),
        requestId: text(parsed.request_id) ?? text(parsed.RequestId),
      };
    } catch {
      return {};
    }
  }
  const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(trimmed)?.[1]?.trim() || undefined;
  const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim() || undefined;
  return { code: field('Code'), message: field('Message') ?? title, requestId: field('RequestId') };
}
