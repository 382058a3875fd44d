import * as assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseStoryboard } from '../../../../src/core/storyboard/storyboardRead';
import type { Storyboard } from '../../../../src/core/storyboard/storyboardSchema';
import { chooseTake, createStoryboard, DEFAULT_STORYBOARD_MODEL, formatStoryboard, relativeToStoryboard, updateStoryboard, writeStoryboardFile } from '../../../../src/core/storyboard/storyboardWrite';
import { tempDir, writePng } from '../../../support/files';

const segment = { prompt: 'walks', model: 'wan2.7-i2v', resolution: '720P', duration: 5 };

async function images(dir: string, names: string[]): Promise<string[]> {
  return Promise.all(names.map((name, index) => writePng(dir, name, { width: 64, height: 48, from: [index * 40, 10, 10], to: [10, 10, index * 40] })));
}

describe('the storyboard as text', () => {
  it('is the same bytes for the same storyboard, whatever order its fields came in: known fields first, two spaces, a final newline', () => {
    const a = formatStoryboard({ segments: [{ take: 't.mp4', duration: 5, model: 'wan2.7-i2v', resolution: '720P', prompt: 'p', extra: 1 }], keyframes: ['a.png', 'b.png'], version: 1, note: 'n' } as Storyboard);
    const b = formatStoryboard({ version: 1, note: 'n', keyframes: ['a.png', 'b.png'], segments: [{ extra: 1, prompt: 'p', model: 'wan2.7-i2v', resolution: '720P', duration: 5, take: 't.mp4' }] } as Storyboard);
    assert.equal(a, b);
    assert.ok(a.endsWith('}\n'));
    assert.deepEqual(Object.keys(JSON.parse(a) as object), ['version', 'keyframes', 'segments', 'note']);
    assert.deepEqual(Object.keys((JSON.parse(a) as Storyboard).segments[0] as object), ['prompt', 'model', 'resolution', 'duration', 'take', 'extra']);
    assert.match(a, /^ {2}"version": 1,$/m);
    assert.match(a, /^ {4}"a\.png",$/m, 'one keyframe a line');
  });

  it('reads back as what was written', () => {
    const storyboard: Storyboard = { version: 1, keyframes: ['a.png', 'b.png'], segments: [{ ...segment, mode: 'continue' }] };
    const parse = parseStoryboard(formatStoryboard(storyboard), '/x/f.storyboard.json');
    assert.ok(parse.ok);
    assert.deepEqual(parse.parsed.storyboard, storyboard);
  });

  it('writes paths relative to the storyboard with forward slashes', () => {
    assert.equal(relativeToStoryboard('/w/film.storyboard.json', path.join('/w', 'frames', 'a.png')), 'frames/a.png');
    assert.equal(relativeToStoryboard('/w/sub/film.storyboard.json', '/w/a.png'), '../a.png');
  });
});

describe('writing a storyboard', () => {
  it('replaces the file whole and leaves no temporary file', async () => {
    const dir = await tempDir('wk-sbw-');
    const file = path.join(dir, 'f.storyboard.json');
    await writeFile(file, 'old');
    await writeStoryboardFile(file, { version: 1, keyframes: ['a.png', 'b.png'], segments: [segment] });
    assert.ok(parseStoryboard(await readFile(file, 'utf8'), file).ok);
    assert.deepEqual(await readdir(dir), ['f.storyboard.json']);
  });
});

describe('a new storyboard from images', () => {
  it('keeps their order, writes them relative to it, one segment between each two with the model defaults', async () => {
    const dir = await tempDir('wk-sbw-');
    const [a, b, c] = await images(dir, ['c.png', 'a.png', 'b.png']);
    const target = path.join(dir, 'out', 'trip.storyboard.json');
    await mkdir(path.dirname(target));
    const created = await createStoryboard([a as string, b as string, c as string], target, { prompt: 'the camera drifts' });
    assert.equal(created.kind, 'written');
    const written = JSON.parse(await readFile(target, 'utf8')) as Storyboard;
    assert.deepEqual(written.keyframes, ['../c.png', '../a.png', '../b.png']);
    assert.equal(written.segments.length, 2);
    assert.deepEqual(written.segments[0], { prompt: 'the camera drifts', model: DEFAULT_STORYBOARD_MODEL, resolution: '1080P', duration: 5 });
  });

  it('takes URLs as they are', async () => {
    const dir = await tempDir('wk-sbw-');
    const [a] = await images(dir, ['a.png']);
    const created = await createStoryboard([a as string, ' https://example.com/b.png'], path.join(dir, 'u.storyboard.json'), { model: 'wan2.2-kf2v-flash' });
    assert.ok(created.kind === 'written');
    assert.deepEqual(created.parsed.storyboard.keyframes, ['a.png', 'https://example.com/b.png']);
    assert.equal(created.parsed.storyboard.segments[0]?.resolution, '720P', "the model's own default");
  });

  it('writes nothing for one image, a missing one, or the same one twice in a row', async () => {
    const dir = await tempDir('wk-sbw-');
    const [a, b] = await images(dir, ['a.png', 'b.png']);
    const target = path.join(dir, 'f.storyboard.json');
    const one = await createStoryboard([a as string], target);
    assert.ok(one.kind === 'problems' && one.problems[0]?.code === 'too-few-frames');
    const missing = await createStoryboard([a as string, path.join(dir, 'gone.png'), b as string], target);
    assert.ok(missing.kind === 'problems' && missing.problems[0]?.code === 'image-missing' && missing.problems[0].field === 'keyframes[1]');
    const twice = await createStoryboard([a as string, a as string], target);
    assert.ok(twice.kind === 'problems' && twice.problems[0]?.code === 'same-frame-twice');
    assert.deepEqual((await readdir(dir)).sort(), ['a.png', 'b.png']);
  });

  it('never replaces a file already at the target', async () => {
    const dir = await tempDir('wk-sbw-');
    const [a, b] = await images(dir, ['a.png', 'b.png']);
    const target = path.join(dir, 'f.storyboard.json');
    await writeFile(target, 'mine');
    assert.equal((await createStoryboard([a as string, b as string], target)).kind, 'target-exists');
    assert.equal(await readFile(target, 'utf8'), 'mine');
  });
});

describe('updating a storyboard', () => {
  it('applies concurrent changes one after another, each to the file as it is then', async () => {
    const dir = await tempDir('wk-sbw-');
    const file = path.join(dir, 'f.storyboard.json');
    await writeStoryboardFile(file, { version: 1, keyframes: ['a.png', 'b.png', 'c.png'], segments: [segment, segment] });
    const choose = (index: number, take: string) =>
      updateStoryboard(file, ({ storyboard }) => ({ ...storyboard, segments: storyboard.segments.map((item, at) => (at === index ? { ...item, take } : item)) }));
    const results = await Promise.all([choose(0, 'one.mp4'), choose(1, 'two.mp4')]);
    assert.deepEqual(results.map((result) => result.kind), ['written', 'written']);
    const final = JSON.parse(await readFile(file, 'utf8')) as Storyboard;
    assert.deepEqual(final.segments.map((item) => item.take), ['one.mp4', 'two.mp4']);
    assert.equal((await choose(1, 'two.mp4')).kind, 'unchanged');
  });

  it('leaves a file that does not parse as it is', async () => {
    const dir = await tempDir('wk-sbw-');
    const file = path.join(dir, 'f.storyboard.json');
    await writeFile(file, '{ "version": 1, ');
    const result = await updateStoryboard(file, ({ storyboard }) => storyboard);
    assert.ok(result.kind === 'problems' && result.problems[0]?.code === 'malformed-json');
    assert.equal(await readFile(file, 'utf8'), '{ "version": 1, ');
  });
});

describe("choosing a segment's take", () => {
  it('writes the video relative to the storyboard, changing only that field; undefined clears it', async () => {
    const dir = await tempDir('wk-sbw-');
    const file = path.join(dir, 'f.storyboard.json');
    await writeStoryboardFile(file, { version: 1, keyframes: ['a.png', 'b.png', 'c.png'], segments: [{ ...segment, mode: 'continue' }, segment] });
    await mkdir(path.join(dir, 'takes'));
    const video = path.join(dir, 'takes', 'a-to-b.mp4');
    await writeFile(video, 'video');
    assert.equal((await chooseTake(file, 0, video)).kind, 'written');
    const chosen = JSON.parse(await readFile(file, 'utf8')) as Storyboard;
    assert.deepEqual(chosen.segments[0], { ...segment, mode: 'continue', take: 'takes/a-to-b.mp4' });
    assert.deepEqual(chosen.segments[1], segment);
    assert.equal((await chooseTake(file, 0, undefined)).kind, 'written');
    assert.deepEqual((JSON.parse(await readFile(file, 'utf8')) as Storyboard).segments[0], { ...segment, mode: 'continue' });
  });

  it('refuses a segment that is not there and a video that is missing, leaving the file as it is', async () => {
    const dir = await tempDir('wk-sbw-');
    const file = path.join(dir, 'f.storyboard.json');
    await writeStoryboardFile(file, { version: 1, keyframes: ['a.png', 'b.png'], segments: [segment] });
    const before = await readFile(file, 'utf8');
    await writeFile(path.join(dir, 'v.mp4'), 'video');
    assert.deepEqual(await chooseTake(file, 1, path.join(dir, 'v.mp4')), { kind: 'no-such-segment', segments: 1 });
    assert.deepEqual(await chooseTake(file, 0, path.join(dir, 'gone.mp4')), { kind: 'video-missing', video: path.join(dir, 'gone.mp4') });
    assert.equal(await readFile(file, 'utf8'), before);
  });
});
