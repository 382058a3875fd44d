import { type Bilingual, isChinese } from '../base/language';
import { redact } from '../../shared/redact';

/** What went wrong, in the terms a user acts on. One message per kind, in English and Simplified Chinese. */
export const ERROR_KINDS = [
  'auth',
  'region',
  'access',
  'quota',
  'budget',
  'arrears',
  'not-activated',
  'model-not-authorized',
  'retired',
  'workspace',
  'concurrency',
  'rate-limit',
  'moderation',
  'invalid-input',
  'not-found',
  'expired',
  'url-expired',
  'canceled',
  'task-failed',
  'server',
  'network',
  'timeout',
  'unconfirmed',
  'unexpected-response',
  'redirect',
  'not-a-video',
  'file-system',
  'internal',
  'aborted',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Where in a job it went wrong. `waiting` is the polling between submit and the task's end (the task may still be
 * running); `generation` is the task's own end (FAILED, CANCELED, expired).
 */
export const ERROR_STEPS = ['prepare', 'upload', 'submit', 'waiting', 'generation', 'download', 'saving'] as const;
export type ErrorStep = (typeof ERROR_STEPS)[number];

/** Each step as the opening words of a message; every message names its step. */
export const STEP_TEXT: Record<ErrorStep, Bilingual> = {
  prepare: { en: 'Checking the files failed', zh: '检查文件失败' },
  upload: { en: 'Upload failed', zh: '上传失败' },
  submit: { en: 'Submit failed', zh: '提交失败' },
  waiting: { en: 'Waiting for the task failed', zh: '等待任务失败' },
  generation: { en: 'Generation failed', zh: '生成失败' },
  download: { en: 'Download failed', zh: '下载失败' },
  saving: { en: 'Saving failed', zh: '保存失败' },
};

/** Where the user reads the message: the way back to a generated video differs between the editor and the CLI. */
export type Surface = 'editor' | 'cli';

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
  step?: ErrorStep;
  /** The task SUCCEEDED and its video waits on the service until this time (epoch ms; `video_url` lives 24 h). */
  videoKeptUntil?: number;
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
  readonly step: ErrorStep | undefined;
  readonly videoKeptUntil: number | undefined;
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
    this.step = init.step;
    this.videoKeptUntil = init.videoKeptUntil;
    this.summary = init.summary;
  }

  /**
   * The message in the user's language ('zh-cn', and any 'zh' locale, gets Chinese): the step that failed, what
   * happened, the service's code, and — when the video was already generated — how long it waits and how to get it.
   */
  localized(locale: string, surface: Surface = 'editor'): string {
    const zh = isChinese(locale);
    const summary = zh ? this.summary.zh : this.summary.en;
    const stepped = this.step && this.kind !== 'aborted' ? `${STEP_TEXT[this.step][zh ? 'zh' : 'en']}${zh ? '：' : ': '}${summary}` : summary;
    const text = describe(stepped, this.code, this.serviceMessage, this.requestId, zh);
    const note = this.videoWaiting() ? generatedNote(this.videoKeptUntil as number, surface, this.taskId, zh) : '';
    return note ? `${text} ${note}` : text;
  }

  /** The task succeeded and its video can still be fetched: the failure was ours or the video host's, not the model's. */
  videoWaiting(): boolean {
    return this.videoKeptUntil !== undefined && this.retryable && this.kind !== 'aborted';
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
      step: this.step,
      videoKeptUntil: this.videoKeptUntil,
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

/** The sentence that keeps a user from paying twice: the video exists, here is until when and how to fetch it. */
function generatedNote(until: number, surface: Surface, taskId: string | undefined, zh: boolean): string {
  const when = localTime(until);
  const command = `wan-keyframes resume ${taskId ?? '<task-id>'} --out DIR`;
  if (zh) {
    const how = surface === 'cli' ? `运行 ${command} 即可下载` : '点击“重新下载”即可获取';
    return `视频已生成，在服务端保留至 ${when}（任务结束后 24 小时）：${how}，无需重新生成。`;
  }
  const how = surface === 'cli' ? `get it with ${command}` : 'use Retry Download to get it';
  return `The video was generated and waits on the service until ${when} (24 h after the task ended): ${how}; there is no need to generate it again.`;
}

/** `YYYY-MM-DD HH:mm` in this machine's time zone, with its offset, so the deadline reads the same everywhere. */
export function localTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const zone = `UTC${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())} ${zone}`;
}

export const INTERNAL_SUMMARY: Bilingual = {
  en: 'Something went wrong inside Wan Keyframes (this is a bug). Show Log has the details; please report them.',
  zh: '万相首尾帧内部出错（这是一个程序缺陷）。“显示日志”中有详细信息，请反馈给我们。',
};

/**
 * A programming error (anything thrown that is not a WanError or a disk error): said as a bug, with what it was for
 * the log. Nothing the user can do about the files helps, so it offers no Save As — only the log.
 */
export function internalError(error: unknown): WanError {
  return new WanError({
    kind: 'internal',
    summary: INTERNAL_SUMMARY,
    serviceMessage: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    cause: error,
  });
}

export function isWanError(value: unknown): value is WanError {
  return value instanceof WanError;
}
