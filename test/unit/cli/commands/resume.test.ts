import * as assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from '../../../../src/cli/args';
import { resume } from '../../../../src/cli/commands/resume';
import type { CliContext } from '../../../../src/cli/context';
import { EXIT } from '../../../../src/cli/exitCodes';
import { isWanError } from '../../../../src/core/errors/wanError';
import type { DashScopeClient, TaskListQuery } from '../../../../src/core/service/client';
import { CreateGate } from '../../../../src/core/service/createGate';
import { TaskQueryResponseSchema } from '../../../../src/core/service/schemas';
import { tempDir } from '../../../support/files';

function fakeStream() {
  const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/** A task list that knows `listed` (id → model); every poll finds the task `ending`. Every call is kept. */
function context(argv: string[], listed: Record<string, string>, ending = 'FAILED', zh = false) {
  const calls: Array<{ call: string; taskId?: string }> = [];
  const client = {
    baseUrl: 'https://dashscope.aliyuncs.com',
    async listTasks(query: TaskListQuery) {
      calls.push({ call: 'list', taskId: query.taskId });
      return { data: Object.entries(listed).map(([task_id, model_name]) => ({ task_id, model_name })) };
    },
    async getTask(taskId: string) {
      calls.push({ call: 'get', taskId });
      return TaskQueryResponseSchema.parse({ request_id: 'req-q', output: { task_id: taskId, task_status: ending, code: 'InternalError.Timeout', message: 'late' } });
    },
    async createTask() {
      calls.push({ call: 'create' });
      throw new Error('resume never creates');
    },
  } as unknown as DashScopeClient;
  const { values, positionals } = parseCommandLine(['resume', ...argv]);
  const stdout = fakeStream();
  const stderr = fakeStream();
  const ctx = {
    io: { stdout, stderr, env: {}, signal: new AbortController().signal }, values, positionals, zh, client, dispatcher: undefined, gate: new CreateGate(),
    say: (text: string) => stderr.write(`${text}\n`),
    localized: (error: { localized(locale: string, surface: 'cli'): string }) => error.localized(zh ? 'zh-cn' : 'en', 'cli'),
  } as unknown as CliContext;
  return { ctx, calls, stdout, stderr };
}

describe('resume <task-id> --out DIR', () => {
  it('without a task id or without --out: a usage error, no request and no folder made', async () => {
    const dir = await tempDir('wk-cli-resume-');
    const out = path.join(dir, 'out');
    for (const argv of [['--out', out], ['task-1']]) {
      const { ctx, calls } = context(argv, {});
      await assert.rejects(resume(ctx), UsageError);
      assert.equal(calls.length, 0, argv.join(' '));
    }
    await assert.rejects(resume(context(['task-1'], {}, 'FAILED', true).ctx), /resume 需要 --out DIR/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('looks the task up in the task list, polls it (never creating one) and reports how it ended: exit 4', async () => {
    const out = path.join(await tempDir('wk-cli-resume-'), 'videos');
    const { ctx, calls, stderr, stdout } = context(['task-1', '--out', out, '--json'], { 'task-0': 'wan2.7-i2v', 'task-1': 'wan2.2-kf2v-flash' });
    assert.equal(await resume(ctx), EXIT.taskEnded);
    assert.deepEqual(calls[0], { call: 'list', taskId: 'task-1' }, 'first the task list names its model');
    // Then it is polled (its own query once the shared watch's list does not show it live); nothing else is sent.
    assert.deepEqual(calls.filter((call) => call.call !== 'list'), [{ call: 'get', taskId: 'task-1' }]);
    assert.match(stderr.text, /^Generation failed: .*InternalError\.Timeout/m);
    assert.equal(stdout.text, '', 'no --json line without a video');
    assert.ok((await stat(out)).isDirectory());
  });

  it('a task canceled on the service ends the same way, in Chinese when asked', async () => {
    const out = await tempDir('wk-cli-resume-');
    const { ctx, stderr } = context(['task-2', '--out', out], { 'task-2': 'wan2.7-i2v' }, 'CANCELED', true);
    assert.equal(await resume(ctx), EXIT.taskEnded);
    assert.match(stderr.text, /^生成失败：任务已取消。/m);
  });

  it('a task the list does not know is not polled: a not-found error naming it is passed on to main', async () => {
    const out = await tempDir('wk-cli-resume-');
    const { ctx, calls } = context(['task-9', '--out', out], { 'task-1': 'wan2.2-kf2v-flash' });
    await assert.rejects(resume(ctx), (error) => isWanError(error) && error.kind === 'not-found' && error.taskId === 'task-9' && /task-9/.test(error.message));
    assert.deepEqual(calls.map((call) => call.call), ['list']);
  });
});
