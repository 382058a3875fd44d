import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatStoryboard } from '../../../../../src/core/storyboard/storyboardWrite';
import { storyboardEditorLogic as logic } from '../../../../../src/host/engine/storyboardEditor/editorLogic';

const text = formatStoryboard({ version: 1, keyframes: ['a.png', 'b.png'], segments: [{ prompt: '', model: 'wan2.7-i2v', resolution: '720P', duration: 5 }] });
const FILE = '/nowhere/film.storyboard.json';

describe('the storyboard editor’s logic, as the VS Code side uses it', () => {
  it('shows a text that does not read as the reader’s message in the user’s language, with its line', async () => {
    const view = await logic.view('{ "version": 2 }', FILE, 'zh-cn', () => '');
    assert.equal(view.kind, 'invalid');
    if (view.kind !== 'invalid') return;
    assert.equal(view.line, 1);
    assert.match(view.message, /更新版本/);
    assert.equal(view.name, 'film.storyboard.json');
  });

  it('shows a storyboard as its board', async () => {
    const view = await logic.view(text, FILE, 'en', () => 'uri');
    assert.equal(view.kind, 'board');
    if (view.kind === 'board') assert.deepEqual(view.frames.map((frame) => frame.state), ['missing', 'missing']);
  });

  it('takes only frame images', () => {
    const refused = logic.addFrames(text, FILE, ['/nowhere/c.png', '/nowhere/notes.txt'], 'en');
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.reason === 'not-images' && /PNG, JPEG/.test(refused.message));
    assert.equal(logic.addFrames(text, FILE, ['/nowhere/c.PNG'], 'en').ok, true);
  });

  it('checks the page’s messages and its own', () => {
    assert.deepEqual(logic.fromPage({ type: 'edit', edit: { kind: 'move', from: 0, to: 1 } }), { type: 'edit', edit: { kind: 'move', from: 0, to: 1 } });
    assert.equal(logic.fromPage({ type: 'edit', edit: { kind: 'move', from: -1, to: 1 } }), undefined);
    assert.equal(logic.fromPage({ type: 'run', command: 'rm -rf' }), undefined);
    assert.throws(() => logic.toPage({ type: 'notice', message: 'x'.repeat(5_000) }));
  });

  it('says why an edit was refused, in the user’s language; an edit that changed nothing says nothing', () => {
    assert.match(logic.notice('too-few-frames', 'zh-cn') ?? '', /至少/);
    assert.match(logic.notice('unreadable', 'en') ?? '', /as text/);
    assert.equal(logic.notice('unchanged', 'en'), undefined);
  });
});
