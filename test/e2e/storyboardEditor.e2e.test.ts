import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writePng } from '../support/files';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { until } from '../harness/wait';
import type { Workbench } from '../harness/workbench';

interface Written {
  keyframes: string[];
  segments: Array<{ prompt: string; take?: string }>;
}

/**
 * Issue 21's storyboard editor: a storyboard made from three selected images opens as JSON (as before), then in the
 * storyboard editor from the editor's title; a keyframe moved by keyboard, a Chinese prompt typed through an input
 * method, a keyframe removed and one added through the file picker, saved — and the file on disk says so. Looked at
 * in Dark, High Contrast and a narrow window.
 */
describe(`the storyboard editor (${BUILD_LABEL})`, () => {
  let session: Session;
  let workbench: Workbench;
  let shots: string;
  const NAME = 'dawn-to-dusk-film.storyboard.json';
  const view = () => workbench.webview();
  const frameNames = async () => view().locator('[data-testid="frame-name"]').allTextContents();

  before(async () => {
    session = await openSession({ name: 'storyboard-editor' });
    ({ workbench, shots } = session);
  });

  after(async () => {
    await session?.close();
  });

  it('opens a storyboard, reorders by keyboard, takes a Chinese prompt, removes and adds a frame, and saves', () =>
    session.explain(async () => {
      await writePng(shots, 'noon.png', { width: 480, height: 320, from: [240, 220, 120], to: [90, 140, 220] });
      await until(async () => (await workbench.explorerRow('noon.png').count()) > 0, 'noon.png in the Explorer', 30_000);
      const tab = workbench.page.locator('.tabs-container .tab', { hasText: NAME });
      await workbench.menuCommand(['dawn.png', 'noon.png', 'dusk.png'], 'New Storyboard from Selection', tab);
      // New Storyboard from Selection still opens the JSON as text; the editor title offers the storyboard editor.
      await workbench.page.locator('.tabs-container .tab.active', { hasText: NAME }).waitFor({ timeout: 20_000 });
      const openInEditor = workbench.page.locator('.editor-actions [aria-label*="Open in Storyboard Editor"]');
      await openInEditor.first().waitFor({ timeout: 20_000 });
      await openInEditor.first().click();
      await view().locator('[data-testid="frame-2"]').waitFor({ timeout: 30_000 });
      assert.deepEqual(await frameNames(), ['dawn.png', 'noon.png', 'dusk.png']);
      await view().locator('[data-testid="frame-0"] img').waitFor({ timeout: 10_000 });
      await workbench.screenshot('01-opened');

      // Alt+↓ on the focused first frame: it moves to the second place, focus follows it, and the move is said.
      await view().locator('[data-testid="frame-0"]').focus();
      await workbench.page.keyboard.press('Alt+ArrowDown');
      await until(async () => (await frameNames()).join() === 'noon.png,dawn.png,dusk.png', 'dawn.png moved down', 10_000);
      assert.equal(await view().locator('[data-testid="frame-1"]').evaluate((node) => (node.getRootNode() as unknown as { activeElement: unknown }).activeElement === node), true, 'focus follows the moved frame');
      assert.match((await view().locator('[data-testid="announce"]').textContent()) ?? '', /dawn\.png is now keyframe 2 of 3/);
      await workbench.page.locator('.tabs-container .tab.active.dirty', { hasText: NAME }).waitFor({ timeout: 10_000 });

      // A Pinyin input method in the first segment's prompt: drafts, then the chosen characters.
      const prompt = view().locator('[data-testid="prompt-0"]');
      await prompt.click();
      await workbench.compose(['j', 'jing', 'jing t', 'jing tou'], '镜头缓慢推进');
      await workbench.page.waitForTimeout(300);
      assert.equal(await prompt.inputValue(), '镜头缓慢推进', 'exactly what was composed');
      await workbench.page.keyboard.type('，天色转暗');
      await workbench.page.waitForTimeout(900);
      assert.equal(await prompt.inputValue(), '镜头缓慢推进，天色转暗');
      await workbench.screenshot('02-ime-composed');

      // Remove the middle frame (dawn) by keyboard; its two segments become one, keeping the prompt.
      await view().locator('[data-testid="frame-1"]').focus();
      await workbench.page.keyboard.press('Delete');
      await until(async () => (await frameNames()).join() === 'noon.png,dusk.png', 'dawn.png removed', 10_000);
      assert.equal(await view().locator('[data-testid="remove-0"]').getAttribute('disabled'), '', 'two frames: removing is off');

      // Add dawn.png back through the file picker: it lands at the end.
      await view().locator('[data-testid="add-frames"]').click();
      const input = workbench.page.locator('.quick-input-widget .quick-input-box input').first();
      // VS Code's own file picker in the browser: it opens in the storyboard's folder; pick dawn.png from its list.
      await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'dawn.png' }).first().waitFor({ timeout: 15_000 });
      await input.fill(path.join(shots, 'dawn.png'));
      await until(async () => (await input.inputValue()) === path.join(shots, 'dawn.png'), 'the picker to show dawn.png', 5_000);
      await input.press('Enter');
      await until(async () => (await frameNames()).join() === 'noon.png,dusk.png,dawn.png', 'dawn.png added at the end', 20_000);
      assert.equal(await view().locator('[data-testid="prompt-0"]').inputValue(), '镜头缓慢推进，天色转暗');
      assert.equal(await view().locator('[data-testid="take-1"]').textContent().then((text) => /none yet/.test(text ?? '')), true);

      // Ctrl+S from inside the editor, as a user saves.
      await view().locator('[data-testid="frame-0"]').focus();
      await workbench.screenshot('03-before-save');
      await workbench.page.keyboard.press('Control+S');
      await workbench.page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: NAME }).waitFor({ timeout: 10_000 });
      const written = JSON.parse(await readFile(path.join(shots, NAME), 'utf8')) as Written;
      assert.deepEqual(written.keyframes, ['noon.png', 'dusk.png', 'dawn.png']);
      assert.deepEqual(
        written.segments.map((segment) => segment.prompt),
        ['镜头缓慢推进，天色转暗', ''],
      );
    }));

  for (const [theme, bodyClass, slug] of [
    ['Dark Modern', 'vscode-dark', 'dark'],
    ['Dark High Contrast', 'vscode-high-contrast', 'high-contrast'],
  ] as const) {
    it(`looks right in ${theme}`, () =>
      session.explain(async () => {
        await workbench.colorTheme(theme);
        await view().locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
        await workbench.page.waitForTimeout(500);
        const colours = await view()
          .locator('[data-testid="frame-name"]')
          .first()
          .evaluate((node) => {
            const self = globalThis as unknown as { getComputedStyle(node: unknown): { color: string; backgroundColor: string }; document: { body: unknown } };
            return { text: self.getComputedStyle(node).color, background: self.getComputedStyle(self.document.body).backgroundColor };
          });
        assert.notEqual(colours.text, colours.background);
        await workbench.screenshot(`03-theme-${slug}`);
      }));
  }

  it('a narrow window stacks each segment’s fields', () =>
    session.explain(async () => {
      const page = workbench.page;
      const wide = page.viewportSize();
      await page.setViewportSize({ width: 620, height: 900 });
      try {
        await page.waitForTimeout(800);
        const box = await view().locator('[data-testid="segment-0"]').boundingBox();
        assert.ok(box && box.width > 100, 'the segment still has room');
        await workbench.screenshot('04-narrow');
      } finally {
        if (wide) await page.setViewportSize(wide);
      }
    }));

  it('drags a keyframe to another place', () =>
    session.explain(async () => {
      await view().locator('[data-testid="frame-2"]').dragTo(view().locator('[data-testid="frame-0"]'));
      await until(async () => (await frameNames()).join() === 'dawn.png,noon.png,dusk.png', 'dawn.png dragged to the front', 10_000);
    }));

  it('Open as Text goes back to the JSON; a file that is not a storyboard shows where, and is left as it is', () =>
    session.explain(async () => {
      await view().locator('[data-testid="open-as-text"]').click();
      await workbench.page.locator('.monaco-editor .view-lines', { hasText: '"keyframes"' }).first().waitFor({ timeout: 20_000 });
      const broken = '{\n  "version": 1,\n  "keyframes": ["dawn.png", "dusk.png"],\n  "segments": [{ "prompt": "", "model": "wan2.7-i2v", "resolution": "720P", "duration": "five" }]\n}\n';
      await writeFile(path.join(shots, 'broken.storyboard.json'), broken);
      await until(async () => (await workbench.explorerRow('broken.storyboard.json').count()) > 0, 'broken.storyboard.json in the Explorer', 30_000);
      await workbench.explorerRow('broken.storyboard.json').dblclick();
      await workbench.page.locator('.tabs-container .tab.active', { hasText: 'broken.storyboard.json' }).waitFor({ timeout: 20_000 });
      await workbench.page.locator('.editor-actions [aria-label*="Open in Storyboard Editor"]').first().click();
      const invalid = workbench.page.frameLocator('iframe.webview.ready[src*="extensionId=wan-keyframes.wan-keyframes"] >> visible=true').frameLocator('#active-frame').locator('[data-testid="invalid"]');
      await invalid.waitFor({ timeout: 20_000 });
      assert.match((await invalid.locator('pre').textContent()) ?? '', /broken\.storyboard\.json, line 4 \(segments\[0\]\.duration\)/);
      await workbench.screenshot('05-invalid');
      assert.equal(await readFile(path.join(shots, 'broken.storyboard.json'), 'utf8'), broken, 'the file is left as it is');
    }));
  it('the panel starts a storyboard from its two frames and opens it in the storyboard editor', () =>
    session.explain(async () => {
      await workbench.page.keyboard.press('Escape');
      await workbench.runCommand('View: Close All Editors');
      // The panel alone among our webviews, with the two frames in its form.
      await workbench.useSelection('dawn.png', 'dusk.png');
      const before = (await readdir(shots)).filter((name) => name.endsWith('.storyboard.json'));
      await workbench.webview().locator('[data-testid="new-storyboard"]').click();
      const made = async () => (await readdir(shots)).filter((name) => name.endsWith('.storyboard.json') && !before.includes(name));
      await until(async () => (await made()).length === 1, 'a new storyboard beside the frames', 20_000);
      const name = (await made())[0] ?? '';
      assert.deepEqual((JSON.parse(await readFile(path.join(shots, name), 'utf8')) as Written).keyframes, ['dawn.png', 'dusk.png'], 'from the first frame to the last');
      await workbench.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
      const editor = workbench.page.frameLocator('iframe.webview.ready[src*="extensionId=wan-keyframes.wan-keyframes"] >> visible=true').frameLocator('#active-frame');
      await editor.locator('[data-testid="frame-1"]').waitFor({ timeout: 30_000 });
      assert.deepEqual(await editor.locator('[data-testid="frame-name"]').allTextContents(), ['dawn.png', 'dusk.png'], 'open in the storyboard editor, ready for the keyframes between');
      await workbench.screenshot('06-from-panel');
    }));
});
