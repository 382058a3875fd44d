import type { CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { requireTaskId } from './taskId';

/** `status <task-id>`: the task as the service says it (`--json`: the whole answer). */
export async function status(context: CliContext): Promise<number> {
  const taskId = requireTaskId(context, 'status');
  const response = await context.client.getTask(taskId, { signal: context.io.signal });
  if (context.values.json) context.io.stdout.write(`${JSON.stringify(response)}\n`);
  else {
    const output = response.output;
    context.io.stdout.write(`${output.task_id}  ${output.task_status}${output.code ? `  ${output.code}${output.message ? `: ${output.message}` : ''}` : ''}\n`);
  }
  return EXIT.saved;
}
