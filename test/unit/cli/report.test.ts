import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../../src/cli/args';
import type { CliContext } from '../../../src/cli/context';
import { EXIT } from '../../../src/cli/exitCodes';
import { runAndReport } from '../../../src/cli/report';
import { WanError } from '../../../src/core/errors/wanError';
import type { JobEvent, JobResult } from '../../../src/core/job/jobDeps';
import { jobRecord } from '../../support/fixtures/records';

function fakeStream(isTTY = false) {
  const stream = { isTTY, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

/** Just what runAndReport reads of a context: the streams, the language, --json. */
function context(argv: string[] = [], zh = false, isTTY = false) {
  const stdout = fakeStream();
  const stderr = fakeStream(isTTY);
  const ctx = {
    io: { stdout, stderr },
    values: parseCommandLine(argv).values,
    zh,
    say: (text: string) => stderr.write(`${text}\n`),
    localized: (error: WanError) => error.localized(zh ? 'zh-cn' : 'en', 'cli'),
  } as unknown as CliContext;
  return { ctx, stdout, stderr };
}

const RESULT: JobResult = { record: jobRecord('job-1', 'saved', { wireModel: 'wan2.7-i2v' }), videoPath: '/videos/a-to-b.mp4', sidecarPath: '/videos/a-to-b.json', usage: { video_duration: 5 }, taskId: 'task-1' };
const failure = (extra: Partial<ConstructorParameters<typeof WanError>[0]> = {}) => new WanError({ kind: 'network', summary: { en: 'The connection dropped.', zh: '连接中断。' }, ...extra });

describe('runAndReport: one job, then where its video is or why not', () => {
  it('a saved video: exit 0, "Saved <path>" on stderr and nothing on stdout without --json', async () => {
    const { ctx, stdout, stderr } = context();
    assert.equal(await runAndReport(ctx, async () => RESULT), EXIT.saved);
    assert.equal(stderr.text, `Saved ${RESULT.videoPath}\n`);
    assert.equal(stdout.text, '');
  });

  it('--json adds one line on stdout: video, sidecar, task, the model as sent, the usage, seed and inputs key (null when absent)', async () => {
    const { ctx, stdout } = context(['--json']);
    await runAndReport(ctx, async () => RESULT);
    assert.deepEqual(JSON.parse(stdout.text), { video: RESULT.videoPath, sidecar: RESULT.sidecarPath, taskId: RESULT.taskId, model: RESULT.record.wireModel, usage: RESULT.usage, seed: RESULT.record.parameters?.seed ?? null, inputsKey: null });
    const bare = context(['--json']);
    await runAndReport(bare.ctx, async () => ({ ...RESULT, sidecarPath: undefined, usage: undefined }));
    const line = JSON.parse(bare.stdout.text) as Record<string, unknown>;
    assert.equal(line.sidecar, null);
    assert.equal(line.usage, null);
  });

  it('passes the job\'s events to the progress line', async () => {
    const { ctx, stderr } = context();
    await runAndReport(ctx, async (onEvent: (event: JobEvent) => void) => {
      onEvent({ type: 'submitted', taskId: 'task-9', requestId: undefined, recovered: false });
      return RESULT;
    });
    assert.match(stderr.text, /^task task-9$/m);
  });

  it('a failed download: exit 5, the message in the user\'s language and how to resume it, nothing on stdout', async () => {
    const { ctx, stdout, stderr } = context(['--json'], true);
    const code = await runAndReport(ctx, async () => {
      throw failure({ step: 'download', taskId: 'task-3' });
    });
    assert.equal(code, EXIT.download);
    assert.match(stderr.text, /下载失败：连接中断。/);
    assert.ok(stderr.text.includes('wan-keyframes resume task-3 --out DIR'), stderr.text);
    assert.equal(stdout.text, '');
  });

  it('an error without a task id is hinted with the task the job submitted; before any task, with none', async () => {
    const submitted = context();
    await runAndReport(submitted.ctx, async (onEvent) => {
      onEvent({ type: 'submitted', taskId: 'task-5', requestId: undefined, recovered: false });
      throw failure({ kind: 'aborted' });
    });
    assert.match(submitted.stderr.text, /^task id: task-5 \(continue with: wan-keyframes resume task-5 --out DIR\)$/m);
    const early = context();
    assert.equal(await runAndReport(early.ctx, async () => Promise.reject(failure({ step: 'upload' }))), EXIT.service);
    assert.doesNotMatch(early.stderr.text, /task id/);
  });

  // which `resume` cannot turn into a video; the usage text calls only 5 and 130 resumable.
  it('a task that ended on the service (exit 4) is not offered a resume that cannot succeed', async () => {
    const { ctx, stderr } = context();
    const code = await runAndReport(ctx, async () => Promise.reject(failure({ kind: 'task-failed', step: 'generation', taskId: 'task-4' })));
    assert.equal(code, EXIT.taskEnded);
    assert.doesNotMatch(stderr.text, /resume task-4/);
  });

  it('anything but a WanError is not reported here: it is thrown on, after the live line is ended', async () => {
    const { ctx, stderr } = context([], false, true);
    const bug = new TypeError('bug');
    await assert.rejects(runAndReport(ctx, async () => Promise.reject(bug)), (error) => error === bug);
    assert.equal(stderr.text, '\n');
  });
});
