import * as assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HostMessageSchema, WebviewMessageSchema } from '../../src/shared/protocol';
import { HOST_MESSAGE_SHAPES, NOT_MESSAGES, WEBVIEW_MESSAGE_SHAPES } from '../support/fixtures/messages';
import { mutate, pick, seeded } from '../support/fixtures/random';
import { recordFigures } from '../support/reliability';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { until } from '../harness/wait';

const SEED = 20261125;
const WEBVIEW_MESSAGES = 1000;
const HOST_MESSAGES = 1000;
const BATCH = 50;

/**
 * The browser's global object as the functions evaluated in the webview see it (this suite compiles without DOM
 * types). Those functions are sent as source text, so each names `globalThis` itself rather than a helper.
 */
type Page = {
  __vscode_post_message__?: (command: string, data: unknown) => void;
  fuzzErrors: string[];
  addEventListener(type: 'error', listener: (event: { message: string }) => void): void;
  dispatchEvent(event: unknown): boolean;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  document: { querySelectorAll(selector: string): { length: number } };
};

const errorLines = (log: string) => log.split('\n').filter((line) => /\[error\]/.test(line)).length;

/** The message as it arrives: the batches travel as JSON, which turns NaN into null and drops undefined. */
const asSent = (message: unknown): unknown => JSON.parse(JSON.stringify(message) ?? 'null');

/** Malformed messages only: each must be dropped with a log line and nothing else. */
function malformedWebviewMessages(random: () => number): unknown[] {
  const messages: unknown[] = [];
  while (messages.length < WEBVIEW_MESSAGES) {
    const message = random() < 0.9 ? mutate(pick(random, WEBVIEW_MESSAGE_SHAPES), random) : pick(random, NOT_MESSAGES);
    if (!WebviewMessageSchema.safeParse(asSent(message)).success) messages.push(message);
  }
  return messages;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return Promise.all(entries.map(async (name) => `${name}:${(await stat(path.join(dir, name))).mtimeMs}`)).then((list) => list.sort());
}

async function findFile(dir: string, name: string): Promise<string | undefined> {
  const entries = await readdir(dir, { recursive: true });
  const hit = entries.find((entry) => path.basename(entry) === name);
  return hit ? path.join(dir, hit) : undefined;
}

describe(`fuzzing the live webview channel, both ways (${BUILD_LABEL}, seed ${SEED})`, () => {
  let session: Session;

  before(async () => {
    session = await openSession({ name: 'fuzz' });
  });
  after(() => session?.close());

  it(`${WEBVIEW_MESSAGES} malformed webview→host messages: each logged and ignored, no request, no file, no UI; the channel still works after`, async () => {
    const { workbench, simulator, workspace } = session;
    const view = workbench.webview();
    const frameName = (role: string) => view.locator(`[data-testid="${role}-frame"] .frame-name`);
    await workbench.useSelection('dawn.png', 'dusk.png');
    await view.locator('[data-testid="generate"]:not([disabled])').waitFor({ timeout: 30_000 });
    const logFile = await findFile(workbench.server.userDataDir, 'Wan Keyframes.log');
    assert.ok(logFile, 'the extension log exists');
    const ignoredLines = async () => ((await readFile(logFile, 'utf8')).match(/ignored a malformed webview message/g) ?? []).length;
    const ignoredBefore = await ignoredLines();
    const requestsBefore = simulator.requests.length;
    const errorsBefore = errorLines(await readFile(logFile, 'utf8'));
    const filesBefore = await filesUnder(workspace);

    const messages = malformedWebviewMessages(seeded(SEED));
    // Sent as acquireVsCodeApi().postMessage sends them: through the relay in the frame VS Code wraps our page in.
    const relay = workbench.webviewHost().locator('body');
    const send = (json: string) =>
      relay.evaluate((_element, batch) => {
        for (const message of JSON.parse(batch) as unknown[]) (globalThis as unknown as Page).__vscode_post_message__?.('onmessage', { message, transfer: undefined });
      }, json);
    for (let start = 0; start < messages.length; start += BATCH) await send(JSON.stringify(messages.slice(start, start + BATCH)));
    await until(async () => (await ignoredLines()) - ignoredBefore >= WEBVIEW_MESSAGES, `${WEBVIEW_MESSAGES} ignored-message log lines`, 60_000, 250);
    const ignored = (await ignoredLines()) - ignoredBefore;
    await workbench.screenshot('01-after-webview-fuzz');

    assert.equal(ignored, WEBVIEW_MESSAGES, 'every malformed message was seen and dropped');
    assert.equal(simulator.requests.length, requestsBefore, 'no request reached the service');
    assert.deepEqual(await filesUnder(workspace), filesBefore, 'no file in the workspace was written or touched');
    assert.equal(await workbench.page.locator('.quick-input-widget:visible').count(), 0, 'no picker or input box opened');
    assert.equal(await workbench.page.locator('.notifications-toasts .notification-toast').count(), 0, 'no notification');
    assert.equal(await frameName('first').textContent(), 'dawn.png', 'the frames did not move');

    // The same channel still carries a well-formed message: Swap.
    await send(JSON.stringify([{ type: 'swap' }]));
    await frameName('first').filter({ hasText: 'dusk.png' }).waitFor({ timeout: 15_000 });
    // A crash of the host's handler shows as an error line in the extension's log (receive() logs what it throws).
    const crashes = errorLines(await readFile(logFile, 'utf8')) - errorsBefore;
    await recordFigures('fuzz-live-webview-messages', { seed: SEED, cases: WEBVIEW_MESSAGES, ignoredAndLogged: ignored, requests: simulator.requests.length - requestsBefore, crashes });
    assert.equal(crashes, 0, 'no error in the extension log');
  });

  it(`${HOST_MESSAGES} malformed host→webview messages: the page throws nothing, runs nothing, and keeps working`, async () => {
    const { workbench } = session;
    const view = workbench.webview();
    const random = seeded(SEED + 1);
    const messages: unknown[] = [];
    while (messages.length < HOST_MESSAGES) {
      const message = mutate(pick(random, HOST_MESSAGE_SHAPES), random);
      if (!HostMessageSchema.safeParse(asSent(message)).success) messages.push(message);
    }
    const body = view.locator('body');
    const scripts = () => body.evaluate(() => (globalThis as unknown as Page).document.querySelectorAll('script').length);
    const scriptsBefore = await scripts();
    await body.evaluate(() => {
      const self = globalThis as unknown as Page;
      self.fuzzErrors = [];
      self.addEventListener('error', (event) => self.fuzzErrors.push(String(event.message)));
    });
    // Delivered as the host's messages arrive: a message event on the page's window.
    for (let start = 0; start < messages.length; start += BATCH) {
      const batch = JSON.stringify(messages.slice(start, start + BATCH));
      await body.evaluate((_element, json) => {
        const self = globalThis as unknown as Page;
        for (const data of JSON.parse(json) as unknown[]) self.dispatchEvent(new self.MessageEvent('message', { data }));
      }, batch);
    }
    const errors = await body.evaluate(() => (globalThis as unknown as Page).fuzzErrors);
    await workbench.screenshot('02-after-host-fuzz');
    assert.deepEqual(errors, [], 'no uncaught error in the webview');
    assert.equal(await scripts(), scriptsBefore, 'no script element was added');
    // Still alive both ways: Swap in the form reaches the host, whose answer moves the frames back.
    assert.equal(await view.locator('[data-testid="first-frame"] .frame-name').textContent(), 'dusk.png');
    await view.locator('[data-testid="swap"]').click();
    await view.locator('[data-testid="first-frame"] .frame-name', { hasText: 'dawn.png' }).waitFor({ timeout: 15_000 });
    await recordFigures('fuzz-live-host-messages', { seed: SEED + 1, cases: HOST_MESSAGES, uncaughtErrors: errors.length, crashes: errors.length });
  });
});
