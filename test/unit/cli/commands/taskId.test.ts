import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from '../../../../src/cli/args';
import { requireTaskId } from '../../../../src/cli/commands/taskId';
import type { CliContext } from '../../../../src/cli/context';

const context = (argv: string[], zh = false) => ({ positionals: parseCommandLine(argv).positionals, zh }) as unknown as CliContext;

describe('the task id a command names', () => {
  it('is the argument right after the command, wherever the flags are', () => {
    assert.equal(requireTaskId(context(['status', 'task-1']), 'status'), 'task-1');
    assert.equal(requireTaskId(context(['resume', '--out', 'videos', 'task-2', 'extra']), 'resume'), 'task-2');
  });

  it('missing, it is a usage error naming the command, in the user\'s language', () => {
    const refused = (argv: string[], zh: boolean, message: RegExp) =>
      assert.throws(() => requireTaskId(context(argv, zh), argv[0] as string), (error: unknown) => error instanceof UsageError && message.test(error.message));
    refused(['cancel'], false, /^cancel needs a task id\.$/);
    refused(['status', '--json'], true, /^status 需要任务 ID。$/);
  });

  it('an empty argument is no task id either', () => {
    assert.throws(() => requireTaskId(context(['cancel', '']), 'cancel'), UsageError);
  });
});
