import * as assert from 'node:assert/strict';
import { mkdir, readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeReadOnly } from '../harness/readOnly';
import { recordFigures } from '../support/reliability';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { until } from '../harness/wait';

describe(`an output folder that refuses the video (${BUILD_LABEL})`, () => {
  let session: Session;
  let unlock: (() => Promise<void>) | undefined;

  before(async () => {
    session = await openSession({ name: 'readonly', prepare: (workspace) => mkdir(path.join(workspace, 'renders')).then(() => undefined) });
  });
  after(async () => {
    await unlock?.();
    await session?.close();
  });

  it('says why, keeps the task, and Save As… puts the video elsewhere, once', () => session.explain(async () => {
    const { simulator, workbench, shots, workspace } = session;
    unlock = await makeReadOnly(shots);
    const view = workbench.webview();
    await workbench.useSelection('dawn.png', 'dusk.png');
    await view.locator('[data-testid="generate"]:not([disabled])').click({ timeout: 30_000 });

    const refused = workbench.notification(/could not be written/);
    await refused.first().waitFor({ timeout: 90_000 });
    const text = (await refused.first().textContent()) ?? '';
    assert.match(text, /shots/, `the message names the folder: ${text}`);
    assert.doesNotMatch(text, /\.part/, `not the temporary file inside it: ${text}`);
    await workbench.screenshot('01-folder-refused');
    assert.deepEqual((await readdir(shots)).sort(), ['dawn.png', 'dusk.png', 'notes.txt'], 'nothing half-written in the refused folder');

    await workbench.clickNotificationButton(/could not be written/, 'Save As…');
    const target = path.join(workspace, 'renders', 'my-cut.mp4');
    const input = workbench.page.locator('.quick-input-widget .quick-input-box input').first();
    await input.waitFor({ timeout: 15_000 });
    // VS Code's save dialog fills in its suggestion a moment after it appears: type only once it has.
    await until(async () => (await input.inputValue()).endsWith('dawn-to-dusk.mp4'), 'the dialog to suggest a name', 15_000);
    await input.fill(target);
    await until(async () => (await input.inputValue()) === target, 'the typed path to stay', 5_000);
    await workbench.screenshot('02-save-as-dialog');
    await input.press('Enter');

    const renders = path.join(workspace, 'renders');
    await until(async () => (await readdir(renders)).includes('my-cut.mp4'), 'the video saved elsewhere', 90_000);
    await workbench.notification(/Saved my-cut\.mp4/).first().waitFor({ timeout: 30_000 });
    await workbench.screenshot('03-saved-elsewhere');
    assert.deepEqual((await readdir(renders)).sort(), ['my-cut.json', 'my-cut.mp4']);
    assert.ok((await stat(target)).size > 1000);
    assert.equal(simulator.requestsFor('create').length, 1, 'the same task, not a new one');
    assert.deepEqual((await readdir(shots)).sort(), ['dawn.png', 'dusk.png', 'notes.txt']);
    const everywhere = [...(await readdir(renders)), ...(await readdir(shots))];
    await recordFigures('process-read-only-folder', {
      tasks: simulator.tasks.size,
      savedElsewhere: (await readdir(renders)).filter((name) => name.endsWith('.mp4')).length,
      partialFiles: everywhere.filter((name) => name.endsWith('.part')).length,
      refusedFolderUntouched: (await readdir(shots)).every((name) => ['dawn.png', 'dusk.png', 'notes.txt'].includes(name)),
    });
  }));
});
