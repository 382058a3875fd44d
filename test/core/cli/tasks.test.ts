import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Simulator } from '../../sandbox/simulator';
import { until } from '../../harness/wait';
import { simulatorWithFrames, tempDir } from '../../support/simulator';
import { cli } from '../../support/cli';

describe('wan-keyframes status, cancel, resume and Ctrl+C', () => {
  let simulator: Simulator;
  let dir: string;
  let first: string;
  let last: string;

  before(async () => {
    ({ simulator, dir, first, last } = await simulatorWithFrames('wk-cli-tasks-'));
  });
  after(() => simulator.stop());

  const generateArgs = () => ['generate', '--first', first, '--last', last, '--resolution', '480P', '--base-url', simulator.baseUrl];

  it('Ctrl+C while waiting exits 130 with the task id; resume then saves the video once', async () => {
    simulator.setTiming({ pendingMs: 120_000 });
    const tasksBefore = simulator.tasks.size;
    let pid = 0;
    const running = cli(generateArgs(), {}, (p) => (pid = p));
    await until(() => simulator.tasks.size > tasksBefore, 'the task to be created', 10_000, 50);
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGINT');
    const interrupted = await running;
    assert.equal(interrupted.code, 130, interrupted.stderr);
    const taskId = /resume ([0-9a-f-]{36})/.exec(interrupted.stderr)?.[1];
    assert.ok(taskId, interrupted.stderr);
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.mp4') || name.endsWith('.part')), []);

    const status = await cli(['status', taskId, '--base-url', simulator.baseUrl]);
    assert.equal(status.code, 0);
    assert.match(status.stdout, new RegExp(`${taskId}\\s+PENDING`));

    simulator.setTiming({ pendingMs: 30 });
    const out = await tempDir('wk-cli-resume-');
    const resumed = await cli(['resume', taskId, '--out', out, '--base-url', simulator.baseUrl, '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const summary = JSON.parse(resumed.stdout.trim()) as { video: string; taskId: string };
    assert.equal(summary.taskId, taskId);
    assert.deepEqual((await readdir(out)).sort(), [`wan-${taskId}.json`, `wan-${taskId}.mp4`]);
    assert.equal(simulator.tasks.size, tasksBefore + 1, 'resuming created no task');
  });

  it('cancel works while PENDING and is refused once running (exit 3)', async () => {
    simulator.setTiming({ pendingMs: 120_000 });
    const tasksBefore = new Set(simulator.tasks.keys());
    const running = cli(generateArgs());
    await until(() => simulator.tasks.size > tasksBefore.size, 'the task to be created', 10_000, 50);
    const taskId = [...simulator.tasks.keys()].find((id) => !tasksBefore.has(id)) as string;
    const canceled = await cli(['cancel', taskId, '--base-url', simulator.baseUrl]);
    assert.equal(canceled.code, 0, canceled.stderr);
    assert.equal(simulator.requestsFor('cancel').length, 1);
    const generate = await running;
    assert.equal(generate.code, 4, 'the waiting generate ends with the task canceled');
    assert.match(generate.stderr, /canceled/);
    simulator.setTiming({ pendingMs: 30 });

    const done = await cli([...generateArgs(), '--json']);
    const doneId = JSON.parse(done.stdout.trim()).taskId as string;
    const refused = await cli(['cancel', doneId, '--base-url', simulator.baseUrl]);
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /UnsupportedOperation/);
  });

  it('an unknown task id reports UNKNOWN and resume says it is not in the list', async () => {
    const status = await cli(['status', '00000000-0000-0000-0000-000000000000', '--base-url', simulator.baseUrl]);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /UNKNOWN/);
    const resume = await cli(['resume', '00000000-0000-0000-0000-000000000000', '--out', dir, '--base-url', simulator.baseUrl]);
    assert.equal(resume.code, 3);
    assert.match(resume.stderr, /not in this account's task list/);
  });
});
