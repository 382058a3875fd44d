import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseStoryboard } from '../../../../../src/core/storyboard/storyboardRead';
import { formatStoryboard } from '../../../../../src/core/storyboard/storyboardWrite';
import { applyAddFrames, applyEdit, boardView, editorModels, isInside, readEditorText } from '../../../../../src/host/engine/storyboardEditor/editorDocument';
import { sha256File } from '../../../../../src/core/inputs/inspect';
import type { Take } from '../../../../../src/core/output/take';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { tempDir, writePng } from '../../../../support/files';
import { pricedTake } from '../../../../support/takes';

const segment = { prompt: 'p', model: 'wan2.7-i2v', resolution: '720P', duration: 5 };
const text = formatStoryboard({ version: 1, keyframes: ['a.png', 'b.png', 'c.png'], segments: [{ ...segment, take: 'takes/ab.mp4' }, { ...segment, prompt: 'q' }] });
const FILE = '/work/film.storyboard.json';

describe('the editor reading the document', () => {
  it('names the line and the field of a text that is not a storyboard', () => {
    const broken = text.replace('"duration": 5', '"duration": "five"');
    const read = readEditorText(broken, FILE);
    assert.equal(read.ok, false);
    if (read.ok) return;
    assert.equal(read.line, broken.split('\n').findIndex((line) => line.includes('"five"')) + 1);
    assert.match(read.message.en, /film\.storyboard\.json, line \d+ \(segments\[0\]\.duration\)/);
    assert.match(read.message.zh, /第 \d+ 行/);
  });

  it('says where JSON stops being JSON', () => {
    const read = readEditorText('{\n  "version": 1,\n  "keyframes": [\n', FILE);
    assert.equal(read.ok, false);
    if (!read.ok) assert.match(read.message.en, /line \d+, column \d+: not valid JSON/);
  });
});

describe('edits as the whole new text', () => {
  it('a move gives the stably formatted text of the moved storyboard', () => {
    const result = applyEdit(text, FILE, { kind: 'move', from: 0, to: 2 });
    assert.ok(result.ok);
    const parse = parseStoryboard(result.text, FILE);
    assert.ok(parse.ok);
    assert.deepEqual(parse.parsed.storyboard.keyframes, ['b.png', 'c.png', 'a.png']);
    assert.equal(result.text, formatStoryboard(parse.parsed.storyboard), 'the writer’s own format');
  });

  it('a prompt in Chinese is written as it was typed', () => {
    const result = applyEdit(text, FILE, { kind: 'segment', index: 1, patch: { prompt: '镜头缓慢推进，\n天色转暗' } });
    assert.ok(result.ok);
    assert.match(result.text, /"prompt": "镜头缓慢推进，\\n天色转暗"/);
  });

  it('never rewrites a text that does not read, and refuses going below two frames', () => {
    assert.deepEqual(applyEdit('{ "version": 1 ', FILE, { kind: 'move', from: 0, to: 1 }), { ok: false, reason: 'unreadable' });
    const two = applyEdit(text, FILE, { kind: 'remove', index: 0 });
    assert.ok(two.ok);
    assert.deepEqual(applyEdit(two.text, FILE, { kind: 'remove', index: 0 }), { ok: false, reason: 'too-few-frames' });
  });

  it('a text formatted by hand changes only by the edit (a no-op edit leaves it alone)', () => {
    assert.deepEqual(applyEdit(text, FILE, { kind: 'segment', index: 0, patch: { prompt: 'p' } }), { ok: false, reason: 'unchanged' });
  });

  it('adds frames relative to the storyboard, with forward slashes', () => {
    const result = applyAddFrames(text, FILE, ['/work/more/d.png', '/e.png']);
    assert.ok(result.ok);
    const parse = parseStoryboard(result.text, FILE);
    assert.ok(parse.ok);
    assert.deepEqual(parse.parsed.storyboard.keyframes.slice(3), ['more/d.png', '../e.png']);
  });
});

describe('the page’s view', () => {
  it('shows files in the folder as thumbnails, and says why others have none', async () => {
    const dir = await tempDir();
    await writePng(dir, 'a.png', { width: 32, height: 24, from: [0, 0, 0], to: [255, 255, 255] });
    await mkdir(path.join(dir, 'inner'));
    await writePng(path.join(dir, 'inner'), 'b.png', { width: 32, height: 24, from: [9, 0, 0], to: [255, 255, 255] });
    await writeFile(path.join(path.dirname(dir), `${path.basename(dir)}-outside.png`), 'x');
    const file = path.join(dir, 'f.storyboard.json');
    const keyframes = ['a.png', 'inner/b.png', 'gone.png', 'https://example.com/x.png', `../${path.basename(dir)}-outside.png`];
    const parse = parseStoryboard(formatStoryboard({ version: 1, keyframes, segments: keyframes.slice(1).map(() => ({ ...segment, model: 'wan2.7-i2v-2026-01-01', take: 'x/t.mp4' })) }), file);
    assert.ok(parse.ok);
    const view = await boardView(parse.parsed, (image) => `thumb:${path.relative(dir, image)}`);
    assert.deepEqual(
      view.frames.map((frame) => [frame.name, frame.state, frame.src]),
      [
        ['a.png', 'shown', 'thumb:a.png'],
        ['b.png', 'shown', `thumb:${path.join('inner', 'b.png')}`],
        ['gone.png', 'missing', undefined],
        ['x.png', 'remote', undefined],
        [`${path.basename(dir)}-outside.png`, 'outside', undefined],
      ],
    );
    assert.equal(view.segments[0]?.take, 'x/t.mp4', 'as the file writes it');
    assert.deepEqual(view.segments[0]?.takes, [{ value: 'x/t.mp4', label: 't.mp4 (missing)' }]);
    assert.equal(view.segments[0]?.mode, 'keyframes');
    const dated = view.models.find((model) => model.id === 'wan2.7-i2v-2026-01-01');
    assert.ok(dated?.continues, 'a dated snapshot keeps its family’s rules');
  });

  it('lists the takes in the folder that serve each segment, and a choice becomes the file’s take', async () => {
    const dir = await tempDir();
    const a = await writePng(dir, 'a.png', { width: 8, height: 8, from: [0, 0, 0], to: [255, 255, 255] });
    const b = await writePng(dir, 'b.png', { width: 8, height: 8, from: [9, 0, 0], to: [255, 255, 255] });
    const file = path.join(dir, 'f.storyboard.json');
    const input = async (image: string) => ({ sha256: await sha256File(image), bytes: 1, format: 'PNG' });
    const inputs = { [ROLE.first]: await input(a), [ROLE.last]: await input(b) };
    const writeTake = async (name: string, take: Partial<Take>, savedAt: string) => {
      await writeFile(path.join(dir, `${name}.mp4`), 'x');
      await writeFile(path.join(dir, `${name}.json`), JSON.stringify(pricedTake({ video: { file: `${name}.mp4`, bytes: 1 }, ...take }, savedAt)));
    };
    await writeTake('by-frames', { inputs, seed: 1 }, '2026-12-04T09:00:00.000Z');
    await writeTake('by-parent', { parent: { kind: 'chain', id: file, index: 0 }, seed: 2 }, '2026-12-04T09:30:00.000Z');
    const boardText = formatStoryboard({ version: 1, keyframes: ['a.png', 'b.png'], segments: [{ ...segment, take: 'by-frames.mp4' }] });
    const parse = parseStoryboard(boardText, file);
    assert.ok(parse.ok);
    const view = await boardView(parse.parsed, String, { locale: 'en', now: Date.parse('2026-12-04T10:00:00.000Z') });
    assert.deepEqual(view.segments[0]?.takes, [
      { value: 'by-parent.mp4', label: 'by-parent.mp4 · seed 2 · 30 min ago' },
      { value: 'by-frames.mp4', label: 'by-frames.mp4 · seed 1 · 1 h ago' },
    ]);
    const chosen = applyEdit(boardText, file, { kind: 'take', index: 0, take: 'by-parent.mp4' });
    assert.ok(chosen.ok);
    assert.match(chosen.text, /"take": "by-parent\.mp4"/);
    const none = applyEdit(chosen.text, file, { kind: 'take', index: 0 });
    assert.ok(none.ok);
    assert.doesNotMatch(none.text, /"take"/);
  });

  it('lists each model with what the catalog allows: only wan2.7 continues a clip', () => {
    const models = editorModels([]);
    assert.deepEqual(models.filter((model) => model.continues).map((model) => model.id), ['wan2.7-i2v']);
    const kf2v = models.find((model) => model.id === 'wan2.2-kf2v-flash');
    assert.equal(kf2v?.minDuration, kf2v?.maxDuration, 'kf2v makes one length');
    assert.deepEqual(editorModels(['someone-else']).at(-1), { id: 'someone-else', resolutions: [], minDuration: 1, maxDuration: 60, continues: false });
  });

  it('knows what is inside a folder', () => {
    assert.equal(isInside('/a/b', '/a/b/c.png'), true);
    assert.equal(isInside('/a/b', '/a/bc.png'), false);
    assert.equal(isInside('/a/b', '/a/b'), false);
    assert.equal(isInside('/a/b', '/a/c/../b/d.png'), true);
  });
});
