import * as z from 'zod';
import { MEDIA_ROLES, type MediaRole, ROLE } from '../../shared/mediaRoles';
import { deferredSchema } from '../../shared/deferredSchema';

/**
 * Every DashScope request body and response this tool sends or reads (dashscope-api.md). Tolerant where the
 * reference says UNCONFIRMED: unknown fields pass, numbers may be floats, `SR` may be a number or a string.
 */

const text = deferredSchema(() => z.string().max(100_000));
const id = deferredSchema(() => z.string().min(1).max(256));
/** Numbers that the docs call integers but real payloads send as floats, and sometimes as strings. */
const looseNumber = deferredSchema(() => z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/).transform(Number)]));

export const TERMINAL_STATUSES = new Set<string>(['SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN']);

// ---- request bodies -------------------------------------------------------------------------------------

export const ParametersSchema = deferredSchema(() => z.looseObject({
  resolution: z.string().optional(),
  duration: z.number().int().optional(),
  prompt_extend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  seed: z.number().int().min(0).max(2147483647).optional(),
  ratio: z.string().optional(),
  audio: z.boolean().optional(),
}));

export const MediaItemSchema = deferredSchema(() => z.object({
  type: z.enum(MEDIA_ROLES),
  url: z.string().min(1),
}));
export type MediaItem = z.infer<typeof MediaItemSchema>;

/** Wan 3.0 and wan2.7-i2v → POST …/services/aigc/video-generation/video-synthesis */
export const Wan27CreateBodySchema = deferredSchema(() => z.object({
  model: id,
  input: z.looseObject({
    prompt: z.string().nullable().optional(),
    negative_prompt: z.string().optional(),
    media: z.array(MediaItemSchema).min(1),
  }),
  parameters: ParametersSchema.optional(),
}));
export type Wan27CreateBody = z.infer<typeof Wan27CreateBodySchema>;

/** kf2v names its input fields after the roles: the one place a role becomes `<role>_url` (dashscope-api.md §3.1). */
export function kf2vField<R extends MediaRole>(role: R): `${R}_url` {
  return `${role}_url`;
}

/** kf2v → POST …/services/aigc/image2video/video-synthesis */
export const Kf2vCreateBodySchema = deferredSchema(() => z.object({
  model: id,
  input: z.looseObject({
    prompt: z.string().nullable().optional(),
    negative_prompt: z.string().optional(),
    [kf2vField(ROLE.first)]: z.string().min(1),
    [kf2vField(ROLE.last)]: z.string().min(1).optional(),
    template: z.string().optional(),
  }),
  parameters: ParametersSchema.optional(),
}));
export type Kf2vCreateBody = z.infer<typeof Kf2vCreateBodySchema>;

export type CreateBody = Wan27CreateBody | Kf2vCreateBody;

// ---- responses --------------------------------------------------------------------------------------------

/** HTTP-level error body: `{request_id, code, message}` (the Python SDK also reads `msg`). */
export const ErrorBodySchema = deferredSchema(() => z.looseObject({
  request_id: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  msg: z.string().optional(),
}));
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const CreateTaskResponseSchema = deferredSchema(() => z.looseObject({
  request_id: id,
  output: z.looseObject({ task_id: id, task_status: z.string() }),
}));
export type CreateTaskResponse = z.infer<typeof CreateTaskResponseSchema>;

export const UsageSchema = deferredSchema(() => z.looseObject({
  video_duration: looseNumber.optional(),
  video_count: looseNumber.optional(),
  video_ratio: z.string().optional(),
  SR: looseNumber.optional(),
  duration: looseNumber.optional(),
  input_video_duration: looseNumber.optional(),
  output_video_duration: looseNumber.optional(),
  fps: looseNumber.optional(),
  ratio: z.string().optional(),
}));
export type Usage = z.infer<typeof UsageSchema>;

export const TaskOutputSchema = deferredSchema(() => z.looseObject({
  task_id: id,
  task_status: z.string().max(64),
  submit_time: z.string().max(64).optional(),
  scheduled_time: z.string().max(64).optional(),
  end_time: z.string().max(64).optional(),
  video_url: z.string().max(8192).optional(),
  orig_prompt: text.optional(),
  actual_prompt: text.optional(),
  code: z.string().max(256).optional(),
  message: text.optional(),
}));

export const TaskQueryResponseSchema = deferredSchema(() => z
  .looseObject({
    request_id: id,
    output: TaskOutputSchema,
    usage: UsageSchema.nullable().optional(),
  })
  .refine((value) => value.output.task_status !== 'SUCCEEDED' || /^https?:\/\//.test(value.output.video_url ?? ''), {
    message: 'a SUCCEEDED task has an http(s) video_url',
    path: ['output', 'video_url'],
  }));
export type TaskQueryResponse = z.infer<typeof TaskQueryResponseSchema>;

export const CancelResponseSchema = deferredSchema(() => z.looseObject({ request_id: id }));

export const ListedTaskSchema = deferredSchema(() => z.looseObject({
  task_id: id,
  model_name: z.string().optional(),
  status: z.string().optional(),
  request_id: z.string().optional(),
  gmt_create: looseNumber.optional(),
  start_time: looseNumber.optional(),
  end_time: looseNumber.optional(),
  region: z.string().optional(),
}));
export const ListTasksResponseSchema = deferredSchema(() => z.looseObject({
  request_id: z.string().optional(),
  total: looseNumber.optional(),
  total_page: looseNumber.optional(),
  page_no: looseNumber.optional(),
  page_size: looseNumber.optional(),
  data: z.array(ListedTaskSchema).max(1000).default([]),
}));
export type ListTasksResponse = z.infer<typeof ListTasksResponseSchema>;
export type ListedTask = z.infer<typeof ListedTaskSchema>;

export const UploadPolicySchema = deferredSchema(() => z.looseObject({
  request_id: z.string().optional(),
  data: z.looseObject({
    policy: z.string().min(1),
    signature: z.string().min(1),
    upload_dir: z.string().min(1),
    upload_host: z.string().regex(/^https?:\/\//),
    expire_in_seconds: looseNumber,
    max_file_size_mb: looseNumber,
    capacity_limit_mb: looseNumber.optional(),
    oss_access_key_id: z.string().min(1),
    x_oss_object_acl: z.string(),
    x_oss_forbid_overwrite: z.union([z.string(), z.boolean()]).transform(String),
  }),
}));
export type UploadPolicy = z.infer<typeof UploadPolicySchema>['data'];

/** One model's limits in the quota API (addendum §A3); the account-wide and the workspace's share the shape. */
const ModelLimitSchema = deferredSchema(() => z.looseObject({
  request_limit: looseNumber.nullable().optional(),
  request_limit_period: looseNumber.nullable().optional(),
  async_user_queue_limit: looseNumber.nullable().optional(),
  async_user_concurrency_limit: looseNumber.nullable().optional(),
}));

export const QuotaListResponseSchema = deferredSchema(() => z.looseObject({
  request_id: z.string().optional(),
  success: z.boolean().nullable().optional(),
  code: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  output: z.looseObject({
    total: looseNumber.optional(),
    quotas: z.array(z.looseObject({ model: z.string(), workspace_id: z.string().nullable().optional(), model_limit: ModelLimitSchema.nullable().optional(), workspace_limit: ModelLimitSchema.nullable().optional() })).max(1000).default([]),
  }),
}));
export type QuotaListResponse = z.infer<typeof QuotaListResponseSchema>;
