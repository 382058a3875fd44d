import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { FAULTS } from '../sandbox/faults';
import { DEFAULT_TEST_KEY } from '../sandbox/simulator';

const WORKSPACE = 'llm-e2e0wan3';

/** Picks an option of a <vscode-single-select> as a user does: open it, click the option. */
async function choose(select: Locator, label: string): Promise<void> {
  await select.click();
  await select.getByText(label, { exact: true }).last().click();
}

describe(`Wan 3.0 on a workspace host (${BUILD_LABEL})`, () => {
  let session: Session;

  before(async () => {
    // The base URL is workspace-shaped (the simulator's `/ws/{id}`), but no workspace id is set yet.
    session = await openSession({ name: 'wan3', basePath: `/ws/${WORKSPACE}`, simulator: { workspaces: { [WORKSPACE]: [DEFAULT_TEST_KEY] } } });
  });
  after(() => session?.close());

  it('switching to Wan 3.0 hides what it lacks and shows ratio, sound and 2–30 s; without a workspace id nothing is sent', () => session.explain(async () => {
    const { workbench, simulator } = session;
    const view = workbench.webview();
    await workbench.setFrame('dawn.png', 'Set as First Frame', 'First frame: dawn.png');
    await workbench.setFrame('dusk.png', 'Set as Last Frame', 'Last frame: dusk.png');
    await view.locator('[data-testid="last-frame"] .frame-name', { hasText: 'dusk.png' }).waitFor({ timeout: 30_000 });
    await view.locator('[data-testid="negativePrompt"]').waitFor({ timeout: 10_000 });
    await choose(view.locator('[data-testid="model"]'), 'Wan 3.0 · wan3.0-video');
    await view.locator('[data-testid="ratio"]').waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('[data-testid="negativePrompt"]').count(), 0, 'no negative prompt');
    assert.equal(await view.locator('[data-testid="pick-audio"]').count(), 0, 'no driving audio');
    assert.equal(await view.locator('[data-testid="sound"]').count(), 1, 'the sound switch');
    assert.equal(await view.locator('[data-testid="durationAuto"]').count(), 1, '"let the model choose"');
    assert.match((await view.locator('vscode-label[for="duration"]').textContent()) ?? '', /2–30/);
    const problems = view.locator('[data-testid="form-problems"]');
    await problems.filter({ hasText: /workspace hosts/ }).waitFor({ timeout: 10_000 });
    assert.equal(await view.locator('[data-testid="generate"]').getAttribute('aria-disabled'), 'true');
    await workbench.screenshot('01-needs-workspace');
    const creates = simulator.requestsFor('create').length;
    await view.locator('[data-testid="generate"]').click({ force: true });
    await workbench.page.waitForTimeout(500);
    assert.equal(simulator.requestsFor('create').length, creates, 'Generate sent nothing');
  }));

  it('Set Workspace ID catches a pasted host, takes the id, and the 16:9 silent, model-timed video is saved with its usage', () => session.explain(async () => {
    const { workbench, simulator, shots } = session;
    const view = workbench.webview();
    await view.locator('[data-testid="set-workspace"]').click();
    const input = workbench.page.locator('.quick-input-widget input[type="text"]');
    await input.waitFor({ timeout: 15_000 });
    await input.fill(`https://${WORKSPACE}.cn-beijing.maas.aliyuncs.com`);
    await workbench.page.locator('.quick-input-widget', { hasText: `enter only the id (${WORKSPACE})` }).waitFor({ timeout: 10_000 });
    await workbench.screenshot('02-workspace-id-caught');
    await input.fill(WORKSPACE);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await view.locator('[data-testid="form-problems"]').waitFor({ state: 'detached', timeout: 15_000 });
    await choose(view.locator('[data-testid="ratio"]'), '16:9');
    await view.locator('[data-testid="sound"]').click();
    await view.locator('[data-testid="durationAuto"]').click();
    // The prompt as people here type it: a Pinyin input method's drafts, then the chosen characters.
    const prompt = view.locator('[data-testid="prompt"] textarea');
    await prompt.click();
    await workbench.compose(['q', 'qing', 'qingchen', 'qingchen de'], '清晨的太阳缓缓升起，镜头向前推进。');
    await workbench.page.waitForTimeout(600);
    assert.equal(await prompt.inputValue(), '清晨的太阳缓缓升起，镜头向前推进。', 'exactly what was composed');
    // Keyboard only: Tab from the model reaches the Wan 3.0 controls in order.
    const order = await workbench.tabOrder('model', 'generate');
    const expected = ['model', 'prompt', 'resolution', 'ratio', 'durationAuto', 'sound', 'promptExtend', 'generate'];
    let at = 0;
    for (const id of order) if (id === expected[at]) at++;
    assert.equal(at, expected.length, `Tab order ${order.join(' → ')} reaches ${expected.join(' → ')}`);
    await workbench.screenshot('03-wan3-form');
    await view.locator('[data-testid="generate"]').click();
    await workbench.notification(/Saved dawn-to-dusk\.mp4/).waitFor({ timeout: 120_000 });
    const create = simulator.requestsFor('create').at(-1);
    assert.equal(create?.workspace, WORKSPACE);
    const body = create?.json as { model: string; input: { media: Array<{ type: string }>; negative_prompt?: string }; parameters: Record<string, unknown> };
    assert.equal(body.model, 'wan3.0-video');
    assert.deepEqual(body.input.media.map((item) => item.type), ['first_frame', 'last_frame']);
    assert.equal(body.input.negative_prompt, undefined);
    assert.deepEqual([body.parameters.ratio, body.parameters.audio, body.parameters.duration], ['16:9', false, -1]);
    const files = await readdir(shots);
    assert.ok(files.includes('dawn-to-dusk.mp4'), files.join(', '));
    const sidecar = JSON.parse(await readFile(path.join(shots, 'dawn-to-dusk.json'), 'utf8')) as { usage: Record<string, unknown>; parameters: Record<string, unknown> };
    assert.equal(sidecar.usage.ratio, '16:9');
    assert.equal(typeof sidecar.usage.duration, 'number');
    assert.deepEqual([sidecar.parameters.ratio, sidecar.parameters.sound, sidecar.parameters.duration], ['16:9', false, -1]);
    const player = view.locator('[data-testid="video"]').first();
    await player.waitFor({ timeout: 20_000 });
    await player.scrollIntoViewIfNeeded();
    await workbench.screenshot('04-wan3-saved');
  }));

  it('in Dark and High Contrast and a narrow panel the Wan 3.0 form reads; a budget stop puts Open Budget Management on the card', () => session.explain(async () => {
    const { workbench, simulator } = session;
    const view = workbench.webview();
    for (const [theme, bodyClass, slug] of [['Dark Modern', 'vscode-dark', 'dark'], ['Dark High Contrast', 'vscode-high-contrast', 'high-contrast']] as const) {
      await workbench.colorTheme(theme);
      await view.locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
      await view.locator('[data-testid="ratio"]').scrollIntoViewIfNeeded();
      await workbench.page.waitForTimeout(400);
      await workbench.screenshot(`05-wan3-${slug}`);
    }
    const page = workbench.page;
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 860, height: 900 });
    try {
      await page.waitForTimeout(600);
      const generate = await view.locator('[data-testid="generate"]').boundingBox();
      assert.ok(generate && generate.y + generate.height <= 900, 'Generate stays in view when narrow');
      await workbench.screenshot('06-wan3-narrow');
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
    simulator.faults.add({ route: 'create', kind: FAULTS.budget(), times: 5 });
    const creates = simulator.requestsFor('create').length;
    await view.locator('[data-testid="generate"]').click();
    const fix = view.locator('[data-testid="job-action"][data-action="open-budget"]').first();
    await fix.waitFor({ timeout: 30_000 });
    assert.equal(await fix.textContent().then((text) => text?.trim()), 'Open Budget Management');
    assert.match((await view.locator('[data-testid="job-error"]').first().textContent()) ?? '', /Budget Management is used up/);
    assert.equal(simulator.requestsFor('create').length - creates, 1, 'one create, not retried');
    await workbench.notification(/Budget Management is used up/).waitFor({ timeout: 15_000 });
    await fix.scrollIntoViewIfNeeded();
    await workbench.screenshot('07-budget-stop-card');
    simulator.faults.clear();
  }));
});
