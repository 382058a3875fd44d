import { openAsBlob } from 'node:fs';
import type { Dispatcher } from 'undici';
import { KIND_SUMMARIES } from '../errors/summaries';
import { WanError } from '../errors/wanError';
import { errorBodyFields } from '../net/errorBody';
import { classifyTransportError, readText, retryAfterMs } from '../net/transport';
import { undici } from '../net/undici';
import type { UploadPolicy } from './schemas';

/** A local file as the upload names it: its path, the object name under the policy's folder, its content type. */
export interface OssFile {
  path: string;
  objectName: string;
  contentType: string;
}

export interface OssUploadOptions {
  dispatcher: Dispatcher;
  userAgent: string;
  signal?: AbortSignal;
  now?: () => number;
}

const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/**
 * Multipart POST to the policy's OSS host (dashscope-api.md §7.3), the file streamed from disk and sent last (OSS
 * requires it). Returns the `oss://` URL the service resolves.
 */
export async function uploadToOss(policy: UploadPolicy, file: OssFile, options: OssUploadOptions): Promise<string> {
  const key = `${policy.upload_dir}/${file.objectName}`;
  const form = new (undici().FormData)();
  form.append('OSSAccessKeyId', policy.oss_access_key_id);
  form.append('Signature', policy.signature);
  form.append('policy', policy.policy);
  form.append('key', key);
  form.append('x-oss-object-acl', policy.x_oss_object_acl);
  form.append('x-oss-forbid-overwrite', policy.x_oss_forbid_overwrite);
  form.append('x-oss-content-type', file.contentType);
  form.append('success_action_status', '200');
  form.append('file', await openAsBlob(file.path, { type: file.contentType }), file.objectName);
  let response: Dispatcher.ResponseData;
  try {
    response = await undici().request(policy.upload_host, {
      method: 'POST',
      body: form,
      headers: { 'user-agent': options.userAgent, accept: 'application/json' },
      dispatcher: options.dispatcher,
      signal: options.signal,
    });
  } catch (error) {
    throw classifyTransportError(error, 'OSS upload', options.signal);
  }
  const { text } = await readText(response.body, MAX_ANSWER_BYTES).catch(() => ({ text: '' }));
  if (response.statusCode >= 200 && response.statusCode < 300) return `oss://${key}`;
  throw ossError(response.statusCode, text, response.headers, (options.now ?? Date.now)());
}

/** The storage host's answers to a temporary upload, said of the upload (not of the API key or a video link). */
export const UPLOAD_SUMMARIES = {
  refused: { en: 'The storage host refused the temporary upload.', zh: '存储主机拒绝了临时上传。' },
  expired: { en: 'The upload permission expired before the file was sent; a new one is asked for.', zh: '上传许可在文件发出前已过期，将重新申请。' },
  rejected: { en: 'The storage host rejected the file (too large, or not allowed by the upload policy).', zh: '存储主机拒收了该文件（过大，或上传策略不允许）。' },
};

/** OSS answers in XML: `<Error><Code>AccessDenied</Code><Message>…</Message><RequestId>…</RequestId></Error>`. */
export function ossError(status: number, body: string, headers: Dispatcher.ResponseData['headers'], now: number): WanError {
  const fields = errorBodyFields(body);
  const { message } = fields;
  const code = fields.code ? `OSS.${fields.code}` : undefined;
  const requestId = fields.requestId ?? (headers['x-oss-request-id'] as string | undefined);
  const expired = /expired/i.test(message ?? '') || /expired/i.test(code ?? '');
  const base = { status, code, serviceMessage: message, requestId };
  // OSS codes (SlowDown, NoSuchKey, …) are not DashScope's: the HTTP status says what a retry can do. Each attempt
  // of an upload asks for a fresh policy, so an expired or refused one is worth another.
  const error =
    status === 429
      ? new WanError({ kind: 'rate-limit', summary: KIND_SUMMARIES['rate-limit'], ...base, retryable: true })
      : status >= 500
        ? new WanError({ kind: 'server', summary: KIND_SUMMARIES.server, ...base, retryable: true })
        : status === 401 || status === 403
          ? new WanError({ kind: 'access', summary: expired ? UPLOAD_SUMMARIES.expired : UPLOAD_SUMMARIES.refused, ...base, retryable: true })
          : new WanError({ kind: 'invalid-input', summary: UPLOAD_SUMMARIES.rejected, ...base });
  const wait = retryAfterMs(headers['retry-after'], now);
  return wait === undefined ? error : error.with({ retryAfterMs: wait });
}
