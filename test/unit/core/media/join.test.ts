import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { joinSegments } from '../../../../src/core/media/join';
import { type MediaInfo, readMediaInfo } from '../../../../src/core/media/mediaInfo';
import { tempDir } from '../../../support/files';
import { type ClipSpec, writeClip } from './mp4Fixtures';

const FRAME = 1 / 30;

async function segments(dir: string, ...specs: Array<Partial<ClipSpec>>): Promise<string[]> {
  return Promise.all(specs.map((spec, index) => writeClip(path.join(dir, `s${index + 1}.mp4`), { width: 320, height: 240, seconds: 2, keyEvery: 1, tint: index, ...spec })));
}

async function media(file: string): Promise<Extract<MediaInfo, { kind: 'media' }>> {
  const info = await readMediaInfo(file, { keyframes: true });
  assert.equal(info.kind, 'media', JSON.stringify(info));
  return info as Extract<MediaInfo, { kind: 'media' }>;
}

const hashes = async (files: string[]) => Promise.all(files.map(async (file) => createHash('sha256').update(await readFile(file)).digest('hex')));

describe('joining segments into one film without re-encoding', () => {
  it('with sound: one video and one audio track, the sum of the segments less one shared frame per cut', async () => {
    const dir = await tempDir();
    const files = await segments(dir, { audio: {} }, { audio: {}, seconds: 3 }, { audio: {} });
    const before = await hashes(files);
    const film = path.join(dir, 'film.mp4');
    const result = await joinSegments(files, film);
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    const made = await media(film);
    const infos = await Promise.all(files.map(media));
    const sum = infos.reduce((total, info) => total + (info.video?.end ?? 0), 0);
    assert.ok(Math.abs((made.video?.end ?? 0) - (sum - 2 * FRAME)) < 1e-3, `${made.video?.end} vs ${sum}`);
    assert.ok(Math.abs(result.seconds - (made.duration ?? 0)) < 1e-9);
    assert.equal(made.video?.frames, infos.reduce((total, info) => total + (info.video?.frames ?? 0), 0) - 2);
    assert.deepEqual(made.tracks.map((track) => track.codec), ['avc', 'aac']);
    assert.equal(made.video?.codecString, infos[0]?.video?.codecString);
    assert.deepEqual(made.video?.keyframes?.map((time) => Math.round(time / FRAME)), [0, 30, 59, 89, 119, 148, 178]);
    assert.ok(made.audio && Math.abs(made.audio.end - (made.video?.end ?? 0)) < 0.03, `sound ends with the picture: ${made.audio?.end}`);
    assert.deepEqual(result.cuts.map((cut) => cut.frame), ['hid-last-frame', 'hid-last-frame']);
    assert.ok(result.cuts.every((cut) => cut.audioGap !== undefined && cut.audioGap >= 0 && cut.audioGap < 0.03), JSON.stringify(result.cuts));
    assert.deepEqual(result.segments.map((segment) => Math.round(segment.used / FRAME)), [59, 89, 60]);
    assert.deepEqual(await hashes(files), before, 'the segments are only read');
    assert.deepEqual((await readdir(dir)).sort(), ['film.mp4', 's1.mp4', 's2.mp4', 's3.mp4']);
  });

  it('without sound: one video track; with sound in some segments only: the picture, and which segment lacks sound', async () => {
    const dir = await tempDir();
    const silent = await segments(dir, {}, {});
    const joined = await joinSegments(silent, path.join(dir, 'silent.mp4'));
    assert.ok(joined.kind === 'joined' && joined.audio.kind === 'none' && joined.cuts[0]?.audioGap === undefined);
    assert.deepEqual((await media(path.join(dir, 'silent.mp4'))).tracks.map((track) => track.type), ['video']);
    const mixed = await segments(await tempDir(), { audio: {} }, {});
    const partly = await joinSegments(mixed, path.join(dir, 'partly.mp4'));
    assert.ok(partly.kind === 'joined' && partly.audio.kind === 'left-out' && partly.audio.segment === 1);
    assert.deepEqual((await media(path.join(dir, 'partly.mp4'))).tracks.map((track) => track.type), ['video']);
  });

  it('keeps both copies of the shared frame where it cannot hide one, and the film is then the plain sum', async () => {
    const dir = await tempDir();
    const result = await joinSegments(await segments(dir, { reorderLast: true }, {}), path.join(dir, 'film.mp4'));
    assert.ok(result.kind === 'joined');
    assert.deepEqual(result.cuts.map((cut) => cut.frame), ['kept-both']);
    assert.ok(Math.abs(result.seconds - 4) < 1e-3, String(result.seconds));
  });

  it('refuses segments of different sizes before writing anything, and keeps them', async () => {
    const dir = await tempDir();
    const files = await segments(dir, {}, { width: 480, height: 320 });
    const result = await joinSegments(files, path.join(dir, 'film.mp4'));
    assert.ok(result.kind === 'refused' && result.reason === 'dimensions' && result.segment === 1);
    assert.deepEqual((await readdir(dir)).sort(), ['s1.mp4', 's2.mp4']);
  });

  it('never writes over an existing file, and an interrupted join leaves nothing at the target', async () => {
    const dir = await tempDir();
    const files = await segments(dir, {}, {});
    const film = path.join(dir, 'film.mp4');
    await writeFile(film, 'an earlier film');
    assert.deepEqual(await joinSegments(files, film), { kind: 'target-exists', file: film });
    assert.equal(await readFile(film, 'utf8'), 'an earlier film');
    const other = path.join(dir, 'other.mp4');
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(joinSegments(files, other, { signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual((await readdir(dir)).sort(), ['film.mp4', 's1.mp4', 's2.mp4']);
  });

  it('ends a segment just before a keyframe when asked (the next one continued it from there): nothing repeats', async () => {
    const dir = await tempDir();
    const [first, second] = await segments(dir, { audio: {}, seconds: 4 }, { audio: {}, seconds: 3 });
    const film = path.join(dir, 'film.mp4');
    const result = await joinSegments([{ file: first as string, until: 2 }, second as string], film);
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    assert.deepEqual(result.cuts.map(({ frame, trimmedAt, hidden, at }) => ({ frame, trimmedAt, hidden, at })), [{ frame: 'trimmed-head-at', trimmedAt: 2, hidden: 0, at: 2 }]);
    assert.deepEqual(result.segments.map((segment) => [Math.round(segment.seconds / FRAME), Math.round(segment.used / FRAME)]), [[120, 60], [90, 90]]);
    const made = await media(film);
    assert.ok(Math.abs((made.video?.end ?? 0) - 5) < 1e-3, String(made.video?.end));
    assert.equal(made.video?.frames, 60 + 90);
    assert.deepEqual(made.video?.keyframes?.map((time) => Math.round(time / FRAME)), [0, 30, 60, 90, 120]);
    assert.ok(made.audio && made.audio.end <= 5 + 0.03 && made.audio.end > 5 - 0.03, `sound ends with the picture: ${made.audio?.end}`);
    const notKey = await joinSegments([{ file: first as string, until: 1.5 }, second as string], path.join(dir, 'other.mp4'));
    assert.ok(notKey.kind === 'refused' && notKey.reason === 'no-keyframe-at-cut' && notKey.segment === 0, JSON.stringify(notKey));
    assert.deepEqual((await readdir(dir)).sort(), ['film.mp4', 's1.mp4', 's2.mp4']);
  });
});
