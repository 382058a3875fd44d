import type { Dispatcher } from 'undici';
import { KIND_SUMMARIES } from '../errors/summaries';
import { errorBodyFields } from '../net/errorBody';
import { classifyTransportError, retryAfterMs } from '../net/transport';
import { type ErrorKind, WanError } from '../errors/wanError';
import type { Bilingual } from '../base/language';

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
  redirect: { en: 'The video link redirected in a way that cannot be followed.', zh: '视频链接的重定向无法跟随。' },
  'not-a-video': KIND_SUMMARIES['not-a-video'],
} satisfies Partial<Record<ErrorKind, Bilingual>>;

export type DownloadProblem =
  | 'not-a-video'
  | 'truncated'
  | 'wrong-offset'
  | 'changed-size';

/** A failure below HTTP while fetching the video, said of the video host. */
export function transportDownloadError(error: unknown, signal: AbortSignal | undefined): WanError {
  return asDownloadError(classifyTransportError(error, 'download', signal));
}

/** A fetch error (transport, redirect) said of the video host, at the download step; other errors as they are. */
export function asDownloadError(error: WanError): WanError {
  if (error.kind !== 'network' && error.kind !== 'timeout' && error.kind !== 'redirect') return error;
  return error.with({ step: 'download', summary: DOWNLOAD_SUMMARIES[error.kind] });
}

/** A download error of ours (not an HTTP status): the detail goes to `serviceMessage`, the kind says what to do. */
export function downloadError(problem: DownloadProblem, detail: string, extra: { code?: string; serviceMessage?: string } = {}): WanError {
  const kind: ErrorKind = problem === 'not-a-video' ? 'not-a-video' : 'network';
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
