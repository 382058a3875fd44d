import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskSource } from '../../../../src/core/service/client';
import { type TaskQueryResponse, TaskQueryResponseSchema } from '../../../../src/core/service/schemas';
import { serviceError } from '../../../../src/core/service/serviceErrors';
import { isWanError } from '../../../../src/core/errors/wanError';
import { pollDelayMs, pollTask } from '../../../../src/core/service/poll';
import { virtualClock } from '../../../support/clocks';

type Answer = Record<string, unknown> | Error;

/** A task source that answers from a script, one entry per query, and counts the queries. */
function scripted(answers: Answer[]): TaskSource & { queries: number } {
  const source = {
    queries: 0,
    async getTask(taskId: string): Promise<TaskQueryResponse> {
      const answer = answers[Math.min(source.queries++, answers.length - 1)] as Answer;
      if (answer instanceof Error) throw answer;
      return TaskQueryResponseSchema.parse({ request_id: `req-${source.queries}`, output: { task_id: taskId, ...answer } });
    },
  };
  return source;
}

const status = (task_status: string, extra: Record<string, unknown> = {}) => ({ task_status, ...extra });
const busy = () => serviceError({ status: 503, code: 'ModelUnavailable', message: 'busy' });

describe('polling (a scripted task source, virtual time)', () => {
  it('starts no slower than the official SDKs: 1, 1, 2, 2, 2, 4, 4, 4, then 5 s', () => {
    assert.deepEqual(Array.from({ length: 12 }, (_, i) => pollDelayMs(i) / 1000), [1, 1, 2, 2, 2, 4, 4, 4, 5, 5, 5, 5]);
  });

  it('follows the schedule through PENDING and RUNNING, and returns the SUCCEEDED answer', async () => {
    const answers = [...Array(3).fill(status('PENDING')), ...Array(7).fill(status('RUNNING')), status('SUCCEEDED', { video_url: 'https://example.test/v.mp4' })];
    const source = scripted(answers);
    const time = virtualClock();
    const seen: string[] = [];
    const done = await pollTask(source, 't-1', { clock: time.clock, onUpdate: (response) => seen.push(response.output.task_status) });
    assert.equal(done.output.task_status, 'SUCCEEDED');
    assert.equal(source.queries, answers.length);
    assert.deepEqual(time.sleeps.map((ms) => ms / 1000), [1, 1, 2, 2, 2, 4, 4, 4, 5, 5], 'one wait after each unfinished answer, on the SDK schedule');
    assert.deepEqual(seen, answers.map((answer) => (answer as { task_status: string }).task_status));
  });

  it('a finished task needs one query and no wait', async () => {
    const source = scripted([status('SUCCEEDED', { video_url: 'https://example.test/v.mp4' })]);
    const time = virtualClock();
    await pollTask(source, 't-1', { clock: time.clock });
    assert.deepEqual([source.queries, time.sleeps.length], [1, 0]);
  });

  it('retries transient failures with backoff, counting only consecutive ones, and gives up with the task id', async () => {
    const time = virtualClock();
    const recovered = scripted([busy(), busy(), status('RUNNING'), busy(), status('SUCCEEDED', { video_url: 'https://example.test/v.mp4' })]);
    const done = await pollTask(recovered, 't-1', { clock: time.clock, random: () => 0.5, maxTransientFailures: 2 });
    assert.equal(done.output.task_status, 'SUCCEEDED');
    assert.deepEqual(time.sleeps, [750, 1500, 1000, 750], 'backoff 1 s then 2 s (jittered to three quarters), the schedule, backoff again');
    const down = scripted([busy()]);
    await assert.rejects(pollTask(down, 't-2', { clock: virtualClock().clock, maxTransientFailures: 3, random: () => 0.5 }), (error: unknown) => isWanError(error) && error.kind === 'server' && error.taskId === 't-2');
    assert.equal(down.queries, 4, 'three retries after the first failure');
  });

  it('FAILED, CANCELED and UNKNOWN end as the generation step with their own kinds', async () => {
    const cases: Array<[Answer, string]> = [
      [status('FAILED', { code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' }), 'moderation'],
      [status('FAILED', { code: 'InternalError.Timeout', message: 'late' }), 'task-failed'],
      [status('CANCELED'), 'canceled'],
      [status('UNKNOWN'), 'expired'],
    ];
    for (const [answer, kind] of cases) {
      await assert.rejects(pollTask(scripted([answer]), 't-3', { clock: virtualClock().clock }), (error: unknown) => isWanError(error) && error.kind === kind && error.step === 'generation' && error.taskId === 't-3');
    }
  });

  it('stops at once when aborted, and at its deadline with a resumable timeout', async () => {
    const controller = new AbortController();
    const source = scripted([status('PENDING')]);
    const time = virtualClock();
    const aborting = { ...time.clock, sleep: (ms: number, signal?: AbortSignal) => (controller.abort(new Error('stop')), time.clock.sleep(ms, signal)) };
    // Whatever the signal's reason, the wait ends as the typed `aborted` error (net/abort.ts pause).
    await assert.rejects(pollTask(source, 't-4', { clock: aborting, signal: controller.signal }), (error: unknown) => isWanError(error) && error.kind === 'aborted');
    assert.equal(source.queries, 1);
    const late = virtualClock();
    await assert.rejects(pollTask(scripted([status('RUNNING')]), 't-5', { clock: late.clock, deadlineMs: 60_000 }), (error: unknown) => isWanError(error) && error.kind === 'timeout' && error.taskId === 't-5' && error.retryable);
    assert.ok(late.now() - Date.UTC(2026, 11, 1) >= 60_000, 'it waited until the deadline, in virtual time');
  });
});
