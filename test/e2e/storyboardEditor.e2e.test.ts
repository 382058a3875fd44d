import * as assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sha256File } from '../../src/core/inputs/inspect';
import { writePng } from '../support/files';
import { pricedTake } from '../support/takes';
import { ROLE } from '../../src/shared/mediaRoles';
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

  /** The visible webview of ours that holds `testId` (the panel may be visible beside the storyboard editor). */
  const storyboardFrame = async (testId: string) => {
    const frames = workbench.page.locator('iframe.webview.ready[src*="extensionId=wan-keyframes.wan-keyframes"]');
    const inner = (at: number) => frames.nth(at).contentFrame().locator('#active-frame').contentFrame();
    let found = -1;
    await until(
      async () => {
        const count = await frames.count();
        for (let at = 0; at < count; at++) if ((await frames.nth(at).isVisible()) && (await inner(at).locator(`[data-testid="${testId}"]`).count()) > 0) found = at;
        return found >= 0;
      },
      `a storyboard editor showing ${testId}`,
      30_000,
    );
    return inner(found);
  };

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
      assert.equal(await view().locator('[data-testid="take-1"]').inputValue(), '', 'a new segment has no take: None');

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
      // The panel stays open beside it: the storyboard editor is the one of our webviews that shows keyframes.
      const editor = await storyboardFrame('frame-1');
      assert.deepEqual(await editor.locator('[data-testid="frame-name"]').allTextContents(), ['dawn.png', 'dusk.png'], 'open in the storyboard editor, ready for the keyframes between');
      await workbench.screenshot('06-from-panel');
    }));
  it('a segment’s take is a choice among the takes that serve it: another one, then none, each written into the file', () =>
    session.explain(async () => {
      await workbench.page.keyboard.press('Escape');
      await workbench.runCommand('View: Close All Editors');
      const name = 'takes-choice.storyboard.json';
      const file = path.join(shots, name);
      const input = async (image: string) => ({ path: image, sha256: await sha256File(path.join(shots, image)), bytes: 1, format: 'PNG' });
      // Two takes of dawn → dusk: one made from the two frames (matched by sha256), one the storyboard made (its
      // parent). Their videos are placeholders: the editor reads take files only, never an mp4.
      const writeTake = async (video: string, extra: Parameters<typeof pricedTake>[0], minutesAgo: number) => {
        await writeFile(path.join(shots, `${video}.mp4`), 'not a video');
        await writeFile(path.join(shots, `${video}.json`), JSON.stringify(pricedTake({ video: { file: `${video}.mp4`, bytes: 11 }, ...extra }, new Date(Date.now() - minutesAgo * 60_000).toISOString())));
      };
      await writeTake('dawn-to-dusk-by-frames', { inputs: { [ROLE.first]: await input('dawn.png'), [ROLE.last]: await input('dusk.png') }, seed: 101 }, 120);
      await writeTake('dawn-to-dusk-by-board', { parent: { kind: 'chain', id: file, index: 0 }, seed: 202 }, 10);
      const board = { version: 1, keyframes: ['dawn.png', 'dusk.png'], segments: [{ prompt: 'dawn to dusk', model: 'wan2.7-i2v', resolution: '720P', duration: 5, take: 'dawn-to-dusk-by-frames.mp4' }] };
      await writeFile(file, `${JSON.stringify(board, null, 2)}\n`);
      await until(async () => (await workbench.explorerRow(name).count()) > 0, `${name} in the Explorer`, 30_000);
      await workbench.explorerRow(name).dblclick();
      await workbench.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
      await workbench.page.locator('.editor-actions [aria-label*="Open in Storyboard Editor"]').first().click();
      const editor = await storyboardFrame('take-0');
      const select = editor.locator('[data-testid="take-0"]');
      const options = async () => select.locator('option').allTextContents();
      await until(async () => (await options()).length === 3, 'both takes in the select', 30_000);
      const listed = await options();
      assert.match(listed[0] ?? '', /^None/);
      assert.match(listed[1] ?? '', /^dawn-to-dusk-by-board\.mp4 · seed 202 · 10 min ago$/, 'newest first');
      assert.match(listed[2] ?? '', /^dawn-to-dusk-by-frames\.mp4 · seed 101 · 2 h ago$/);
      assert.equal(await select.inputValue(), 'dawn-to-dusk-by-frames.mp4', 'the chosen take is selected');
      await workbench.screenshot('07-take-choice');

      const saved = async () => (JSON.parse(await readFile(file, 'utf8')) as Written).segments[0]?.take;
      const save = async () => {
        await workbench.page.locator('.tabs-container .tab.active.dirty', { hasText: name }).waitFor({ timeout: 10_000 });
        await workbench.page.keyboard.press('Control+S');
        await workbench.page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: name }).waitFor({ timeout: 10_000 });
      };
      await select.selectOption('dawn-to-dusk-by-board.mp4');
      await save();
      assert.equal(await saved(), 'dawn-to-dusk-by-board.mp4', 'the other take, written into the file');
      await until(async () => (await select.inputValue()) === 'dawn-to-dusk-by-board.mp4', 'the view to follow the file', 10_000);

      // A take landing beside the storyboard (the CLI, another window) joins the list without a reload.
      await writeTake('dawn-to-dusk-later', { parent: { kind: 'chain', id: file, index: 0 }, seed: 303 }, 0);
      await until(async () => (await options()).some((text) => text.startsWith('dawn-to-dusk-later.mp4 · seed 303')), 'the new take in the select', 20_000);

      await select.selectOption('');
      await save();
      assert.equal(await saved(), undefined, 'none: the segment is generated again');
      assert.equal(await select.inputValue(), '');

      // The chosen take deleted: still listed, said missing.
      await select.selectOption('dawn-to-dusk-by-frames.mp4');
      await save();
      await rm(path.join(shots, 'dawn-to-dusk-by-frames.mp4'));
      await rm(path.join(shots, 'dawn-to-dusk-by-frames.json'));
      await until(async () => (await options()).some((text) => text === 'dawn-to-dusk-by-frames.mp4 (missing)'), 'the chosen take said missing', 20_000);
      assert.equal(await select.inputValue(), 'dawn-to-dusk-by-frames.mp4');

      for (const [theme, bodyClass, slug] of [
        ['Dark High Contrast', 'vscode-high-contrast', 'high-contrast'],
        ['Dark Modern', 'vscode-dark', 'dark'],
      ] as const) {
        await workbench.colorTheme(theme);
        await editor.locator(`body.${bodyClass}`).waitFor({ timeout: 20_000 });
        await workbench.page.waitForTimeout(500);
        await workbench.screenshot(`08-take-choice-${slug}`);
      }
      const wide = workbench.page.viewportSize();
      await workbench.page.setViewportSize({ width: 620, height: 900 });
      try {
        await workbench.page.waitForTimeout(800);
        const box = await select.boundingBox();
        assert.ok(box && box.width > 100, 'the select still has room');
        await workbench.screenshot('08-take-choice-narrow');
      } finally {
        if (wide) await workbench.page.setViewportSize(wide);
      }
    }));
});
