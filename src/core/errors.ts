import { redact } from './redact';

/** What went wrong, in the terms a user acts on. One message per kind, in English and Simplified Chinese. */
export type ErrorKind =
  | 'auth'
  | 'region'
  | 'access'
  | 'quota'
  | 'rate-limit'
  | 'moderation'
  | 'invalid-input'
  | 'not-found'
  | 'expired'
  | 'url-expired'
  | 'canceled'
  | 'task-failed'
  | 'server'
  | 'network'
  | 'timeout'
  | 'unconfirmed'
  | 'unexpected-response'
  | 'file-system'
  | 'aborted';

export interface Bilingual {
  en: string;
  zh: string;
}

export interface WanErrorInit {
  kind: ErrorKind;
  /** The sentence a user reads; the service's own code and message are appended by `describe`. */
  summary: Bilingual;
  status?: number;
  code?: string;
  serviceMessage?: string;
  requestId?: string;
  taskId?: string;
  retryable?: boolean;
  /** How long the service asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
  /** True only when the connection failed before any byte of the request was written. */
  requestNotSent?: boolean;
  cause?: unknown;
}

export class WanError extends Error {
  readonly kind: ErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly serviceMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly taskId: string | undefined;
  /** Whether sending the same request again can help (rate limits, 5xx, dropped connections). */
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly requestNotSent: boolean;
  readonly summary: Bilingual;

  constructor(init: WanErrorInit) {
    const serviceMessage = init.serviceMessage === undefined ? undefined : redact(init.serviceMessage).slice(0, 500);
    super(describe(init.summary.en, init.code, serviceMessage, init.requestId), { cause: init.cause });
    this.name = 'WanError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.serviceMessage = serviceMessage;
    this.requestId = init.requestId;
    this.taskId = init.taskId;
    this.retryable = init.retryable ?? false;
    this.retryAfterMs = init.retryAfterMs;
    this.requestNotSent = init.requestNotSent ?? false;
    this.summary = init.summary;
  }

  /** The message in the user's language: 'zh-cn' (and any 'zh' locale) gets Chinese, everything else English. */
  localized(locale: string): string {
    const zh = locale.toLowerCase().startsWith('zh');
    return describe(zh ? this.summary.zh : this.summary.en, this.code, this.serviceMessage, this.requestId, zh);
  }

  with(changes: Partial<WanErrorInit>): WanError {
    return new WanError({ ...this.init(), ...changes });
  }

  private init(): WanErrorInit {
    return {
      kind: this.kind,
      summary: this.summary,
      status: this.status,
      code: this.code,
      serviceMessage: this.serviceMessage,
      requestId: this.requestId,
      taskId: this.taskId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      requestNotSent: this.requestNotSent,
      cause: this.cause,
    };
  }
}

function describe(summary: string, code?: string, serviceMessage?: string, requestId?: string, zh = false): string {
  const parts = [summary];
  if (code || serviceMessage) parts.push(`(${[code, serviceMessage].filter(Boolean).join(': ')})`);
  if (requestId) parts.push(zh ? `[请求 ID ${requestId}]` : `[request ${requestId}]`);
  return parts.join(' ');
}

export function isWanError(value: unknown): value is WanError {
  return value instanceof WanError;
}
