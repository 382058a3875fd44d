import type { Dispatcher } from 'undici';
import { WanError } from '../errors/wanError';
import { KIND_SUMMARIES } from '../errors/summaries';
import { undici } from './undici';

export interface TransportOptions {
  /** An explicit proxy (the extension passes VS Code's `http.proxy`); otherwise HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
  proxyUrl?: string;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  environment?: NodeJS.ProcessEnv;
}

export const DEFAULT_TIMEOUTS = { connectMs: 15_000, headersMs: 60_000, bodyMs: 120_000 };

/** One undici dispatcher per client: direct, through an explicit proxy, or through the environment's proxy. */
export function createDispatcher(options: TransportOptions = {}): Dispatcher {
  const connect = { timeout: options.connectTimeoutMs ?? DEFAULT_TIMEOUTS.connectMs };
  const timeouts = {
    headersTimeout: options.headersTimeoutMs ?? DEFAULT_TIMEOUTS.headersMs,
    bodyTimeout: options.bodyTimeoutMs ?? DEFAULT_TIMEOUTS.bodyMs,
  };
  const { Agent, EnvHttpProxyAgent, ProxyAgent } = undici();
  if (options.proxyUrl) return new ProxyAgent({ uri: options.proxyUrl, connect, ...timeouts });
  const env = options.environment ?? process.env;
  const hasEnvProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name]);
  if (hasEnvProxy) {
    return new EnvHttpProxyAgent({
      httpProxy: env.HTTP_PROXY ?? env.http_proxy,
      httpsProxy: env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy,
      noProxy: env.NO_PROXY ?? env.no_proxy,
      connect,
      ...timeouts,
    });
  }
  return new Agent({ connect, ...timeouts });
}

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A failure below HTTP, as a WanError that says whether the request can have reached the service. */
export function classifyTransportError(error: unknown, what: string, signal?: AbortSignal): WanError {
  if (signal?.aborted) return new WanError({ kind: 'aborted', summary: KIND_SUMMARIES.aborted, cause: error });
  const code = errorCode(error);
  const timedOut =
    code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || error instanceof undici().errors.HeadersTimeoutError;
  return new WanError({
    kind: timedOut ? 'timeout' : 'network',
    summary: timedOut ? KIND_SUMMARIES.timeout : KIND_SUMMARIES.network,
    serviceMessage: `${what}: ${code ?? (error instanceof Error ? error.message : String(error))}`,
    retryable: true,
    requestNotSent: code !== undefined && NOT_SENT_CODES.has(code),
    cause: error,
  });
}

/** An HTTP date as RFC 9110 writes it (`Sun, 06 Nov 1994 08:49:37 GMT`); anything else Date.parse reads is not one. */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (!HTTP_DATE.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Reads a response body as text, refusing more than `limit` bytes (a runaway body is an unexpected response). */
export async function readText(body: AsyncIterable<Uint8Array>, limit: number): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) return { text: '', tooLarge: true };
    chunks.push(Buffer.from(chunk));
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false };
}
