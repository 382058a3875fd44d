import * as assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { recordFigures } from '../harness/reliability';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { until } from '../harness/wait';

/** Large enough, and served slowly enough, that the restart lands while the body is still arriving. */
const VIDEO_BYTES = 6 * 1024 * 1024;
const DOWNLOAD_RATE = 400 * 1024;

describe(`code-server restarted while a job submits, polls or downloads (${BUILD_LABEL})`, () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'restart' });
  });
  after(() => session?.close());

  const files = async () => (await readdir(session.shots)).filter((name) => /\.(mp4|part)$/.test(name)).sort();
  const downloads = () => session.simulator.requests.filter((request) => request.path.includes('/oss-result/'));

  async function generate(): Promise<void> {
    const { workbench } = session;
    const view = workbench.webview();
    await workbench.useSelection('dawn.png', 'dusk.png');
    await view.locator('[data-testid="generate"]:not([disabled])').click({ timeout: 30_000 });
  }

  it('mid-poll: the job resumes after the restart and the video is saved once', () => session.explain(async () => {
    const { simulator, workbench } = session;
    simulator.setTiming({ runningMs: 60_000 });
    await generate();
    await until(() => [...simulator.tasks.values()].some((task) => task.status === 'RUNNING'), 'a running task', 90_000);
    await workbench.restartServer();
    await workbench.ensurePanel();
    simulator.setTiming({ runningMs: 1000 });
    simulator.finishRunning();
    await until(async () => (await files()).includes('dawn-to-dusk.mp4'), 'the resumed video', 120_000);
    await workbench.screenshot('01-saved-after-restart');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const saved = await files();
    assert.deepEqual(saved, ['dawn-to-dusk.mp4']);
    assert.equal(simulator.requestsFor('create').length, 1);
    await recordFigures('process-restart-mid-poll', { tasks: simulator.tasks.size, videosSaved: saved.filter((name) => name.endsWith('.mp4')).length, partialFiles: saved.filter((name) => name.endsWith('.part')).length });
  }));

  it('mid-create: the task the service accepted is found in the task list, not created again, and saved once', () => session.explain(async () => {
    const { simulator, workbench } = session;
    const createsBefore = simulator.requestsFor('create').length;
    const tasksBefore = simulator.tasks.size;
    const videos = async () => (await files()).filter((name) => name.endsWith('.mp4'));
    const videosBefore = (await videos()).length;
    // The service takes the task at once but answers the create only after 45 s: the window closes in between.
    simulator.faults.add({ route: 'create', kind: { type: 'slow-headers', delayMs: 45_000 } });
    await generate();
    await until(() => simulator.tasks.size > tasksBefore, 'the service to accept the create', 90_000);
    // No pause for VS Code to flush its state: the record saying a create is in flight must survive an abrupt kill.
    await workbench.restartServer();
    await workbench.ensurePanel();
    await until(async () => (await videos()).length > videosBefore, 'the adopted task to be saved', 120_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await workbench.screenshot('02-saved-after-restart-mid-create');
    const after = await files();
    assert.equal((await videos()).length, videosBefore + 1, `one new video (${after.join(', ')})`);
    assert.ok(!after.some((name) => name.endsWith('.part')));
    assert.equal(simulator.requestsFor('create').length - createsBefore, 1, 'the create was not sent again');
    assert.equal(simulator.tasks.size - tasksBefore, 1, 'one task');
    assert.ok(simulator.requestsFor('list').length >= 1, 'the task list was asked');
    await recordFigures('process-restart-mid-create', {
      creates: simulator.requestsFor('create').length - createsBefore,
      tasks: simulator.tasks.size - tasksBefore,
      videosSaved: (await videos()).length - videosBefore,
      partialFiles: after.filter((name) => name.endsWith('.part')).length,
    });
  }));

  it('mid-download: the download resumes from the .part after the restart and the video is saved once, whole', () => session.explain(async () => {
    const { simulator, workbench, shots } = session;
    const createsBefore = simulator.requestsFor('create').length;
    const downloadsBefore = downloads().length;
    simulator.overrideVideoBytes(VIDEO_BYTES);
    simulator.setDownloadRate(DOWNLOAD_RATE);
    try {
      await generate();
      // Restart only once the body is flowing: a .part file exists and has grown.
      await until(async () => (await files()).some((name) => name.endsWith('.part')), 'a download in progress', 90_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const interruptedAt = downloads().length;
      await workbench.restartServer();
      await workbench.ensurePanel();
      simulator.setDownloadRate(undefined);
      await until(async () => (await files()).includes('dawn-to-dusk-3.mp4'), 'the video after the restart', 120_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await workbench.screenshot('03-saved-after-restart-mid-download');
      const after = await files();
      assert.deepEqual(after, ['dawn-to-dusk-2.mp4', 'dawn-to-dusk-3.mp4', 'dawn-to-dusk.mp4'], 'one new video and no .part left');
      const { size } = await stat(path.join(shots, 'dawn-to-dusk-3.mp4'));
      assert.equal(size, VIDEO_BYTES, 'the whole video, not the part received before the restart');
      assert.equal(simulator.requestsFor('create').length - createsBefore, 1, 'one task');
      const requests = downloads().length - downloadsBefore;
      assert.ok(interruptedAt - downloadsBefore >= 1 && requests >= 2, `the restart cut a download short and a new one finished it (${requests} download requests)`);
      // The new process carries on from the .part the killed one left, not from the start.
      const resumedFrom = downloads().at(-1)?.headers.range ?? 'start';
      assert.match(resumedFrom, /^bytes=[1-9]\d*-$/, 'the download resumed with Range');
      await recordFigures('process-restart-mid-download', { videoBytes: size, downloadRequests: requests, lastRequestRange: resumedFrom, tasks: 1, partialFiles: after.filter((name) => name.endsWith('.part')).length });
    } finally {
      simulator.overrideVideoBytes(undefined);
      simulator.setDownloadRate(undefined);
    }
  }));
});
