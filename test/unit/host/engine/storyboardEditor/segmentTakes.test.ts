import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sha256File } from '../../../../../src/core/inputs/inspect';
import type { Take } from '../../../../../src/core/output/take';
import type { FoundTake } from '../../../../../src/core/output/takeReader';
import { parseStoryboard, type ParsedStoryboard } from '../../../../../src/core/storyboard/storyboardRead';
import { formatStoryboard } from '../../../../../src/core/storyboard/storyboardWrite';
import { ageText, folderTakes, frameIdentities, type FrameIdentity, segmentTakeChoices, servesSegment, takeLabel } from '../../../../../src/host/engine/storyboardEditor/segmentTakes';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { tempDir, writePng } from '../../../../support/files';
import { pricedTake } from '../../../../support/takes';

const FOLDER = path.resolve('/work/film');
const FILE = path.join(FOLDER, 'film.storyboard.json');
const NOW = Date.parse('2026-12-04T10:00:00.000Z');
const segment = { prompt: 'p', model: 'wan2.7-i2v', resolution: '720P', duration: 5 };
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const identities: FrameIdentity[] = [{ sha256: A }, { sha256: B }, { sha256: C }];

function board(takes: Array<string | undefined> = [undefined, undefined]): ParsedStoryboard {
  const text = formatStoryboard({ version: 1, keyframes: ['a.png', 'b.png', 'c.png'], segments: takes.map((take) => (take === undefined ? { ...segment } : { ...segment, take })) });
  const parse = parseStoryboard(text, FILE);
  assert.ok(parse.ok);
  return parse.parsed;
}

function found(video: string, extra: Partial<Take> = {}, minutesAgo = 0): FoundTake {
  const take = pricedTake({ video: { file: video, bytes: 1 }, ...extra }, new Date(NOW - minutesAgo * 60_000).toISOString());
  return { take, sidecarPath: path.join(FOLDER, video.replace(/\.mp4$/, '.json')), videoPath: path.join(FOLDER, video), version: 2, inputs: take.inputs };
}

const pair = (first: string, last: string): Partial<Take> => ({ inputs: { [ROLE.first]: { sha256: first, bytes: 1, format: 'PNG' }, [ROLE.last]: { sha256: last, bytes: 1, format: 'PNG' } } });
const chain = (file: string, index: number): Partial<Take> => ({ parent: { kind: 'chain', id: file, index } });

describe('which takes serve a segment', () => {
  it('a take the storyboard made for that segment (its parent), whatever its inputs', () => {
    assert.equal(servesSegment(found('x.mp4', chain(FILE, 1)), FILE, 1, identities[1], identities[2]), true);
    assert.equal(servesSegment(found('x.mp4', chain(FILE, 0)), FILE, 1, identities[1], identities[2]), false, 'another segment');
    assert.equal(servesSegment(found('x.mp4', chain(path.join(FOLDER, 'other.storyboard.json'), 1)), FILE, 1, identities[1], identities[2]), false, 'another storyboard');
    assert.equal(servesSegment(found('x.mp4', { parent: { kind: 'batch', id: FILE, index: 1 } }), FILE, 1, identities[1], identities[2]), false, 'a batch is not a chain');
  });

  it('a take made from the segment’s two keyframes, by content and in that order', () => {
    assert.equal(servesSegment(found('x.mp4', pair(A, B)), FILE, 0, identities[0], identities[1]), true);
    assert.equal(servesSegment(found('x.mp4', pair(B, A)), FILE, 0, identities[0], identities[1]), false, 'reversed');
    assert.equal(servesSegment(found('x.mp4', pair(A, C)), FILE, 0, identities[0], identities[1]), false, 'another last frame');
    assert.equal(servesSegment(found('x.mp4', pair(A, B)), FILE, 0, identities[0], undefined), false, 'a keyframe that cannot be read serves nothing');
  });

  it('an image URL keyframe matches the URL the take recorded', () => {
    const take = found('x.mp4', { inputs: { [ROLE.first]: { url: 'https://x/a.png', bytes: 1, format: 'PNG' }, [ROLE.last]: { sha256: B, bytes: 1, format: 'PNG' } } });
    assert.equal(servesSegment(take, FILE, 0, { url: 'https://x/a.png' }, { sha256: B }), true);
    assert.equal(servesSegment(take, FILE, 0, { url: 'https://x/other.png' }, { sha256: B }), false);
  });
});

describe('the choices for a segment', () => {
  it('lists the serving takes newest first, labelled with file, seed and age, as paths relative to the storyboard', () => {
    const takes = [found('old.mp4', { ...pair(A, B), seed: 11 }, 180), found('new.mp4', { ...chain(FILE, 0), seed: 22 }, 5), found('other.mp4', pair(B, C), 1)];
    const choices = segmentTakeChoices(takes, board(), 0, identities, NOW, 'en', true);
    assert.deepEqual(choices.takes.map((take) => take.value), ['new.mp4', 'old.mp4']);
    assert.equal(choices.takes[0]?.label, 'new.mp4 · seed 22 · 5 min ago');
    assert.equal(choices.takes[1]?.label, 'old.mp4 · seed 11 · 3 h ago');
    assert.equal(choices.chosen, undefined);
    assert.equal(segmentTakeChoices(takes, board(), 0, identities, NOW, 'zh-cn', true).takes[0]?.label, 'new.mp4 · 种子 22 · 5 分钟前');
  });

  it('keeps the chosen take as the file writes it, and leaves rejected takes out unless chosen', () => {
    const takes = [found('kept.mp4', pair(A, B), 10), found('bad.mp4', { ...pair(A, B), verdict: 'rejected' }, 1)];
    assert.deepEqual(segmentTakeChoices(takes, board(), 0, identities, NOW, 'en', true).takes.map((take) => take.value), ['kept.mp4']);
    const chosen = segmentTakeChoices(takes, board(['./bad.mp4', undefined]), 0, identities, NOW, 'en', true);
    assert.equal(chosen.chosen, './bad.mp4');
    assert.deepEqual(chosen.takes.map((take) => take.value), ['./bad.mp4', 'kept.mp4']);
    assert.match(chosen.takes[0]?.label ?? '', /^bad\.mp4 · 1 min ago \(rejected/);
  });

  it('a chosen take that is gone is listed first, said missing; one elsewhere that is there, as itself', () => {
    const takes = [found('kept.mp4', pair(A, B), 10)];
    const gone = segmentTakeChoices(takes, board(['gone.mp4', undefined]), 0, identities, NOW, 'en', false);
    assert.deepEqual(gone.takes[0], { value: 'gone.mp4', label: 'gone.mp4 (missing)' });
    assert.equal(gone.takes.length, 2);
    const elsewhere = segmentTakeChoices(takes, board(['../out/x.mp4', undefined]), 0, identities, NOW, 'en', true);
    assert.deepEqual(elsewhere.takes[0], { value: '../out/x.mp4', label: 'x.mp4' });
  });

  it('says a take’s age in minutes, hours, then days, and leaves out a seed it does not have', () => {
    assert.equal(ageText(30_000).en, 'just now');
    assert.equal(ageText(59 * 60_000).en, '59 min ago');
    assert.equal(ageText(47 * 3_600_000).en, '47 h ago');
    assert.equal(ageText(72 * 3_600_000).zh, '3 天前');
    assert.equal(ageText(-5_000).en, 'just now', 'a clock behind the take');
    assert.equal(takeLabel(found('x.mp4', {}, 2), NOW, 'en'), 'x.mp4 · 2 min ago');
  });
});

describe('the takes in the storyboard’s folder', () => {
  it('reads its take files (not its subfolders, not other JSON) whose video is there', async () => {
    const folder = await tempDir();
    const write = (file: string, value: unknown) => writeFile(path.join(folder, file), JSON.stringify(value));
    await write('here.json', pricedTake({ video: { file: 'here.mp4', bytes: 1 } }));
    await writeFile(path.join(folder, 'here.mp4'), 'x');
    await write('gone.json', pricedTake({ video: { file: 'gone.mp4', bytes: 1 } }));
    await write('package.json', { name: 'not a take' });
    await mkdir(path.join(folder, 'deeper'));
    await write('deeper/below.json', pricedTake({ video: { file: 'below.mp4', bytes: 1 } }));
    await writeFile(path.join(folder, 'deeper', 'below.mp4'), 'x');
    const takes = await folderTakes(folder);
    assert.deepEqual(takes.map((take) => path.basename(take.videoPath)), ['here.mp4']);
  });

  it('knows each keyframe by its sha256, a URL by itself, and an unreadable one as nothing', async () => {
    const folder = await tempDir();
    const image = await writePng(folder, 'a.png', { width: 8, height: 8, from: [0, 0, 0], to: [255, 255, 255] });
    const ids = await frameIdentities([
      { written: 'a.png', field: 'keyframes[0]', line: 1, path: image },
      { written: 'https://x/b.png', field: 'keyframes[1]', line: 2, url: 'https://x/b.png' },
      { written: 'c.png', field: 'keyframes[2]', line: 3, path: path.join(folder, 'c.png') },
    ]);
    assert.deepEqual(ids, [{ sha256: await sha256File(image) }, { url: 'https://x/b.png' }, undefined]);
  });
});
