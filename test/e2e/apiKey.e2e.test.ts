import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findSecret, keyLeaksInRequests, recordFigures } from '../support/reliability';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import type { Workbench } from '../harness/workbench';
import { randomBytes } from 'node:crypto';
import type { Simulator } from '../sandbox/simulator';

/** A key made for this run only, so finding it anywhere is a real leak (the simulator's default key is in the README). */
const RUN_KEY = `sk-e2e-${randomBytes(12).toString('hex')}`;
const WRONG_KEY = 'sk-from-the-other-region-0000';

describe(`the API key (${BUILD_LABEL})`, () => {
  let session: Session;
  let workspace: string;
  let simulator: Simulator;
  let workbench: Workbench;

  before(async () => {
    session = await openSession({ name: 'apikey', simulator: { apiKeys: [RUN_KEY] }, key: '', logLevel: 'trace' });
    ({ workspace, simulator, workbench } = session);
  });
  after(() => session?.close());

  async function typeKey(key: string): Promise<void> {
    const input = workbench.page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(key);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  it('without a key, Generate explains why and offers Set API Key; a rejected key names the region', async () => {
    const view = workbench.webview();
    await workbench.useSelection('dawn.png', 'dusk.png');
    await view.locator('[data-testid="blocked"]', { hasText: 'Set an API key to generate.' }).waitFor({ timeout: 20_000 });
    assert.equal(await view.locator('[data-testid="generate"]').isDisabled(), true);
    await workbench.screenshot('01-no-key');
    await view.locator('[data-testid="set-key"]').click();
    await typeKey(WRONG_KEY);
    await view.locator('[data-testid="set-key"]').waitFor({ state: 'detached', timeout: 15_000 });
    await view.locator('[data-testid="generate"]').click();
    const rejected = workbench.notification(/API key was rejected/);
    await rejected.waitFor({ timeout: 30_000 });
    const text = (await rejected.first().textContent()) ?? '';
    assert.match(text, /InvalidApiKey/);
    assert.match(text, /region/);
    await rejected.first().getByRole('button', { name: /Switch to Singapore/ }).waitFor();
    await workbench.screenshot('02-invalid-key');
    assert.equal(simulator.tasks.size, 0);
  });

  it('after entering the right key, it works', async () => {
    await workbench.clickNotificationButton(/API key was rejected/, 'Set API Key');
    await typeKey(RUN_KEY);
    const view = workbench.webview();
    await view.locator('[data-testid="generate"]').click();
    await workbench.notification(/Saved dawn-to-dusk\.mp4/).waitFor({ timeout: 90_000 });
    assert.deepEqual((await readdir(path.join(workspace, 'shots'))).filter((name) => name.endsWith('.mp4')), ['dawn-to-dusk.mp4']);
    for (const request of simulator.requests) {
      if (request.path.startsWith('/api/v1/') && request.headers.authorization === `Bearer ${RUN_KEY}`) continue;
      assert.ok(!JSON.stringify(request).includes(RUN_KEY), `the key appears only in Authorization (${request.path})`);
    }
    await workbench.screenshot('03-saved-with-key');
  });
  it('the key is nowhere but the Authorization header: not in settings, logs, state, sidecars, the panel or the simulator’s other fields', async () => {
    const { filesSearched, hits } = await findSecret([workbench.server.userDataDir, workbench.server.extensionsDir, workspace], RUN_KEY);
    hits.push(...(await findSecret([workbench.server.userDataDir, workspace], WRONG_KEY)).hits);
    const panel = await workbench.webview().locator('html').innerHTML();
    const { requestsChecked, leaks } = keyLeaksInRequests(simulator.requests, RUN_KEY, [RUN_KEY, WRONG_KEY]);
    const exposures = hits.length + leaks.length + (panel.includes(RUN_KEY) ? 1 : 0);
    await recordFigures('keys-secret-storage', { filesSearched, requestsChecked, exposures });
    assert.deepEqual(hits, [], `files holding the key: ${hits.join(', ')}`);
    assert.deepEqual(leaks, []);
    assert.equal(exposures, 0);
    assert.ok(filesSearched > 20, `searched ${filesSearched} files`);
  });
});
