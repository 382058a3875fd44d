import { UsageError } from '../args';
import type { CliContext } from '../context';
import { cliText } from '../messages';

/** The task id a command names as its first argument after the command. */
export function requireTaskId(context: CliContext, command: string): string {
  const taskId = context.positionals[1];
  if (!taskId) throw new UsageError(cliText('needsTaskId', context.zh, command));
  return taskId;
}
