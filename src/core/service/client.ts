import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { WanError } from '../errors/wanError';
import { beijingCompact } from '../base/serviceTime';
import type { ModelSpec } from '../catalog/models';
import {
  CancelResponseSchema,
  type CreateBody,
  CreateTaskResponseSchema,
  type CreateTaskResponse,
  ErrorBodySchema,
  type ListTasksResponse,
  ListTasksResponseSchema,
  type QuotaListResponse,
  QuotaListResponseSchema,
  type TaskQueryResponse,
  TaskQueryResponseSchema,
  type UploadPolicy,
  UploadPolicySchema,
} from './schemas';
import { serviceError } from './serviceErrors';
import { KIND_SUMMARIES } from '../errors/summaries';
import { classifyTransportError, createDispatcher, readText, retryAfterMs, type TransportOptions } from '../net/transport';
import { type OssFile, uploadToOss } from './ossUpload';
import { undici } from '../net/undici';

export interface ClientOptions extends TransportOptions {
  /** Host without `/api/v1` (a region's host, a workspace host, or the local simulator). */
  baseUrl: string;
  /** Where temporary uploads go when `baseUrl` (a workspace host) refuses the policy call: the region's shared host. */
  uploadFallbackBaseUrl?: string;
  apiKey: string;
  userAgent: string;
  dispatcher?: Dispatcher;
  now?: () => number;
  /** Told of every API answer (method, path without query, status, request id, time taken), for the log. */
  onResponse?: (info: { method: string; path: string; status: number; requestId: string | undefined; ms: number }) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export type TaskListQuery = { taskId?: string; modelName?: string; startTime?: Date; endTime?: Date; status?: string; pageNo?: number; pageSize?: number };

/** What polling needs of the service: one task's state. */
export interface TaskSource {
  getTask(taskId: string, options?: CallOptions): Promise<TaskQueryResponse>;
}

/** What submitting needs: a create, and the task list to look in when a create's answer is lost. */
export interface TaskCreator {
  createTask(model: ModelSpec, body: CreateBody, options?: CallOptions): Promise<CreateTaskResponse>;
  listTasks(query: TaskListQuery, options?: CallOptions): Promise<ListTasksResponse>;
}

const MAX_JSON_BYTES = 2 * 1024 * 1024;

/**
 * The DashScope HTTP client: one method per documented call. Every response is parsed with zod; every failure
 * is a WanError; transport failures say whether the request can have left the machine (`requestNotSent`).
 */
export class DashScopeClient implements TaskSource, TaskCreator {
  private readonly dispatcher: Dispatcher;
  private readonly apiBase: string;
  private readonly now: () => number;

  constructor(private readonly options: ClientOptions) {
    this.dispatcher = options.dispatcher ?? createDispatcher(options);
    this.apiBase = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
    this.now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /**
   * Which account the client speaks for, as a short hash of its key (never the key): tasks of one account can share a
   * task-list call, tasks of another key cannot (its list and queries would not see them).
   */
  get account(): string {
    return createHash('sha256').update(this.options.apiKey).digest('hex').slice(0, 16);
  }

  async close(): Promise<void> {
    if (!this.options.dispatcher) await this.dispatcher.close();
  }

  /** POST the create call. A transport WanError with `requestNotSent: false` means the outcome is unknown. */
  async createTask(model: ModelSpec, body: CreateBody, options: CallOptions = {}): Promise<CreateTaskResponse> {
    const usesOss = JSON.stringify(body).includes('"oss://');
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-dashscope-async': 'enable',
    };
    if (usesOss) headers['x-dashscope-ossresourceresolve'] = 'enable';
    return this.json('POST', `/services/aigc/${model.route}/video-synthesis`, CreateTaskResponseSchema, {
      headers,
      body: JSON.stringify(body),
      signal: options.signal,
    });
  }

  async getTask(taskId: string, options: CallOptions = {}): Promise<TaskQueryResponse> {
    return this.json('GET', `/tasks/${encodeURIComponent(taskId)}`, TaskQueryResponseSchema, { signal: options.signal });
  }

  async cancelTask(taskId: string, options: CallOptions = {}): Promise<{ request_id: string }> {
    return this.json('POST', `/tasks/${encodeURIComponent(taskId)}/cancel`, CancelResponseSchema, { signal: options.signal });
  }

  /** Lists tasks; times are `YYYYMMDDhhmmss` in UTC+8, the window at most 24 h (dashscope-api.md §5.1). */
  async listTasks(query: TaskListQuery, options: CallOptions = {}): Promise<ListTasksResponse> {
    const params = new URLSearchParams();
    if (query.taskId) params.set('task_id', query.taskId);
    if (query.modelName) params.set('model_name', query.modelName);
    if (query.startTime) params.set('start_time', beijingCompact(query.startTime));
    if (query.endTime) params.set('end_time', beijingCompact(query.endTime));
    if (query.status) params.set('status', query.status);
    params.set('page_no', String(query.pageNo ?? 1));
    params.set('page_size', String(query.pageSize ?? 50));
    return this.json('GET', `/tasks?${params.toString()}`, ListTasksResponseSchema, { signal: options.signal });
  }

  /**
   * The account's limits for one model (addendum §A3). The docs disagree on the path: `/quotas` first, and
   * `/models/limits` when that one is not there (404).
   */
  async getModelLimits(model: string, options: CallOptions = {}): Promise<QuotaListResponse> {
    const query = `model=${encodeURIComponent(model)}&page_no=1&page_size=20`;
    try {
      return await this.json('GET', `/quotas?${query}`, QuotaListResponseSchema, { signal: options.signal });
    } catch (error) {
      if (!(error instanceof WanError) || error.status !== 404) throw error;
      return this.json('GET', `/models/limits?${query}`, QuotaListResponseSchema, { signal: options.signal });
    }
  }

  /**
   * The temporary-upload policy, from the configured host; when that host answers no (a workspace host whose
   * uploads are not documented, addendum §A2) and a fallback is configured, from the region's shared host instead.
   * Files bind to the account and the model, not to the host that issued the policy.
   */
  async getUploadPolicy(modelId: string, options: CallOptions = {}): Promise<UploadPolicy> {
    const path = `/uploads?action=getPolicy&model=${encodeURIComponent(modelId)}`;
    const init = { signal: options.signal, headers: { 'content-type': 'application/json' } };
    try {
      return (await this.json('GET', path, UploadPolicySchema, init)).data;
    } catch (error) {
      const fallback = this.options.uploadFallbackBaseUrl;
      if (!fallback || !(error instanceof WanError) || error.status === undefined || error.status < 400) throw error;
      return (await this.json('GET', path, UploadPolicySchema, init, `${fallback.replace(/\/+$/, '')}/api/v1`)).data;
    }
  }

  /**
   * Uploads a file to the policy's OSS host (ossUpload.ts) with this client's connection and user agent; returns
   * the `oss://` URL the service resolves.
   */
  uploadToOss(policy: UploadPolicy, file: OssFile, options: CallOptions = {}): Promise<string> {
    return uploadToOss(policy, file, { dispatcher: this.dispatcher, userAgent: this.options.userAgent, signal: options.signal, now: this.now });
  }

  private async json<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    init: { headers?: Record<string, string>; body?: string; signal?: AbortSignal | undefined },
    apiBase = this.apiBase,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      accept: 'application/json; charset=utf-8',
      'user-agent': this.options.userAgent,
      ...init.headers,
    };
    let response: Dispatcher.ResponseData;
    const started = this.now();
    try {
      response = await undici().request(`${apiBase}${path}`, {
        method,
        headers,
        body: init.body,
        dispatcher: this.dispatcher,
        signal: init.signal,
      });
    } catch (error) {
      throw classifyTransportError(error, `${method} ${path.split('?')[0]}`, init.signal);
    }
    let text: string;
    try {
      const read = await readText(response.body, MAX_JSON_BYTES);
      if (read.tooLarge) {
        response.body.destroy();
        throw unexpected(`the body of ${path.split('?')[0]} is larger than ${MAX_JSON_BYTES} bytes`, requestIdHeader(response));
      }
      text = read.text;
    } catch (error) {
      if (error instanceof WanError) throw error;
      throw classifyTransportError(error, `reading ${method} ${path.split('?')[0]}`, init.signal);
    }
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(text);
    } catch {
      parsedJson = undefined;
    }
    this.options.onResponse?.({ method, path: path.split('?')[0] as string, status: response.statusCode, requestId: requestIdOf(parsedJson) ?? requestIdHeader(response), ms: this.now() - started });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const body = ErrorBodySchema.safeParse(parsedJson);
      const error = serviceError({
        status: response.statusCode,
        code: body.success ? body.data.code : undefined,
        message: body.success ? (body.data.message ?? body.data.msg) : text.slice(0, 300) || undefined,
        requestId: (body.success && body.data.request_id ? body.data.request_id : undefined) ?? requestIdHeader(response),
      });
      throw withRetryAfter(error, retryAfterMs(response.headers['retry-after'], this.now()));
    }
    const result = schema.safeParse(parsedJson);
    if (!result.success) {
      const requestId = requestIdOf(parsedJson) ?? requestIdHeader(response);
      const issue = result.error.issues[0];
      throw unexpected(
        parsedJson === undefined ? 'the body is not JSON' : `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
        requestId,
      );
    }
    return result.data;
  }
}

function withRetryAfter(error: WanError, delayMs: number | undefined): WanError {
  return delayMs === undefined ? error : error.with({ retryAfterMs: delayMs });
}

function unexpected(detail: string, requestId: string | undefined): WanError {
  return new WanError({ kind: 'unexpected-response', summary: KIND_SUMMARIES['unexpected-response'], serviceMessage: detail, requestId });
}

function requestIdOf(value: unknown): string | undefined {
  if (value && typeof value === 'object' && typeof (value as { request_id?: unknown }).request_id === 'string') {
    const id = (value as { request_id: string }).request_id.slice(0, 128);
    return id === '' ? undefined : id;
  }
  return undefined;
}

function requestIdHeader(response: Dispatcher.ResponseData): string | undefined {
  const header = response.headers['x-request-id'] ?? response.headers['x-dashscope-request-id'];
  return Array.isArray(header) ? header[0] : header;
}
