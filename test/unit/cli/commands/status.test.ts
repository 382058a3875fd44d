import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from '../../../../src/cli/args';
import { status } from '../../../../src/cli/commands/status';
import type { CliContext } from '../../../../src/cli/context';
import { EXIT } from '../../../../src/cli/exitCodes';
import type { DashScopeClient } from '../../../../src/core/service/client';
import { type TaskQueryResponse, TaskQueryResponseSchema } from '../../../../src/core/service/schemas';

function fakeStream() {
  const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/** A context whose client answers `output` for any task, and keeps which tasks were asked for, with which signal. */
function context(argv: string[], output: Record<string, unknown> = {}) {
  const asked: Array<{ taskId: string; signal: AbortSignal | undefined }> = [];
  const signal = new AbortController().signal;
  const client = {
    async getTask(taskId: string, options: { signal?: AbortSignal } = {}): Promise<TaskQueryResponse> {
      asked.push({ taskId, signal: options.signal });
      return TaskQueryResponseSchema.parse({ request_id: 'req-1', output: { task_id: taskId, task_status: 'RUNNING', ...output }, usage: null });
    },
  } as unknown as DashScopeClient;
  const stdout = fakeStream();
  const stderr = fakeStream();
  const { values, positionals } = parseCommandLine(argv);
  const ctx = { io: { stdout, stderr, env: {}, signal }, values, positionals, zh: false, client, say: (text: string) => stderr.write(`${text}\n`) } as unknown as CliContext;
  return { ctx, stdout, stderr, asked, signal };
}

describe('status <task-id>', () => {
  it('asks the service for that task (interruptible) and prints its id and state on stdout, nothing on stderr', async () => {
    const { ctx, stdout, stderr, asked, signal } = context(['status', 'task-1']);
    assert.equal(await status(ctx), EXIT.saved);
    assert.deepEqual(asked.map((call) => call.taskId), ['task-1']);
    assert.equal(asked[0]?.signal, signal, 'the CLI\'s interrupt signal');
    assert.equal(stdout.text, 'task-1  RUNNING\n');
    assert.equal(stderr.text, '');
  });

  it('a failed task also shows the service\'s code and message', async () => {
    const { ctx, stdout } = context(['status', 'task-2'], { task_status: 'FAILED', code: 'DataInspectionFailed', message: 'Output may be inappropriate.' });
    await status(ctx);
    assert.equal(stdout.text, 'task-2  FAILED  DataInspectionFailed: Output may be inappropriate.\n');
  });

  it('--json prints the service\'s whole answer as one JSON line', async () => {
    const { ctx, stdout } = context(['status', 'task-3', '--json'], { submit_time: '2026-12-01 10:00:00.000' });
    await status(ctx);
    assert.equal(stdout.text.split('\n').length, 2, 'one line');
    const printed = JSON.parse(stdout.text) as TaskQueryResponse;
    assert.equal(printed.request_id, 'req-1');
    assert.equal(printed.output.task_id, 'task-3');
    assert.equal(printed.output.submit_time, '2026-12-01 10:00:00.000');
  });

  it('without a task id: a usage error, and no request', async () => {
    const { ctx, asked } = context(['status']);
    await assert.rejects(status(ctx), UsageError);
    assert.equal(asked.length, 0);
  });
});
