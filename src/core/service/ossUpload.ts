import { openAsBlob } from 'node:fs';
import type { Dispatcher } from 'undici';
import { KIND_SUMMARIES } from '../errors/summaries';
import { WanError } from '../errors/wanError';
import { errorBodyFields } from '../net/errorBody';
import { classifyTransportError, readText, retryAfterMs } from '../net/transport';
import { undici } from '../net/undici';
import type { UploadPolicy } from './schemas';
import { serviceError } from './serviceErrors';

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

/** OSS answers in XML: `<Error><Code>AccessDenied</Code><Message>…</Message><RequestId>…</RequestId></Error>`. */
export function ossError(status: number, body: string, headers: Dispatcher.ResponseData['headers'], now: number): WanError {
  const fields = errorBodyFields(body);
  const { code, message } = fields;
  const requestId = fields.requestId ?? (headers['x-oss-request-id'] as string | undefined);
  const expired = /expired/i.test(message ?? '') || /expired/i.test(code ?? '');
  if (status === 403 && expired) {
    return new WanError({ kind: 'url-expired', summary: KIND_SUMMARIES['url-expired'], status, code, serviceMessage: message, requestId });
  }
  // OSS codes (SlowDown, NoSuchKey, …) are not DashScope's: the HTTP status says what a retry can do.
  const error =
    status === 429
      ? new WanError({ kind: 'rate-limit', summary: KIND_SUMMARIES['rate-limit'], status, code, serviceMessage: message, requestId, retryable: true })
      : status >= 500
        ? new WanError({ kind: 'server', summary: KIND_SUMMARIES.server, status, code, serviceMessage: message, requestId, retryable: true })
        : serviceError({ status, code: code ? `OSS.${code}` : undefined, message, requestId });
  const wait = retryAfterMs(headers['retry-after'], now);
  return wait === undefined ? error : error.with({ retryAfterMs: wait });
}
