import * as assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine, resolveEndpoint, UsageError } from '../../../../src/cli/args';
import { generate } from '../../../../src/cli/commands/generate';
import { type CliContext, languageOf } from '../../../../src/cli/context';
import { EXIT } from '../../../../src/cli/exitCodes';
import { DEFAULT_CLI_MODEL } from '../../../../src/cli/usage';
import type { ModelSpec } from '../../../../src/core/catalog/models';
import type { DashScopeClient } from '../../../../src/core/service/client';
import { CreateGate } from '../../../../src/core/service/createGate';
import { TaskQueryResponseSchema } from '../../../../src/core/service/schemas';
import { serviceError } from '../../../../src/core/service/serviceErrors';
import { tempDir, writeFramePair } from '../../../support/files';

function fakeStream() {
  const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/**
 * A service in memory: creates answer task-1, every poll finds it ended (`ending`, so no real wait), the upload
 * policy is refused. Every call is kept.
 */
function context(argv: string[], ending = 'FAILED', lang = 'en_US.UTF-8') {
  const calls: Array<{ call: string; spec?: ModelSpec; body?: Record<string, unknown>; model?: string }> = [];
  const client = {
    baseUrl: 'https://dashscope.aliyuncs.com',
    async createTask(spec: ModelSpec, body: Record<string, unknown>) {
      calls.push({ call: 'create', spec, body });
      return { request_id: 'req-1', output: { task_id: 'task-1', task_status: 'PENDING' } };
    },
    async getTask(taskId: string) {
      calls.push({ call: 'get' });
      return TaskQueryResponseSchema.parse({ request_id: 'req-2', output: { task_id: taskId, task_status: ending, code: 'InternalError.Timeout', message: 'late' } });
    },
    async getUploadPolicy(model: string) {
      calls.push({ call: 'policy', model });
      throw serviceError({ status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.' });
    },
    async listTasks() {
      calls.push({ call: 'list' });
      return { data: [] };
    },
  } as unknown as DashScopeClient;
  const env = { LANG: lang };
  const { locale, zh } = languageOf(env);
  const { values, positionals } = parseCommandLine(['generate', ...argv]);
  const stdout = fakeStream();
  const stderr = fakeStream();
  const io = { stdout, stderr, env, signal: new AbortController().signal };
  const ctx = {
    io, values, positionals, locale, zh, client, endpoint: resolveEndpoint(values, locale, zh), dispatcher: undefined, gate: new CreateGate(),
    say: (text: string) => stderr.write(`${text}\n`),
    localized: (error: { localized(locale: string, surface: 'cli'): string }) => error.localized(zh ? 'zh-cn' : 'en', 'cli'),
  } as unknown as CliContext;
  return { ctx, calls, stdout, stderr };
}

const frames = async () => writeFramePair(await tempDir('wk-cli-generate-'));

describe('generate', () => {
  it('without both frames, or with an upload mode other than oss or base64: a usage error and no request', async () => {
    for (const [argv, message] of [[['--first', 'a.png'], /--first and --last/], [['--first', 'a.png', '--last', 'b.png', '--upload', 'ftp'], /oss or base64/]] as const) {
      const { ctx, calls } = context([...argv]);
      await assert.rejects(generate(ctx), (error: unknown) => error instanceof UsageError && message.test(error.message));
      assert.equal(calls.length, 0);
    }
    await assert.rejects(generate(context(['--last', 'b.png'], 'FAILED', 'zh_CN.UTF-8').ctx), /generate 需要 --first 和 --last/);
  });

  it('every problem of the inputs is said on stderr, in the user\'s language; exit 2 and no request', async () => {
    const { first } = await frames();
    const missing = path.join(path.dirname(first), 'gone.png');
    for (const [lang, lines] of [['en_US.UTF-8', [/^Last frame: the file does not exist/m, /^Seed “-3”/m]], ['zh_CN.UTF-8', [/^尾帧：文件不存在/m, /^种子“-3”/m]]] as const) {
      const { ctx, calls, stdout, stderr } = context(['--first', first, '--last', missing, '--seed=-3'], 'FAILED', lang);
      assert.equal(await generate(ctx), EXIT.invalidInput);
      for (const line of lines) assert.match(stderr.text, line);
      assert.equal(stdout.text, '');
      assert.equal(calls.length, 0, 'nothing sent');
    }
  });

  it('base64: frames go inline with the defaults (kf2v-flash, prompt extension on, no watermark), no upload; a failed task exits 4 and says why', async () => {
    const { first, last } = await frames();
    const out = path.join(path.dirname(first), 'new', 'folder');
    const { ctx, calls, stderr } = context(['--first', first, '--last', last, '--upload', 'base64', '--prompt', 'dawn', '--out', out]);
    assert.equal(await generate(ctx), EXIT.taskEnded);
    // The task list is read besides (the run's shared watch, and what the account's recent tasks teach the ETA).
    assert.deepEqual(calls.map((call) => call.call).filter((call) => call !== 'list'), ['create', 'get']);
    const create = calls.find((call) => call.call === 'create');
    assert.equal(create?.spec?.id, DEFAULT_CLI_MODEL);
    const { seed, ...parameters } = (create?.body?.parameters ?? {}) as Record<string, unknown>;
    assert.deepEqual(parameters, { resolution: create?.spec?.defaultResolution, prompt_extend: true, watermark: false });
    assert.ok(Number.isInteger(seed) && (seed as number) >= 0 && (seed as number) <= 2_147_483_647, `no --seed: one is drawn and sent (${String(seed)})`);
    assert.match(JSON.stringify(create?.body?.input), /"first_frame_url":"data:image\/png;base64,.*"last_frame_url":"data:image\/png;base64,/);
    assert.match(stderr.text, /^task task-1$/m);
    assert.match(stderr.text, /InternalError\.Timeout/);
    assert.ok((await stat(out)).isDirectory(), '--out is made before the job starts');
  });

  it('each flag reaches the request: model, resolution, duration, seed, prompts, prompt extension and watermark', async () => {
    const { first, last } = await frames();
    const argv = ['--first', first, '--last', last, '--upload', 'base64', '--model', 'wan2.7-i2v', '--resolution', '1080P', '--duration', '3', '--seed', '7', '--no-prompt-extend', '--watermark', '--prompt', 'dusk', '--negative-prompt', 'blur'];
    const { ctx, calls } = context(argv, 'CANCELED');
    assert.equal(await generate(ctx), EXIT.taskEnded);
    const body = calls.find((call) => call.call === 'create')?.body as { model: string; input: Record<string, unknown>; parameters: Record<string, unknown> };
    assert.equal(body.model, 'wan2.7-i2v');
    assert.deepEqual([body.input.prompt, body.input.negative_prompt], ['dusk', 'blur']);
    assert.deepEqual(body.parameters, { resolution: '1080P', prompt_extend: false, watermark: true, seed: 7, duration: 3 });
  });

  it('uploads go through OSS by default: a refused upload policy exits 3 before any create, with no task to resume', async () => {
    const { first, last } = await frames();
    const { ctx, calls, stderr } = context(['--first', first, '--last', last]);
    assert.equal(await generate(ctx), EXIT.service);
    assert.ok(calls.some((call) => call.call === 'policy' && call.model === DEFAULT_CLI_MODEL), JSON.stringify(calls));
    assert.ok(!calls.some((call) => call.call === 'create'));
    assert.match(stderr.text, /^Upload failed: /m);
    assert.doesNotMatch(stderr.text, /task id/);
  });
});
