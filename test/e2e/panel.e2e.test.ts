import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Locator } from 'playwright-core';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { until } from '../harness/wait';

/** What a Pinyin input method shows while "ni hao" is typed, before 你好 is chosen. */
const NI_HAO = ['n', 'ni', 'ni h', 'ni ha', 'ni hao'];
/** The little of the page's globals these checks read (the tests compile without the DOM library). */
interface Page {
  document: { activeElement: { id?: string; tagName: string; dataset?: Record<string, string | undefined> } | null; body: unknown };
  getComputedStyle(node: unknown): { color: string; backgroundColor: string };
  innerWidth: number;
  innerHeight: number;
}
interface Player {
  muted: boolean;
  playbackRate: number;
  currentTime: number;
  paused: boolean;
  ended: boolean;
  play(): Promise<void>;
}
const CONTROL_ROLES = /^\s*- (button|textbox|combobox|checkbox|spinbutton|switch|slider)\b(?<rest>.*)$/;

describe(`the panel as people use it (${BUILD_LABEL})`, () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'panel', logLevel: 'trace', simulator: { pendingMs: 300, runningMs: 1200 } });
    await session.workbench.useSelection('dawn.png', 'dusk.png');
    await session.workbench.recordWebviewMessages();
  });
  after(() => session?.close());

  const view = () => session.workbench.webview();
  const textarea = (id: string) => view().locator(`[data-testid="${id}"] textarea`);
  const statesSince = async () => (await session.workbench.takeWebviewMessages()).filter((message) => message.includes('"type":"state"')).length;

  async function composeInto(field: Locator, drafts: string[], commit: string): Promise<void> {
    await field.click();
    await session.workbench.compose(drafts, commit);
  }

  it('at start-up the page sends only "ready": it never echoes the form the host sent', () => session.explain(async () => {
    // Printed, not asserted: from the page's start to the form being interactive (models, form and checks in).
    const interactiveMs = await view().locator('body').evaluate(() => (globalThis as unknown as { performance: { getEntriesByName(name: string): Array<{ startTime: number }> } }).performance.getEntriesByName('wk-interactive')[0]?.startTime);
    console.log(`# panel: interactive ${interactiveMs === undefined ? 'not marked' : `${Math.round(interactiveMs)} ms`} after its page started`);
    const log = await session.workbench.extensionLog();
    const sent = [...log.matchAll(/webview → host: (\w+)/g)].map((match) => match[1]);
    assert.ok(sent.includes('ready'), `the page said ready (${sent.join(', ')})`);
    assert.deepEqual([...new Set(sent)], ['ready'], `messages the page sent before anyone touched it: ${sent.join(', ')}`);
  }));

  it('a Pinyin composition leaves exactly 你好 in the prompt and in the negative prompt, even with state messages arriving mid-way', () => session.explain(async () => {
    await session.workbench.takeWebviewMessages();
    for (const id of ['prompt', 'negativePrompt']) {
      const field = textarea(id);
      await field.fill('');
      // A keystroke just before the composition: its form message and the host's answer land while composing.
      await field.press('x');
      await field.press('Backspace');
      await composeInto(field, NI_HAO, '你好');
      await session.workbench.page.waitForTimeout(400);
      assert.equal(await field.inputValue(), '你好', `${id} holds what was composed`);
    }
    assert.ok((await statesSince()) >= 2, 'the host answered with state messages during the compositions');
    await session.workbench.screenshot('01-ime-composed');
  }));

  it('a mixed sequence (type "dawn ", compose 黄昏, type " slow") leaves "dawn 黄昏 slow"', () => session.explain(async () => {
    const field = textarea('prompt');
    await field.fill('');
    await field.click();
    await session.workbench.page.keyboard.type('dawn ', { delay: 30 });
    await session.workbench.compose(['h', 'hu', 'huang', 'huang h', 'huang hun'], '黄昏');
    await session.workbench.page.keyboard.type(' slow', { delay: 30 });
    await session.workbench.page.waitForTimeout(400);
    assert.equal(await field.inputValue(), 'dawn 黄昏 slow');
    await view().locator('[data-testid="prompt-counter"]', { hasText: '12 / 800' }).waitFor({ timeout: 5_000 });
  }));

  it('the Prompt is the same DOM node after typing 20 characters and after 10 state messages', () => session.explain(async () => {
    const field = textarea('prompt');
    await field.evaluate((node) => ((globalThis as unknown as { wkPrompt: unknown }).wkPrompt = node));
    await view().locator('[data-testid="prompt"]').evaluate((node) => ((globalThis as unknown as { wkPromptHost: unknown }).wkPromptHost = node));
    await field.fill('');
    await field.click();
    await session.workbench.page.keyboard.type('abcdefghijklmnopqrst', { delay: 20 });
    await session.workbench.takeWebviewMessages();
    const watermark = view().locator('[data-testid="watermark"]');
    for (let i = 0; i < 10; i++) {
      await watermark.click();
      await session.workbench.page.waitForTimeout(250);
    }
    await until(async () => (await session.workbench.webview().locator('body').evaluate(() => ((globalThis as unknown as { wkPosted?: string[] }).wkPosted ?? []).filter((m) => m.includes('"type":"state"')).length)) >= 10, '10 state messages', 15_000);
    assert.ok((await statesSince()) >= 10);
    assert.equal(await field.evaluate((node) => node === (globalThis as unknown as { wkPrompt: unknown }).wkPrompt), true, 'the same <textarea>');
    assert.equal(await view().locator('[data-testid="prompt"]').evaluate((node) => node === (globalThis as unknown as { wkPromptHost: unknown }).wkPromptHost), true, 'the same <vscode-textarea>');
    assert.equal(await field.inputValue(), 'abcdefghijklmnopqrst');
  }));

  it('keyboard only: Tab reaches every control in order, Escape leaves a field, Ctrl+Enter generates', () => session.explain(async () => {
    const page = session.workbench.page;
    const order = await session.workbench.tabOrder('pick-first', 'generate');
    const expected = ['pick-first', 'swap', 'pick-last', 'model', 'prompt', 'negativePrompt', 'resolution', 'promptExtend', 'watermark', 'seedRandom', 'generate'];
    let at = 0;
    for (const id of order) if (id === expected[at]) at++;
    assert.equal(at, expected.length, `Tab order ${order.join(' → ')} reaches ${expected.join(' → ')}`);
    await session.workbench.screenshot('02-keyboard-focus-on-generate');
    await textarea('prompt').fill('The sun sets while the camera drifts right.');
    await textarea('prompt').press('Escape');
    assert.notEqual(await session.workbench.focusedControl(), 'prompt', 'Escape left the field');
    await textarea('prompt').click();
    const jobsBefore = session.simulator.requestsFor('create').length;
    await page.keyboard.press('Control+Enter');
    await until(() => session.simulator.requestsFor('create').length > jobsBefore, 'Ctrl+Enter to generate', 30_000);
  }));

  it('a video playing in the panel keeps its <video> and keeps playing while a second job runs and is polled to its end', () => session.explain(async () => {
    const { simulator, workbench } = session;
    await until(async () => (await readdir(session.shots)).some((name) => name.endsWith('.mp4')), 'the first video', 90_000);
    const video = view().locator('[data-testid="video"]').first();
    await video.waitFor({ timeout: 30_000 });
    await video.evaluate(async (node) => {
      const player = node as unknown as Player;
      (globalThis as unknown as { wkVideo: unknown }).wkVideo = player;
      player.muted = true;
      player.playbackRate = 0.25;
      await player.play();
    });
    const startedAt = await video.evaluate((node) => (node as unknown as Player).currentTime);
    simulator.setTiming({ pendingMs: 2000, runningMs: 10_000 });
    const creates = simulator.requestsFor('create').length;
    await view().locator('[data-testid="generate"]:not([disabled])').click({ timeout: 30_000 });
    await until(() => simulator.requestsFor('create').length > creates, 'the second job', 30_000);
    const secondTask = [...simulator.tasks.keys()].pop() as string;
    const listsBefore = simulator.requestsFor('list').length;
    // Status answers of the second job: its own queries, and the task-list calls that now poll every live job at once
    // (issue 22): each answer that changes the job patches the page while the video plays.
    const polls = () => simulator.requestsFor('query').filter((request) => request.path.endsWith(secondTask)).length + simulator.requestsFor('list').length - listsBefore;
    await until(() => polls() >= 3 && simulator.tasks.get(secondTask)?.status === 'SUCCEEDED', 'the second job polled to its end', 150_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${polls()} polls of ${secondTask} (${simulator.tasks.get(secondTask)?.status ?? 'no such task'}); creates ${simulator.requestsFor('create').length - creates}`);
    });
    // The polls may all land within a second now (the schedule learnt this kind of task): give playback its time too.
    await until(async () => (await video.evaluate((node) => (node as unknown as Player).currentTime)) > startedAt + 0.6, 'the video to play on', 20_000);
    const after = await video.evaluate((node) => {
      const player = node as unknown as Player;
      return { same: player === (globalThis as unknown as { wkVideo: unknown }).wkVideo, time: player.currentTime, paused: player.paused, ended: player.ended };
    });
    await video.scrollIntoViewIfNeeded();
    await workbench.screenshot('03-video-playing-while-a-job-polls');
    assert.equal(after.same, true, 'the same <video> node');
    assert.equal(after.paused, false, 'still playing');
    assert.ok(after.time > startedAt + 0.5, `currentTime grew (${startedAt} → ${after.time})`);
    simulator.setTiming({ pendingMs: 300, runningMs: 1200 });
    simulator.finishRunning();
  }));

  it('hiding the panel behind another editor and showing it again keeps the form', () => session.explain(async () => {
    const { workbench } = session;
    const prompt = 'kept through hide and show 保持不变';
    const formsSent = async () => ((await workbench.extensionLog()).match(/webview → host: form/g) ?? []).length;
    const before = await formsSent();
    await textarea('prompt').fill(prompt);
    // The host has the form once the page's (debounced) form message is in its log.
    await until(async () => (await formsSent()) > before, 'the form to reach the host', 10_000);
    // Another file opened in the panel's own editor group hides the panel (its page is discarded: no retainContext).
    // The Explorer opens it in the active group; keys are no good here, since the focused webview keeps them.
    const tab = workbench.page.locator('.tabs-container .tab', { hasText: 'Wan Keyframes' });
    await tab.click();
    await workbench.explorerRow('notes.txt').click();
    await workbench.page.locator('.tabs-container .tab.active', { hasText: 'notes.txt' }).first().waitFor({ timeout: 15_000 });
    await until(async () => !(await tab.evaluate((node) => (node as unknown as { classList: { contains(name: string): boolean } }).classList.contains('active'))), 'the panel to be hidden', 15_000);
    await tab.click();
    await workbench.ensurePanel();
    await until(async () => (await textarea('prompt').inputValue()) === prompt, 'the prompt after the panel came back', 20_000);
  }));

  it('Open Keyframes Panel from the Command Palette takes the keyboard with it', () => session.explain(async () => {
    const { workbench } = session;
    // The Explorer has the keyboard (as after picking a file there), and the panel is hidden behind another editor.
    await workbench.explorerRow('notes.txt').click();
    await workbench.page.locator('.tabs-container .tab.active', { hasText: 'notes.txt' }).first().waitFor({ timeout: 15_000 });
    await workbench.runCommand('Wan Keyframes: Open Keyframes Panel');
    await workbench.ensurePanel();
    // The keyboard went with it: the page's focus is in the panel's frame (not in the Explorer's list), and one Tab
    // lands on one of the panel's controls.
    await until(async () => (await workbench.page.evaluate(() => (globalThis as unknown as Page).document.activeElement?.tagName)) === 'IFRAME', 'the panel\'s frame to have the focus', 15_000);
    await workbench.page.keyboard.press('Tab');
    const focused = await workbench.focusedControl();
    assert.ok(focused !== '' && focused !== 'BODY', `a control of the panel has the keyboard (${focused})`);
  }));

  it('every control has an accessible name (Playwright\'s accessibility snapshot)', () => session.explain(async () => {
    const snapshot = await view().locator('wk-panel').ariaSnapshot();
    const controls = snapshot.split('\n').filter((line) => CONTROL_ROLES.test(line));
    assert.ok(controls.length >= 12, `found ${controls.length} controls:\n${snapshot}`);
    const unnamed = controls.filter((line) => !/^\s*- \w+ "[^"]+"/.test(line));
    assert.deepEqual(unnamed, [], `controls without a name:\n${snapshot}`);
  }));

  for (const [theme, bodyClass, slug] of [
    ['Dark Modern', 'vscode-dark', 'dark'],
    ['Dark High Contrast', 'vscode-high-contrast', 'high-contrast'],
    ['Light Modern', 'vscode-light', 'light'],
  ] as const) {
    it(`looks right in ${theme}`, () => session.explain(async () => {
      await session.workbench.colorTheme(theme);
      await view().locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
      await session.workbench.page.waitForTimeout(500);
      const colours = await view().locator('[data-testid="generate"]').evaluate((node) => {
        const self = globalThis as unknown as Page;
        return { text: self.getComputedStyle(node).color, background: self.getComputedStyle(self.document.body).backgroundColor };
      });
      assert.notEqual(colours.text, colours.background, 'Generate reads against the page');
      await session.workbench.screenshot(`04-theme-${slug}`);
    }));
  }

  it('a narrow panel stacks the frames and keeps Generate in view', () => session.explain(async () => {
    const page = session.workbench.page;
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 860, height: 900 });
    try {
      await until(async () => (await view().locator('body').evaluate(() => (globalThis as unknown as Page).innerWidth)) < 520, 'a panel narrower than 520 px', 15_000);
      const first = await view().locator('[data-testid="first-frame"]').boundingBox();
      const last = await view().locator('[data-testid="last-frame"]').boundingBox();
      assert.ok(first && last && last.y > first.y + first.height - 1, 'the last frame sits below the first');
      // In the panel's own coordinates (boundingBox() speaks the workbench page's).
      const bar = await view().locator('.generate-bar').evaluate((node) => {
        const box = (node as unknown as { getBoundingClientRect(): { top: number; bottom: number } }).getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, height: (globalThis as unknown as Page).innerHeight };
      });
      assert.ok(bar.top >= 0 && bar.bottom <= bar.height + 1, `the Generate bar is in view (${JSON.stringify(bar)})`);
      await session.workbench.screenshot('05-narrow');
    } finally {
      if (wide) await page.setViewportSize(wide);
    }
  }));
});
