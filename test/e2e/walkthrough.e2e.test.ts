import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { until } from '../harness/wait';
import type { Workbench } from '../harness/workbench';

const TITLE = 'Get Started with Wan Keyframes';

describe(`the Get Started walkthrough (${BUILD_LABEL})`, () => {
  let session: Session;
  let workbench: Workbench;

  before(async () => {
    // A fresh user-data folder as after a first install, with VS Code's own default for opening walkthroughs.
    session = await openSession({ name: 'walkthrough', key: '', userSettings: { 'workbench.welcomePage.walkthroughs.openOnInstall': true } });
    ({ workbench } = session);
  });
  after(() => session?.close());

  const walkthrough = () => workbench.page.locator('.gettingStartedContainer');
  const STEP_IDS: Record<string, string> = { 'Set your API key': 'setKey', 'Pick a first and a last frame': 'pickFrames', Generate: 'generate', 'Find your video': 'findResult' };
  // A step's button carries its id (`<extension>#<walkthrough>#<step>`); its title alone would also match other steps' text.
  const step = (title: string) => walkthrough().locator(`.getting-started-step[data-step-id$="#${STEP_IDS[title]}"]`, { hasText: title });
  // VS Code marks a done step's check box: `.codicon.complete` inside the step's button.
  const isComplete = async (title: string) => (await step(title).first().locator('.codicon.complete').count()) > 0;

  it('opens by itself on a fresh profile, with its four steps and none done', () =>
    session.explain(async () => {
      await walkthrough().locator('.getting-started-category', { hasText: TITLE }).or(walkthrough().getByText(TITLE)).first().waitFor({ timeout: 60_000 });
      for (const title of ['Set your API key', 'Pick a first and a last frame', 'Generate', 'Find your video']) {
        await step(title).first().waitFor({ timeout: 10_000 });
        assert.equal(await isComplete(title), false, `${title} starts undone`);
      }
      await workbench.screenshot('01-opened');
    }));

  it('completes "Set your API key" when a key is stored, and "Pick a first and a last frame" when a frame is set', () =>
    session.explain(async () => {
      await step('Set your API key').first().click();
      await walkthrough().getByRole('button', { name: 'Set API Key' }).click();
      const input = workbench.page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ timeout: 15_000 });
      await input.fill('sk-walkthrough-0123456789');
      await input.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await step('Set your API key').first().locator('.codicon.complete').waitFor({ timeout: 20_000 });
      assert.equal(await isComplete('Set your API key'), true, 'the key step is done');
      assert.equal(await isComplete('Pick a first and a last frame'), false);
      await workbench.screenshot('02-key-stored');
      await workbench.setFrame('dawn.png', 'Set as First Frame', 'First frame: dawn.png');
      await workbench.page.locator('.tab', { hasText: 'Wan Keyframes' }).first().waitFor();
      await workbench.page.locator('.tab', { hasText: 'Walkthrough: Wan Keyframes' }).first().click();
      await step('Pick a first and a last frame').first().locator('.codicon.complete').waitFor({ timeout: 20_000 });
      assert.equal(await isComplete('Pick a first and a last frame'), true, 'the frames step is done');
      assert.equal(await isComplete('Generate'), false);
    }));

  it('does not open again after a reload', () =>
    session.explain(async () => {
      const tab = workbench.page.locator('.tab', { hasText: 'Walkthrough: Wan Keyframes' }).first();
      await tab.hover();
      await tab.locator('.codicon-close').click();
      await tab.waitFor({ state: 'detached', timeout: 10_000 });
      await workbench.reloadWindow();
      await until(async () => /walkthrough: opened once before/.test(await workbench.extensionLog()), 'the extension to decide', 30_000, 250);
      // VS Code may show its own welcome walkthrough after a reload; ours is not opened a second time.
      assert.equal(await workbench.page.locator('.tab', { hasText: 'Walkthrough: Wan Keyframes' }).count(), 0, 'ours is not opened after the first time');
      assert.equal(await walkthrough().getByText(TITLE).count(), 0);
    }));
});
