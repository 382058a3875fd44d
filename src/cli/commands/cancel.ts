import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { cliText } from '../messages';
import { requireTaskId } from './taskId';

/** `cancel <task-id>`: only a PENDING task can be canceled; the service says so otherwise. */
export async function cancel(context: CliContext): Promise<number> {
  const taskId = requireTaskId(context, 'cancel');
  await context.client.cancelTask(taskId, { signal: context.io.signal });
  context.say(cliText('canceled', context.zh, taskId));
  return EXIT.saved;
}
