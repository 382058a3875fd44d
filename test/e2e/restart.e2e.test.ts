import * as assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { recordFigures } from '../support/reliability';
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
  const partBytes = async () => {
    const parts = (await readdir(session.shots)).filter((name) => name.endsWith('.part'));
    const sizes = await Promise.all(parts.map(async (name) => (await stat(path.join(session.shots, name)).catch(() => ({ size: 0 }))).size));
    return sizes.reduce((sum, size) => sum + size, 0);
  };

  async function generate(prompt = ''): Promise<void> {
    const { workbench } = session;
    const view = workbench.webview();
    await workbench.useSelection('dawn.png', 'dusk.png');
    await view.locator('[data-testid="prompt"] textarea').fill(prompt);
    await view.locator('[data-testid="generate"]:not([disabled])').click({ timeout: 30_000 });
  }

  it('mid-poll: the job resumes after the restart and the video is saved once', () => session.explain(async () => {
    const { simulator, workbench } = session;
    const before = new Set(await files());
    const createsBefore = simulator.requestsFor('create').length;
    const tasksBefore = simulator.tasks.size;
    simulator.setTiming({ runningMs: 60_000 });
    const prompt = '重启之后表单仍在 the form outlives a restart';
    await generate(prompt);
    await until(() => [...simulator.tasks.values()].some((task) => task.status === 'RUNNING'), 'a running task', 90_000);
    await workbench.restartServer();
    await workbench.ensurePanel();
    assert.equal(await workbench.webview().locator('[data-testid="prompt"] textarea').inputValue(), prompt, 'the form is as it was left');
    simulator.setTiming({ runningMs: 1000 });
    simulator.finishRunning();
    await until(async () => (await files()).some((name) => !before.has(name) && name.endsWith('.mp4')), 'the resumed video', 120_000);
    await workbench.screenshot('01-saved-after-restart');
    await workbench.jobsSettled();
    const added = (await files()).filter((name) => !before.has(name));
    assert.equal(added.filter((name) => name.endsWith('.mp4')).length, 1, `one new video (${added.join(', ')})`);
    assert.equal(simulator.requestsFor('create').length - createsBefore, 1);
    await recordFigures('process-restart-mid-poll', { tasks: simulator.tasks.size - tasksBefore, videosSaved: added.filter((name) => name.endsWith('.mp4')).length, partialFiles: added.filter((name) => name.endsWith('.part')).length });
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
    await workbench.jobsSettled();
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
    const before = new Set(await files());
    const createsBefore = simulator.requestsFor('create').length;
    const downloadsBefore = downloads().length;
    simulator.overrideVideoBytes(VIDEO_BYTES);
    simulator.setDownloadRate(DOWNLOAD_RATE);
    try {
      await generate();
      // Restart only once the body is flowing: a .part file exists and has grown.
      await until(async () => (await partBytes()) >= 256 * 1024, 'a download in progress (256 KiB of its .part written)', 90_000);
      const interruptedAt = downloads().length;
      await workbench.restartServer();
      await workbench.ensurePanel();
      simulator.setDownloadRate(undefined);
      const newVideos = async () => (await files()).filter((name) => !before.has(name) && name.endsWith('.mp4'));
      await until(async () => (await newVideos()).length > 0, 'the video after the restart', 120_000);
      await workbench.jobsSettled();
      await workbench.screenshot('03-saved-after-restart-mid-download');
      const after = (await files()).filter((name) => !before.has(name));
      assert.deepEqual(after, await newVideos(), 'no .part left');
      assert.equal(after.length, 1, `one new video (${after.join(', ')})`);
      const { size } = await stat(path.join(shots, after[0] as string));
      assert.equal(size, VIDEO_BYTES, 'the whole video, not the part received before the restart');
      assert.equal(simulator.requestsFor('create').length - createsBefore, 1, 'one task');
      const requests = downloads().length - downloadsBefore;
      assert.ok(interruptedAt - downloadsBefore >= 1 && requests >= 2, `the restart cut a download short and a new one finished it (${requests} download requests)`);
      // The new process carries on from the .part the killed one left, not from the start.
      const resumedFrom = downloads().at(-1)?.headers.range ?? 'start';
      assert.match(resumedFrom, /^bytes=[1-9]\d*-$/, 'the download resumed with Range');
      await recordFigures('process-restart-mid-download', { videoBytes: size, downloadRequests: requests, lastRequestRange: resumedFrom, tasks: simulator.requestsFor('create').length - createsBefore, partialFiles: after.filter((name) => name.endsWith('.part')).length });
    } finally {
      simulator.overrideVideoBytes(undefined);
      simulator.setDownloadRate(undefined);
    }
  }));
});
