import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from '../../../../src/cli/args';
import { cancel } from '../../../../src/cli/commands/cancel';
import type { CliContext } from '../../../../src/cli/context';
import { EXIT } from '../../../../src/cli/exitCodes';
import type { DashScopeClient } from '../../../../src/core/service/client';
import { serviceError } from '../../../../src/core/service/serviceErrors';

function fakeStream() {
  const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/** A context whose client keeps each cancel asked for, and refuses it when `refusal` is given. */
function context(argv: string[], zh = false, refusal?: Error) {
  const canceled: Array<{ taskId: string; signal: AbortSignal | undefined }> = [];
  const signal = new AbortController().signal;
  const client = {
    async cancelTask(taskId: string, options: { signal?: AbortSignal } = {}) {
      canceled.push({ taskId, signal: options.signal });
      if (refusal) throw refusal;
      return { request_id: 'req-c' };
    },
  } as unknown as DashScopeClient;
  const stdout = fakeStream();
  const stderr = fakeStream();
  const { values, positionals } = parseCommandLine(argv);
  const ctx = { io: { stdout, stderr, env: {}, signal }, values, positionals, zh, client, say: (text: string) => stderr.write(`${text}\n`) } as unknown as CliContext;
  return { ctx, stdout, stderr, canceled, signal };
}

describe('cancel <task-id>', () => {
  it('cancels that task (interruptibly), says so on stderr and exits 0, with nothing on stdout', async () => {
    const { ctx, stdout, stderr, canceled, signal } = context(['cancel', 'task-1']);
    assert.equal(await cancel(ctx), EXIT.saved);
    assert.deepEqual(canceled.map((call) => call.taskId), ['task-1']);
    assert.equal(canceled[0]?.signal, signal, 'the CLI\'s interrupt signal');
    assert.equal(stderr.text, 'Canceled task-1\n');
    assert.equal(stdout.text, '');
  });

  it('says it in Chinese when the user reads Chinese', async () => {
    const { ctx, stderr } = context(['cancel', 'task-1'], true);
    await cancel(ctx);
    assert.equal(stderr.text, '已取消 task-1\n');
  });

  it('a refusal from the service is passed on (main reports it) and nothing claims the task was canceled', async () => {
    const refusal = serviceError({ status: 400, code: 'UnsupportedOperation', message: 'Only PENDING tasks can be canceled.', taskId: 'task-1' });
    const { ctx, stderr } = context(['cancel', 'task-1'], false, refusal);
    await assert.rejects(cancel(ctx), (error) => error === refusal);
    assert.equal(stderr.text, '');
  });

  it('without a task id: a usage error, and no request', async () => {
    const { ctx, canceled } = context(['cancel', '--json']);
    await assert.rejects(cancel(ctx), UsageError);
    assert.equal(canceled.length, 0);
  });
});
