import * as assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseStoryboard, readStoryboard } from '../../../../src/core/storyboard/storyboardRead';
import { tempDir, writePng } from '../../../support/files';

const segment = (extra: Record<string, unknown> = {}) => ({ prompt: '', model: 'wan2.7-i2v', resolution: '720P', duration: 5, ...extra });
const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const problemsOf = (source: string) => {
  const parse = parseStoryboard(source, '/work/film.storyboard.json');
  assert.ok(!parse.ok, 'expected problems');
  return parse.problems;
};

describe('reading a storyboard text', () => {
  it('resolves keyframes against the file, URLs as they are', () => {
    const parse = parseStoryboard(text({ version: 1, keyframes: ['frames/a.png', 'https://example.com/b.png'], segments: [segment()] }), '/work/film.storyboard.json');
    assert.ok(parse.ok);
    assert.equal(parse.parsed.keyframes[0]?.path, path.resolve('/work/frames/a.png'));
    assert.equal(parse.parsed.keyframes[1]?.url, 'https://example.com/b.png');
    assert.equal(parse.parsed.keyframes[1]?.line, 5);
  });

  it('says the line and column where malformed JSON breaks', () => {
    const [problem] = problemsOf('{\n  "version": 1,\n  "keyframes": [\n    "a.png"\n    "b.png"\n  ]\n}\n');
    assert.deepEqual(problem, { code: 'malformed-json', line: 5, column: 5, expected: "',' or ']'" });
  });

  it('names a newer version as such, and a file without a version as not a storyboard', () => {
    assert.deepEqual(problemsOf(text({ keyframes: [], version: 3 })), [{ code: 'future-version', line: 3, version: 3 }]);
    assert.deepEqual(problemsOf(text({ keyframes: [] })), [{ code: 'not-a-storyboard', line: 1, found: undefined }]);
    assert.deepEqual(problemsOf(text({ version: '1' })), [{ code: 'not-a-storyboard', line: 2, found: '"1"' }]);
    assert.equal(problemsOf('[1, 2]')[0]?.code, 'not-a-storyboard');
  });

  it('names the line and field of a wrong value', () => {
    const source = text({ version: 1, keyframes: ['a.png', 'b.png', 'c.png'], segments: [segment(), segment({ duration: 'five' })] });
    const [problem] = problemsOf(source);
    assert.ok(problem?.code === 'invalid-field');
    assert.equal(problem.field, 'segments[1].duration');
    const line = source.split('\n').findIndex((row) => row.includes('"five"')) + 1;
    assert.equal(problem.line, line);
  });

  it('needs two keyframes and one segment between each two', () => {
    assert.equal(problemsOf(text({ version: 1, keyframes: ['a.png'], segments: [] }))[0]?.code, 'too-few-frames');
    const counted = problemsOf(text({ version: 1, keyframes: ['a.png', 'b.png', 'c.png'], segments: [segment()] }))[0];
    assert.ok(counted?.code === 'segments-count' && counted.keyframes === 3 && counted.segments === 1);
  });

  it('refuses a file larger than any storyboard before reading its JSON', () => {
    assert.equal(problemsOf(`${' '.repeat(1024 * 1024 + 1)}{}`)[0]?.code, 'too-large');
  });
});

describe('reading a storyboard file', () => {
  it('finds a missing image, naming its line and field, and never writes the file', async () => {
    const dir = await tempDir('wk-sb-');
    await writePng(dir, 'a.png', { width: 64, height: 64 });
    const file = path.join(dir, 'film.storyboard.json');
    const source = text({ version: 1, keyframes: ['a.png', 'gone.png'], segments: [segment()] });
    await writeFile(file, source);
    const read = await readStoryboard(file);
    assert.ok(!read.ok);
    assert.deepEqual(read.problems, [{ code: 'image-missing', line: 5, field: 'keyframes[1]', image: 'gone.png' }]);
  });

  it('refuses the same file twice in a row, however it is spelled, but allows a loop back', async () => {
    const dir = await tempDir('wk-sb-');
    await writePng(dir, 'a.png', { width: 64, height: 64 });
    await writePng(dir, 'b.png', { width: 64, height: 64, from: [9, 9, 9], to: [90, 90, 90] });
    await symlink(path.join(dir, 'a.png'), path.join(dir, 'link.png'));
    const file = path.join(dir, 'film.storyboard.json');
    await writeFile(file, text({ version: 1, keyframes: ['a.png', './link.png'], segments: [segment()] }));
    const twice = await readStoryboard(file);
    assert.ok(!twice.ok && twice.problems[0]?.code === 'same-frame-twice' && twice.problems[0].previousField === 'keyframes[0]');
    await writeFile(file, text({ version: 1, keyframes: ['a.png', 'b.png', './a.png'], segments: [segment(), segment()] }));
    assert.ok((await readStoryboard(file)).ok);
  });

  it('says when the file cannot be read', async () => {
    const read = await readStoryboard(path.join(await tempDir('wk-sb-'), 'none.storyboard.json'));
    assert.ok(!read.ok && read.problems[0]?.code === 'unreadable' && read.problems[0].detail === 'ENOENT');
  });
});
