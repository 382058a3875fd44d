import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../support/cli';
import { takeAt } from '../support/takes';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { REPO } from '../support/files';
import { until } from '../harness/wait';
import type { Workbench } from '../harness/workbench';
import type { Locator } from 'playwright-core';
import type { Simulator } from '../sandbox/simulator';
import { MODELS, type Resolution } from '../../src/core/catalog/models';
import { priceOf } from '../../src/core/catalog/prices';

/** The simulator's frame rate for these videos: one frame is 1/FPS s, the tolerance of "in sync". */
const FPS = 10;

/** What the tests read of a page's `<video>` (the test build has no DOM types). */
interface Video {
  currentTime: number;
  readyState: number;
  seeking: boolean;
  videoWidth: number;
  videoHeight: number;
}

/** Moves a range input as a drag does: its value, then the input event the page listens to. */
async function slide(input: Locator, value: number): Promise<void> {
  await input.evaluate((element, to) => {
    (element as unknown as { value: string }).value = String(to);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** A PNG's size from its header. */
async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe(`takes of a frame pair: triptychs, compare, keep/reject, frames, sound (${BUILD_LABEL})`, () => {
  let session: Session;
  let workbench: Workbench;
  let simulator: Simulator;
  let shots: string;
  /** The three takes' files, newest last, as the CLI made them. */
  const made: string[] = [];

  before(async () => {
    session = await openSession({ name: 'takes', simulator: { pendingMs: 200, runningMs: 600, fps: FPS }, userSettings: {
        'wanKeyframes.defaultModel': 'wan2.2-kf2v-flash',
        // The simulator is a custom base URL: named beside it, the region prices it (issue 20, the cost before you pay).
        'wanKeyframes.region': 'cn-beijing',
        // Above one take (¥0.50 at 480P, ¥1.00 at 720P) and below three: a batch of three asks, a single take does not.
        'wanKeyframes.confirmCostAbove': 1.2,
      },
    });
    ({ workbench, simulator, shots } = session);
  });

  after(async () => {
    await session?.close();
  });

  const view = () => workbench.webview();
  const card = (name: string) => view().locator('[data-testid="take"]', { has: view().locator('.take-name', { hasText: name }) });

  it('three takes made by the CLI appear in the panel as triptychs, newest first, without reopening it', () =>
    session.explain(async () => {
      await workbench.setFrame('dawn.png', 'Set as First Frame', 'First frame: dawn.png');
      await workbench.setFrame('dusk.png', 'Set as Last Frame', 'Last frame: dusk.png');
      await view().locator('[data-testid="takes-none"]').waitFor({ timeout: 30_000 });
      const first = path.join(shots, 'dawn.png');
      const last = path.join(shots, 'dusk.png');
      const runs = [
        ['--model', 'wan2.2-kf2v-flash', '--prompt', '晨光渐暗', '--seed', '11'],
        ['--model', 'wan2.2-kf2v-flash', '--prompt', 'The light fades', '--seed', '12'],
        ['--model', 'wan2.7-i2v', '--duration', '2', '--prompt', 'dusk with birdsong'],
      ];
      for (const run of runs) {
        const result = await cli(['generate', '--first', first, '--last', last, '--base-url', simulator.baseUrl, '--resolution', '720P', '--json', ...run]);
        assert.equal(result.code, 0, result.stderr);
        made.push(JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}').video as string);
      }
      await until(async () => (await view().locator('[data-testid="take"]').count()) === 3, 'three takes in the panel', 30_000);
      const names = await view().locator('[data-testid="take"] .take-name').allTextContents();
      assert.deepEqual(names, made.map((file) => path.basename(file)).reverse(), 'newest first');
      for (const name of names) {
        const take = card(name);
        assert.equal(await take.locator('.take-still img').count(), 2, `${name}: first and last frame`);
        await take.locator('[data-testid="take-video"]').waitFor();
      }
      assert.match(await card(path.basename(made[0] ?? '')).locator('[data-testid="take-meta"]').textContent() ?? '', /seed 11/);
      await view().locator('[data-testid="take"]').first().scrollIntoViewIfNeeded();
      await workbench.screenshot('01-three-takes');
    }));

  it('a take with sound offers Play with Sound; a silent one says so', () =>
    session.explain(async () => {
      const withSound = card(path.basename(made[2] ?? ''));
      await withSound.locator('[data-testid="take-play-sound"]').waitFor({ timeout: 20_000 });
      assert.notEqual(await withSound.locator('[data-testid="take-sound"]').getAttribute('data-sound'), 'silent');
      const silent = card(path.basename(made[0] ?? ''));
      await silent.locator('[data-testid="take-sound"][data-sound="silent"]').waitFor({ timeout: 20_000 });
      assert.equal(await silent.locator('[data-testid="take-play-sound"]').count(), 0);
    }));

  it('compare plays two takes on one transport: after a seek both show the same frame', () =>
    session.explain(async () => {
      await card(path.basename(made[0] ?? '')).locator('[data-testid="take-compare"]').click();
      await card(path.basename(made[2] ?? '')).locator('[data-testid="take-compare"]').click();
      const compare = view().locator('[data-testid="compare"]');
      await compare.waitFor();
      const a = compare.locator('[data-testid="compare-a"]');
      const b = compare.locator('[data-testid="compare-b"]');
      const ready = async () => (await a.evaluate((video) => (video as unknown as Video).readyState)) >= 2 && (await b.evaluate((video) => (video as unknown as Video).readyState)) >= 2;
      await until(ready, 'both videos to load', 20_000);
      const times = async () => [await a.evaluate((video) => (video as unknown as Video).currentTime), await b.evaluate((video) => (video as unknown as Video).currentTime)] as const;
      // Seek within both (the wan2.7 take is 2 s, the kf2v take 5 s): the slider moves both.
      const seek = compare.locator('[data-testid="compare-seek"]');
      await slide(seek, 1.23);
      await until(async () => !(await a.evaluate((video) => (video as unknown as Video).seeking)) && !(await b.evaluate((video) => (video as unknown as Video).seeking)), 'both seeks to land', 10_000);
      const [ta, tb] = await times();
      assert.ok(Math.abs(ta - tb) < 1 / FPS, `after a seek: ${ta} and ${tb} are within one frame`);
      assert.ok(Math.abs(ta - 1.23) < 1 / FPS, `at the time asked (${ta})`);
      // Past the shorter take's end: the longer leads, the shorter holds its last frame.
      await slide(seek, 4);
      await until(async () => !(await a.evaluate((video) => (video as unknown as Video).seeking)) && !(await b.evaluate((video) => (video as unknown as Video).seeking)), 'both seeks to land', 10_000);
      const [la, lb] = await times();
      assert.ok(Math.max(la, lb) > 3.9 && Math.min(la, lb) < 2 && Math.min(la, lb) > 1.9, `the longer at 4 s, the shorter held at its end (${la}, ${lb})`);
      // Frame steps move both by one frame.
      await slide(seek, 1);
      await compare.locator('[data-testid="compare-step-forward"]').click();
      await until(async () => !(await a.evaluate((video) => (video as unknown as Video).seeking)) && !(await b.evaluate((video) => (video as unknown as Video).seeking)), 'the step to land', 10_000);
      const [sa, sb] = await times();
      assert.ok(Math.abs(sa - sb) < 1 / FPS && sa > 1 && sa < 1 + 2 / FPS, `one frame on, both (${sa}, ${sb})`);
      // Play a moment from near the start (well before the 2 s take ends): still in step when paused.
      await slide(seek, 0.2);
      await until(async () => !(await a.evaluate((video) => (video as unknown as Video).seeking)) && !(await b.evaluate((video) => (video as unknown as Video).seeking)), 'the seek to land', 10_000);
      const [from] = await times();
      await compare.locator('[data-testid="compare-play"]').click();
      await workbench.page.waitForTimeout(700);
      await compare.locator('[data-testid="compare-play"]').click();
      const [pa, pb] = await times();
      assert.ok(pa > from, `it played (${from} → ${pa})`);
      assert.ok(Math.max(pa, pb) < 1.9, `paused before the shorter take ended (${pa}, ${pb}): the check below is of two playing videos`);
      assert.ok(Math.abs(pa - pb) < 1 / FPS, `played in sync (${pa}, ${pb})`);
      await compare.scrollIntoViewIfNeeded();
      await workbench.screenshot('02-compare-side-by-side');
      await workbench.page.screenshot({ path: path.join(REPO, 'media', 'readme', 'takes-compare.png') });
      await compare.locator('[data-testid="compare-mode"]').click();
      await compare.locator('[data-testid="compare-wipe"]').waitFor();
      await workbench.screenshot('03-compare-wipe');
      await compare.locator('[data-testid="compare-close"]').click();
      await compare.waitFor({ state: 'detached' });
    }));

  it('narrow, in High Contrast: the compare view puts one take over the other, and the keyboard drives it', () =>
    session.explain(async () => {
      const wide = workbench.page.viewportSize() ?? { width: 1400, height: 900 };
      await workbench.colorTheme('Dark High Contrast');
      await workbench.page.setViewportSize({ width: 900, height: wide.height });
      try {
        await card(path.basename(made[0] ?? '')).locator('[data-testid="take-compare"]').click();
        await card(path.basename(made[1] ?? '')).locator('[data-testid="take-compare"]').click();
        const compare = view().locator('[data-testid="compare"]');
        await compare.waitFor();
        const a = await compare.locator('[data-testid="compare-a"]').boundingBox();
        const b = await compare.locator('[data-testid="compare-b"]').boundingBox();
        assert.ok(a && b && b.y >= a.y + a.height - 1, `B below A when narrow (${JSON.stringify({ a, b })})`);
        const seek = compare.locator('[data-testid="compare-seek"]');
        await slide(seek, 1);
        await compare.locator('[data-testid="compare-step-forward"]').focus();
        await workbench.page.keyboard.press('Enter');
        await until(async () => Number(await seek.evaluate((input) => (input as unknown as { value: string }).value)) > 1, 'Enter on Step Forward to move the transport', 10_000);
        await compare.scrollIntoViewIfNeeded();
        await workbench.screenshot('02b-compare-narrow-high-contrast');
        await compare.locator('[data-testid="compare-close"]').click();
        await compare.waitFor({ state: 'detached' });
      } finally {
        await workbench.page.setViewportSize(wide);
        await workbench.colorTheme('Light Modern');
      }
    }));

  it('keep and reject write the verdict into the take file and badge the mp4 in the Explorer', () =>
    session.explain(async () => {
      const keptVideo = path.basename(made[0] ?? '');
      const rejectedVideo = path.basename(made[1] ?? '');
      const before = JSON.parse(await readFile((made[0] ?? '').replace(/\.mp4$/, '.json'), 'utf8')) as Record<string, unknown>;
      await card(keptVideo).locator('[data-testid="take-keep"]').click();
      await card(keptVideo).locator('[data-testid="take-verdict"]', { hasText: 'Kept' }).waitFor({ timeout: 15_000 });
      const after = JSON.parse(await readFile((made[0] ?? '').replace(/\.mp4$/, '.json'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(after, { ...before, verdict: 'kept' }, 'only the verdict changed');
      await card(rejectedVideo).locator('[data-testid="take-reject"]').click();
      await view().locator('[data-testid="takes-show-rejected"]', { hasText: '1' }).waitFor({ timeout: 15_000 });
      assert.equal(await card(rejectedVideo).count(), 0, 'a rejected take is hidden');
      assert.equal((await takeAt((made[1] ?? '').replace(/\.mp4$/, '.json'))).take.verdict, 'rejected');
      // VS Code draws a decoration's badge as the label's ::after content (its tooltip goes to a hover, not a title).
      const badge = (name: string) =>
        workbench.explorerRow(name).evaluate((row) => {
          const page = globalThis as unknown as { getComputedStyle(element: unknown, pseudo: string): { content: string } };
          const all = (row as unknown as { querySelectorAll(selector: string): ArrayLike<unknown> }).querySelectorAll('*');
          return [row, ...Array.from(all)].map((element) => page.getComputedStyle(element, '::after').content).join(' ');
        });
      await until(async () => (await badge(keptVideo)).includes('✓'), `the ✓ badge on ${keptVideo}`, 20_000);
      await until(async () => (await badge(rejectedVideo)).includes('✗'), `the ✗ badge on ${rejectedVideo}`, 20_000);
      assert.ok(!(await badge(path.basename(made[2] ?? ''))).match(/[✓✗]/), 'a take without a verdict has no badge');
      await workbench.screenshot('04-explorer-badges');
      await view().locator('[data-testid="takes-show-rejected"]').click();
      await card(rejectedVideo).waitFor({ timeout: 15_000 });
      await workbench.screenshot('05-rejected-shown');
    }));

  it("Replay Exactly sends the take's seed and the prompt the service used, with rewriting off", () =>
    session.explain(async () => {
      const source = made[0] ?? '';
      const recorded = (await takeAt(source.replace(/\.mp4$/, '.json'))).take;
      assert.ok(recorded.actualPrompt, 'the kf2v take has the rewritten prompt');
      const createsBefore = simulator.requestsFor('create').length;
      const takesBefore = await view().locator('[data-testid="take"]').count();
      await card(path.basename(source)).locator('[data-testid="take-replay"]', { hasText: 'Replay Exactly' }).click();
      await until(async () => (await view().locator('[data-testid="take"]').count()) === takesBefore + 1, 'the replay as a new take of the pair', 60_000);
      const creates = simulator.requestsFor('create').slice(createsBefore);
      assert.equal(creates.length, 1, 'one create for one replay');
      const body = creates[0]?.json as { input: { prompt?: string }; parameters: { seed?: number; prompt_extend?: boolean } };
      assert.equal(body.parameters.seed, recorded.seed);
      assert.equal(body.parameters.prompt_extend, false);
      assert.equal(body.input.prompt, recorded.actualPrompt);
      await workbench.jobsSettled();
    }));

  it('Replay with Changes fills the form from a take; its prompt joins the searchable prompt history', () =>
    session.explain(async () => {
      const source = made[1] ?? '';
      await card(path.basename(source)).locator('[data-testid="take-replay-changes"]').click();
      const prompt = view().locator('[data-testid="prompt"]');
      await until(async () => (await prompt.evaluate((element) => (element as unknown as { value: string }).value)) === 'The light fades', 'the take\'s prompt in the form', 20_000);
      assert.equal(await view().locator('[data-testid="seed"]').evaluate((element) => (element as unknown as { value: string }).value), '12');
      const takeFiles = async () => (await readdir(shots)).filter((name) => name.endsWith('.json')).length;
      const before = await takeFiles();
      await view().locator('[data-testid="generate"]').click();
      // The job is started after the host's checks: wait for its take, not only for the jobs there are now.
      await until(async () => (await takeFiles()) === before + 1, 'the take of the changed replay', 60_000);
      await workbench.jobsSettled();
      await view().locator('[data-testid="prompt-history"]').click();
      const picker = workbench.page.locator('.quick-input-widget');
      await picker.waitFor({ state: 'visible', timeout: 20_000 });
      await workbench.page.keyboard.type('light');
      await picker.locator('.monaco-list-row', { hasText: 'The light fades' }).waitFor({ timeout: 20_000 });
      await workbench.screenshot('07-prompt-history');
      await workbench.page.keyboard.press('Escape');
    }));

  it('Takes 3: one batch card with three slots, three takes with consecutive seeds, each in the takes view as it lands', () =>
    session.explain(async () => {
      const seedField = view().locator('[data-testid="seed"] input');
      await seedField.fill('40');
      const count = view().locator('[data-testid="count"] input');
      await count.fill('9');
      await view().locator('[data-testid="count-invalid"]').waitFor({ timeout: 10_000 });
      await count.fill('3');
      await view().locator('[data-testid="count-invalid"]').waitFor({ state: 'detached', timeout: 10_000 });
      // Counted from the take files: the previous test's take may still be on its way into the view.
      const takeFiles = async () => (await readdir(shots)).filter((name) => name.endsWith('.json')).length;
      const takesBefore = await takeFiles();
      const createsBefore = simulator.requestsFor('create').length;
      // The estimate line shows the table's price for the form (kf2v-flash at the form's resolution — the replay
      // before this one set it — for its only length) and the count.
      const resolution = await view().locator('[data-testid="resolution"]').evaluate((element) => (element as unknown as { value: string }).value);
      const perSecond = priceOf('wan2.2-kf2v-flash', resolution as Resolution, 'cn-beijing')?.cnyPerSecond ?? NaN;
      const seconds = MODELS['wan2.2-kf2v-flash'].duration.default;
      const perTake = (perSecond * seconds).toFixed(2);
      const total = (perSecond * seconds * 3).toFixed(2);
      const estimateLine = view().locator('[data-testid="estimate"]');
      await until(async () => ((await estimateLine.textContent()) ?? '').includes(`¥${total} for 3`), `the estimate for 3 (¥${total})`, 10_000);
      assert.match((await estimateLine.textContent()) ?? '', new RegExp(`^≈ ¥${perTake.replace('.', '\\.')} per take · ¥${total.replace('.', '\\.')} for 3 .*at China \\(Beijing\\) prices$`));
      // Above the threshold: one question naming the total; Cancel sends nothing, Generate goes on.
      const dialog = workbench.page.locator('.monaco-dialog-box');
      await view().locator('[data-testid="generate"]').click();
      await dialog.waitFor({ timeout: 20_000 });
      assert.match((await dialog.textContent()) ?? '', new RegExp(`These 3 takes are estimated to cost ¥${total.replace('.', '\\.')} in total`));
      await workbench.screenshot('08-cost-question');
      await dialog.locator('.monaco-button', { hasText: /^Cancel$/ }).click();
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(simulator.requestsFor('create').length, createsBefore, 'Cancel sends nothing');
      assert.equal(await view().locator('[data-testid="batch"]').count(), 0, 'and starts no batch');
      await view().locator('[data-testid="generate"]').click();
      await dialog.waitFor({ timeout: 20_000 });
      await dialog.locator('.monaco-button', { hasText: /^Generate$/ }).click();
      const batch = view().locator('[data-testid="batch"]');
      await batch.waitFor({ timeout: 20_000 });
      assert.equal(await batch.locator('[data-testid="batch-slot"]').count(), 3, 'three slots');
      await workbench.screenshot('08-batch-running');
      await until(async () => (await batch.locator('[data-testid="batch-slot"][data-state="saved"]').count()) === 3, 'three saved slots', 120_000);
      assert.match((await batch.locator('[data-testid="batch-summary"]').textContent()) ?? '', /3 saved/);
      const seeds = simulator.requestsFor('create').slice(createsBefore).map((request) => (request.json as { parameters: { seed?: number } }).parameters.seed);
      assert.deepEqual([...seeds].sort(), [40, 41, 42], 'consecutive seeds, one create each');
      const names = async () => (await view().locator('[data-testid="take"] .take-name').allTextContents()).join(', ');
      assert.equal(await takeFiles(), takesBefore + 3, 'three take files');
      await until(async () => (await view().locator('[data-testid="take"]').count()) === takesBefore + 3, 'three more takes in the takes view', 30_000).catch(async (error: unknown) => {
        await view().locator('[data-testid="take"]').first().scrollIntoViewIfNeeded();
        await workbench.screenshot('09-batch-takes-missing');
        throw new Error(`${String(error)}: ${takesBefore} before, now ${await names()}; files ${(await readdir(shots)).join(', ')}`);
      });
      await workbench.screenshot('09-batch-saved');
      await count.fill('1');
      await workbench.jobsSettled();
    }));

  it('Delete Rejected… names how many files, then moves the rejected take (mp4 and take file) away', () =>
    session.explain(async () => {
      const video = made[1] ?? '';
      const takeFile = video.replace(/\.mp4$/, '.json');
      assert.ok(existsSync(video) && existsSync(takeFile));
      await view().locator('[data-testid="takes-delete-rejected"]').click();
      const dialog = workbench.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 20_000 });
      assert.match((await dialog.textContent()) ?? '', /Move 2 files of 1 rejected takes to the trash\?/);
      await workbench.screenshot('10-delete-rejected');
      // Where the machine has no trash (a server without one), a second question offers to delete for good.
      await until(async () => {
        if (!existsSync(video) && !existsSync(takeFile)) return true;
        const button = dialog.locator('.monaco-button', { hasText: /^(Move to Trash|Delete Permanently)$/ });
        if (await button.count()) await button.first().click().catch(() => undefined);
        return false;
      }, 'the rejected take gone from its folder', 30_000);
      assert.ok(existsSync(made[0] ?? ''), 'a kept take stays');
      await until(async () => (await card(path.basename(video)).count()) === 0, 'its card gone', 20_000);
    }));

  it('the last frame of a take saves as a PNG beside it, at its size, and becomes the next first frame', () =>
    session.explain(async () => {
      const video = made[0] ?? '';
      await card(path.basename(video)).locator('[data-testid="take-frames"]').click();
      const extract = view().locator('[data-testid="extract"]');
      await extract.waitFor({ timeout: 20_000 });
      await extract.locator('[data-testid="extract-frame"]', { hasText: /frame \d+ of \d+/ }).waitFor({ timeout: 20_000 });
      await extract.locator('[data-testid="extract-last"]').click();
      await extract.locator('[data-testid="extract-save"]').click();
      await extract.locator('[data-testid="extract-saved"]').waitFor({ timeout: 20_000 });
      const png = video.replace(/\.mp4$/, '-last.png');
      assert.ok(existsSync(png), `${png} is beside the video`);
      const size = await pngSize(png);
      const player = extract.locator('[data-testid="extract-video"]');
      const videoSize = await player.evaluate((element) => ({ width: (element as unknown as Video).videoWidth, height: (element as unknown as Video).videoHeight }));
      assert.deepEqual(size, videoSize, 'the PNG has the video\'s own size');
      await extract.scrollIntoViewIfNeeded();
      await workbench.screenshot('06-extract-last-frame');
      await extract.locator('[data-testid="extract-use-first"]').click();
      await view().locator('[data-testid="first-frame"] .frame-name', { hasText: path.basename(png) }).waitFor({ timeout: 20_000 });
      // Saving again never overwrites: a second name.
      await extract.locator('[data-testid="extract-save"]').click();
      await until(async () => (await readdir(shots)).filter((name) => name.startsWith(path.basename(video).replace(/\.mp4$/, '-last'))).length === 2, 'a second PNG, not an overwrite', 20_000);
    }));

  it('Extract Frame on an mp4 in the Explorer opens its frames in the panel', () =>
    session.explain(async () => {
      const video = path.basename(made[2] ?? '');
      const extract = view().locator('[data-testid="extract"]', { has: view().locator('h3, h2, .extract-title', { hasText: video }) });
      await workbench.menuCommand([video], 'Extract Frame', extract);
      await extract.locator('[data-testid="extract-frame"]', { hasText: /frame \d+ of \d+/ }).waitFor({ timeout: 20_000 });
    }));
});
