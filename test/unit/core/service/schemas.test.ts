import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelResponseSchema,
  CreateTaskResponseSchema,
  ErrorBodySchema,
  Kf2vCreateBodySchema,
  ListTasksResponseSchema,
  TaskQueryResponseSchema,
  UploadPolicySchema,
  Wan27CreateBodySchema,
} from '../../../../src/core/service/schemas';

// Every example JSON in ../shared/docs/dashscope-api.md, verbatim, one test each.
describe('schemas accept every example in the API reference', () => {
  it('§3.1 kf2v create body', () => {
    const body = {
      model: 'wan2.2-kf2v-flash',
      input: {
        first_frame_url: 'https://wanx.alicdn.com/material/20250318/first_frame.png',
        last_frame_url: 'https://wanx.alicdn.com/material/20250318/last_frame.png',
        prompt: '写实风格，一只黑色小猫好奇地看向天空，镜头从平视逐渐上升，最后俯拍它的好奇的眼神。',
      },
      parameters: { resolution: '480P', prompt_extend: true },
    };
    assert.ok(Kf2vCreateBodySchema.safeParse(body).success);
  });

  it('§3.1 create response', () => {
    const parsed = CreateTaskResponseSchema.parse({ output: { task_status: 'PENDING', task_id: '0385dc79-5ff8-4d82-bcb6-xxxxxx' }, request_id: '4909100c-7b5a-9f92-bfe5-xxxxxx' });
    assert.equal(parsed.output.task_id, '0385dc79-5ff8-4d82-bcb6-xxxxxx');
  });

  it('§3.1 create error (top level, no output)', () => {
    const parsed = ErrorBodySchema.parse({ code: 'InvalidApiKey', message: 'No API-key provided.', request_id: '7438d53d-6eb8-4596-8835-xxxxxx' });
    assert.equal(parsed.code, 'InvalidApiKey');
    assert.equal(CreateTaskResponseSchema.safeParse(parsed).success, false);
  });

  it('§3.2 kf2v SUCCEEDED query', () => {
    const parsed = TaskQueryResponseSchema.parse({
      request_id: 'ec016349-6b14-9ad6-8009-xxxxxx',
      output: {
        task_id: '3f21a745-9f4b-4588-b643-xxxxxx',
        task_status: 'SUCCEEDED',
        submit_time: '2025-04-18 10:36:58.394',
        scheduled_time: '2025-04-18 10:37:13.802',
        end_time: '2025-04-18 10:45:23.004',
        video_url: 'https://dashscope-result-wlcb.oss-cn-wulanchabu.aliyuncs.com/xxx.mp4?xxxxx',
        orig_prompt: '写实风格，一只黑色小猫……',
        actual_prompt: '写实风格，一只黑色小猫……（rewritten, longer）',
      },
      usage: { video_duration: 5, video_count: 1, SR: 480 },
    });
    assert.equal(parsed.usage?.SR, 480);
  });

  it('§3.2 the SDK sample’s usage with video_ratio and no SR', () => {
    const parsed = TaskQueryResponseSchema.parse({
      request_id: 'r',
      output: { task_id: 't', task_status: 'SUCCEEDED', video_url: 'https://x/y.mp4' },
      usage: { video_count: 1, video_duration: 5, video_ratio: 'standard' },
    });
    assert.equal(parsed.usage?.video_ratio, 'standard');
  });

  it('§4.5 wan2.7 create body', () => {
    const body = {
      model: 'wan2.7-i2v-2026-04-25',
      input: {
        prompt: '写实风格,一只小黑猫好奇地仰望天空,镜头从平视角度逐渐升高,最后以俯视角度捕捉到它好奇的眼神。',
        media: [
          { type: 'first_frame', url: 'https://wanx.alicdn.com/material/20250318/first_frame.png' },
          { type: 'last_frame', url: 'https://wanx.alicdn.com/material/20250318/last_frame.png' },
        ],
      },
      parameters: { resolution: '720P', duration: 10, prompt_extend: false, watermark: true },
    };
    assert.ok(Wan27CreateBodySchema.safeParse(body).success);
  });

  it('§4.6 wan2.7 SUCCEEDED query', () => {
    const parsed = TaskQueryResponseSchema.parse({
      request_id: '2ca1c497-f9e0-449d-9a3f-xxxxxx',
      output: {
        task_id: 'af6efbc0-4bef-4194-8246-xxxxxx',
        task_status: 'SUCCEEDED',
        submit_time: '2025-09-25 11:07:28.590',
        scheduled_time: '2025-09-25 11:07:35.349',
        end_time: '2025-09-25 11:17:11.650',
        orig_prompt: '一幅都市奇幻艺术的场景……',
        video_url: 'https://dashscope-result-sh.oss-cn-shanghai.aliyuncs.com/xxx.mp4?Expires=xxx',
      },
      usage: { duration: 15, input_video_duration: 0, output_video_duration: 15, video_count: 1, SR: 720 },
    });
    assert.equal(parsed.usage?.output_video_duration, 15);
  });

  it('§4.6 tolerates float durations, string SR and extra usage keys', () => {
    const parsed = TaskQueryResponseSchema.parse({
      request_id: 'r',
      output: { task_id: 't', task_status: 'SUCCEEDED', video_url: 'https://x/y.mp4', new_field: { nested: true } },
      usage: { duration: 13.24, output_video_duration: 10.0, SR: '1080', ratio: '16:9', fps: 30, video_count: 1 },
    });
    assert.equal(parsed.usage?.SR, 1080);
    assert.equal(parsed.usage?.duration, 13.24);
  });

  it('§5 UNKNOWN after expiry', () => {
    const parsed = TaskQueryResponseSchema.parse({ request_id: 'a4de7c32-…', output: { task_id: '502a00b1-…', task_status: 'UNKNOWN' } });
    assert.equal(parsed.output.task_status, 'UNKNOWN');
  });

  it('§5 FAILED task with code and message', () => {
    const parsed = TaskQueryResponseSchema.parse({
      request_id: 'e5d70b02-ebd3-98ce-9fe8-759d7d7b107d',
      output: { task_id: '86ecf553-d340-4e21-af6e-a0c6a421c010', task_status: 'FAILED', code: 'InvalidParameter', message: 'The size is not match xxxxxx' },
    });
    assert.equal(parsed.output.code, 'InvalidParameter');
  });

  it('§5 refuses a SUCCEEDED task without a video URL', () => {
    assert.equal(TaskQueryResponseSchema.safeParse({ request_id: 'r', output: { task_id: 't', task_status: 'SUCCEEDED' } }).success, false);
  });

  it('§5.1 list tasks', () => {
    const parsed = ListTasksResponseSchema.parse({
      total: 2,
      data: [
        {
          api_key_id: '15xxxx',
          caller_parent_id: 'xxxxxxxxx',
          caller_uid: 'xxxxxxxxx',
          gmt_create: 1745568428109,
          model_name: 'wanx2.1-kf2v-plus',
          region: 'cn-beijing',
          request_id: '1abfc3c8-…',
          start_time: 1745568428138,
          status: 'RUNNING',
          task_id: '50e2ccea-…',
          user_api_unique_key: 'apikey:v1:aigc:image2video:video-synthesis:wanx2.1-kf2v-plus',
        },
      ],
      total_page: 1,
      page_no: 1,
      request_id: 'f6756b7e-…',
      page_size: 10,
    });
    assert.equal(parsed.data[0]?.gmt_create, 1745568428109);
  });

  it('§5.2 cancel success and the not-PENDING error', () => {
    assert.ok(CancelResponseSchema.safeParse({ request_id: 'f1a2b3c4-…' }).success);
    const error = ErrorBodySchema.parse({ code: 'UnsupportedOperation', message: 'Failed to cancel the task, please confirm if the task is in PENDING status.', request_id: 'x' });
    assert.equal(error.code, 'UnsupportedOperation');
  });

  it('§7.2 upload policy', () => {
    const parsed = UploadPolicySchema.parse({
      request_id: '52f4383a-c67d-9f8c-xxxxxx',
      data: {
        policy: 'eyJl...1ZSJ=',
        signature: 'eWy...=',
        upload_dir: 'dashscope-instant/xxx/2024-07-18/xxx',
        upload_host: 'https://dashscope-file-xxx.oss-cn-beijing.aliyuncs.com',
        expire_in_seconds: 300,
        max_file_size_mb: 100,
        capacity_limit_mb: 999999999,
        oss_access_key_id: 'LTA...',
        x_oss_object_acl: 'private',
        x_oss_forbid_overwrite: 'true',
      },
    });
    assert.equal(parsed.data.expire_in_seconds, 300);
  });

  it('§7.2 upload policy with the numeric fields as strings (the doc table types them so)', () => {
    const parsed = UploadPolicySchema.parse({
      data: {
        policy: 'p', signature: 's', upload_dir: 'd', upload_host: 'https://h', expire_in_seconds: '300', max_file_size_mb: '100',
        capacity_limit_mb: '999999999', oss_access_key_id: 'k', x_oss_object_acl: 'private', x_oss_forbid_overwrite: true,
      },
    });
    assert.equal(parsed.data.max_file_size_mb, 100);
    assert.equal(parsed.data.x_oss_forbid_overwrite, 'true');
  });

  it('§10.12 the Python SDK’s prompt: null and extend_prompt in input', () => {
    const body = { model: 'wan2.2-kf2v-flash', input: { prompt: null, extend_prompt: true, first_frame_url: 'oss://a', last_frame_url: 'oss://b' }, parameters: {} };
    assert.ok(Kf2vCreateBodySchema.safeParse(body).success);
  });
});
