import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TaskSource } from '../../../../src/core/service/client';
import { type TaskQueryResponse, TaskQueryResponseSchema } from '../../../../src/core/service/schemas';
import { serviceError } from '../../../../src/core/service/serviceErrors';
import { isWanError } from '../../../../src/core/errors/wanError';
import { pollDelayMs, pollTask, type PollSource } from '../../../../src/core/service/poll';
import { beijingTimeText } from '../../../../src/core/service/taskTimes';
import { quantile, type TaskTiming } from '../../../../src/core/service/timeDistribution';
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

  it('a task resumed long after its submit goes on where the SDK would be by now, not from its first 1 s polls', async () => {
    const time = virtualClock();
    await pollTask(scripted([status('RUNNING'), status('RUNNING'), status('SUCCEEDED', { video_url: 'https://example.test/v.mp4' })]), 't-r', { clock: time.clock, submittedAt: time.now() - 240_000 });
    assert.deepEqual(time.sleeps, [5_000, 5_000]);
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

  describe('with a learnt running time', () => {
    const MEDIAN = 300_000;
    const timing: TaskTiming = { running: { mu: Math.log(MEDIAN), sigma: 0.25 }, samples: 20, level: 'kind' };

    /** A task on the virtual clock: queued `queueMs`, then running until `finishMs` after its start; each query's time is kept. */
    function timed(time: ReturnType<typeof virtualClock>, queueMs: number, finishMs: number, startedAgoMs = 0): TaskSource & { at: number[] } {
      const submitted = time.now() - startedAgoMs;
      const source = {
        at: [] as number[],
        async getTask(taskId: string): Promise<TaskQueryResponse> {
          const elapsed = time.now() - submitted;
          source.at.push(elapsed);
          const output: Record<string, unknown> = { task_id: taskId, submit_time: beijingTimeText(submitted) };
          if (elapsed >= queueMs) output.scheduled_time = beijingTimeText(submitted + queueMs);
          output.task_status = elapsed < queueMs ? 'PENDING' : elapsed < queueMs + finishMs ? 'RUNNING' : 'SUCCEEDED';
          if (output.task_status === 'SUCCEEDED') output.video_url = 'https://example.test/v.mp4';
          return TaskQueryResponseSchema.parse({ request_id: `req-${source.at.length}`, output });
        },
      };
      return source;
    }

    it('polls sparsely before the learnt finish and densely around it, with fewer queries than the SDK and a short delay', async () => {
      const finish = 1.1 * MEDIAN;
      const learnt = virtualClock();
      const task = timed(learnt, 5_000, finish);
      await pollTask(task, 't-6', { clock: learnt.clock, timing });
      const sdk = virtualClock();
      const reference = timed(sdk, 5_000, finish);
      await pollTask(reference, 't-6', { clock: sdk.clock });
      const runningAt = (at: number[]) => at.map((ms) => ms - 5_000);
      const before = runningAt(task.at).filter((ms) => ms >= 0 && ms < 0.6 * MEDIAN).length;
      const around = runningAt(task.at).filter((ms) => ms >= 0.9 * MEDIAN && ms < 1.1 * MEDIAN).length;
      assert.ok(around / 60 > 4 * (before / 180), `${before} polls in the first 180 s of running, ${around} in the 60 s before the finish`);
      assert.ok(task.at.length < 0.7 * reference.at.length, `${task.at.length} queries against the SDK schedule's ${reference.at.length}`);
      const delay = (task.at.at(-1) as number) - 5_000 - finish;
      assert.ok(delay >= 0 && delay <= 3_000, `seen ${delay} ms after it finished`);
    });

    it('clocks from scheduled_time: a task resumed after running near its learnt finish is polled densely at once', async () => {
      const time = virtualClock();
      const task = timed(time, 2_000, MEDIAN + 20_000, MEDIAN);
      await pollTask(task, 't-7', { clock: time.clock, timing });
      assert.ok(time.sleeps.slice(0, 3).every((ms) => ms <= 5_000), `first waits ${time.sleeps.slice(0, 3).join(', ')} ms`);
    });

    it('never polls slower than 15 s once past the learnt p90, nor faster than once a second', async () => {
      const time = virtualClock();
      const task = timed(time, 0, 3 * MEDIAN);
      await pollTask(task, 't-8', { clock: time.clock, timing });
      const p90 = quantile(timing.running, 0.9);
      const late = task.at.slice(1).map((at, index) => ({ at: task.at[index] as number, gap: at - (task.at[index] as number) }));
      assert.ok(late.every(({ gap }) => gap >= 1000));
      assert.ok(late.filter(({ at }) => at > p90).every(({ gap }) => gap <= 15_000));
    });

    it('lands its waits where the source plans to ask anyway; a delayMs override wins over both', async () => {
      const aligned: Array<[string, number]> = [];
      const source: PollSource = {
        ...scripted([status('PENDING'), status('PENDING'), status('SUCCEEDED', { video_url: 'https://example.test/v.mp4' })]),
        alignDelay: (taskId: string, ms: number) => (aligned.push([taskId, ms]), 700),
      };
      const time = virtualClock();
      await pollTask(source, 't-9', { clock: time.clock });
      assert.deepEqual(aligned, [['t-9', 1000], ['t-9', 1000]], 'the SDK\'s first waits, handed to the source');
      assert.deepEqual(time.sleeps, [700, 700]);
      const overridden = virtualClock();
      await pollTask({ ...scripted([status('RUNNING'), status('SUCCEEDED', { video_url: 'https://example.test/v.mp4' })]), alignDelay: () => 1 }, 't-10', { clock: overridden.clock, delayMs: () => 40, timing });
      assert.deepEqual(overridden.sleeps, [40]);
    });
  });
});
