import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cutTail } from '../../../../src/core/media/cutTail';
import { readMediaInfo } from '../../../../src/core/media/mediaInfo';
import { readFilmSidecar, sha256File } from '../../../../src/core/storyboard/filmSidecar';
import { filmPaths, joinStoryboard } from '../../../../src/core/storyboard/storyboardJoin';
import { updateStoryboard } from '../../../../src/core/storyboard/storyboardWrite';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { tempDir } from '../../../support/files';
import { writeStoryboardIn, writeTakeBeside, writeVideo } from './storyboardFixtures';

const FRAME = 1 / 10;

async function threeTakes(dir: string) {
  for (const [index, name] of ['a.mp4', 'b.mp4', 'c.mp4'].entries()) await writeVideo(dir, name, { seconds: 2, tint: index * 40 });
  return writeStoryboardIn(dir, 4, [{ take: 'a.mp4' }, { take: 'b.mp4' }, { take: 'c.mp4' }]);
}

describe("joining a storyboard's takes", () => {
  it('names the film and its sidecar after the storyboard', () => {
    assert.deepEqual(filmPaths('/w/trip.storyboard.json'), { film: path.join('/w', 'trip.mp4'), sidecar: path.join('/w', 'trip.json') });
    assert.deepEqual(filmPaths('/w/plan.json'), { film: path.join('/w', 'plan.mp4'), sidecar: path.join('/w', 'plan.film.json') }, 'never the storyboard itself');
  });

  it('joins every chosen take into <name>.mp4 beside it, hiding the shared frame at each cut, with a sidecar listing them', async () => {
    const dir = await tempDir('wk-sbj-');
    const { file } = await threeTakes(dir);
    const result = await joinStoryboard(file, { now: () => new Date('2026-12-04T05:00:00Z') });
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    const info = await readMediaInfo(result.film);
    assert.ok(info.kind === 'media');
    // 3 × 2 s, less the frame each later segment starts with (shown once).
    assert.ok(Math.abs((info.duration ?? 0) - (6 - 2 * FRAME)) < 0.01, String(info.duration));
    const read = await readFilmSidecar(result.sidecar);
    assert.ok(read.kind === 'ours');
    assert.deepEqual(read.sidecar.segments.map((segment) => segment.video), ['a.mp4', 'b.mp4', 'c.mp4']);
    assert.equal(read.sidecar.segments[1]?.sha256, await sha256File(path.join(dir, 'b.mp4')));
    assert.deepEqual(read.sidecar.cuts.map((cut) => [cut.after, cut.before, cut.frame]), [[0, 1, 'hid-last-frame'], [1, 2, 'hid-last-frame']]);
    assert.equal(read.sidecar.video.sha256, await sha256File(result.film));
    assert.equal(read.sidecar.storyboard, 'film.storyboard.json');
    assert.equal(read.sidecar.joinedAt, '2026-12-04T05:00:00.000Z');
    assert.ok(!(await readdir(dir)).some((name) => name.startsWith('.')), 'no temporary file is left');
  });

  it('leaves a film that joins the same takes as it is, and joins again when a take changes', async () => {
    const dir = await tempDir('wk-sbj-');
    const { file } = await threeTakes(dir);
    const first = await joinStoryboard(file);
    assert.ok(first.kind === 'joined');
    const before = await sha256File(first.film);
    assert.equal((await joinStoryboard(file)).kind, 'up-to-date');
    await writeVideo(dir, 'b.mp4', { seconds: 3, tint: 99 });
    const again = await joinStoryboard(file);
    assert.ok(again.kind === 'joined');
    assert.notEqual(await sha256File(again.film), before);
    const info = await readMediaInfo(again.film);
    assert.ok(info.kind === 'media' && Math.abs((info.duration ?? 0) - (7 - 2 * FRAME)) < 0.01);
  });

  it('refuses takes of different dimensions, naming the segment, and writes nothing', async () => {
    const dir = await tempDir('wk-sbj-');
    await writeVideo(dir, 'a.mp4');
    await writeVideo(dir, 'b.mp4', { width: 96, height: 64 });
    const { file } = await writeStoryboardIn(dir, 3, [{ take: 'a.mp4' }, { take: 'b.mp4' }]);
    const listed = (await readdir(dir)).sort();
    const result = await joinStoryboard(file);
    assert.ok(result.kind === 'refused' && result.segment === 1 && result.reason === 'dimensions' && /96×64/.test(result.detail), JSON.stringify(result));
    assert.deepEqual((await readdir(dir)).sort(), listed);
  });

  it('says which segments have no usable take yet', async () => {
    const dir = await tempDir('wk-sbj-');
    await writeVideo(dir, 'a.mp4');
    const { file } = await writeStoryboardIn(dir, 4, [{ take: 'a.mp4' }, {}, { take: 'gone.mp4' }]);
    assert.deepEqual(await joinStoryboard(file), { kind: 'not-ready', segments: [{ index: 1, needs: 'no-take' }, { index: 2, needs: 'take-missing' }] });
  });

  it('never replaces a file at the film path that is not a film of ours', async () => {
    const dir = await tempDir('wk-sbj-');
    const { file } = await threeTakes(dir);
    await writeFile(path.join(dir, 'film.mp4'), 'my own film');
    assert.deepEqual(await joinStoryboard(file), { kind: 'target-exists', file: path.join(dir, 'film.mp4') });
    assert.equal(await readFile(path.join(dir, 'film.mp4'), 'utf8'), 'my own film');
  });

  it('never replaces a film of ours the user changed since, nor a sidecar path holding another file', async () => {
    const dir = await tempDir('wk-sbj-');
    const { file } = await threeTakes(dir);
    assert.equal((await joinStoryboard(file)).kind, 'joined');
    await writeVideo(dir, 'film.mp4', { seconds: 1, tint: 7 });
    await writeVideo(dir, 'b.mp4', { seconds: 3, tint: 99 });
    const edited = await sha256File(path.join(dir, 'film.mp4'));
    assert.deepEqual(await joinStoryboard(file), { kind: 'target-exists', file: path.join(dir, 'film.mp4') });
    assert.equal(await sha256File(path.join(dir, 'film.mp4')), edited);
    const other = await tempDir('wk-sbj-');
    const second = await threeTakes(other);
    await writeFile(path.join(other, 'film.json'), '{"notes":"mine"}');
    assert.deepEqual(await joinStoryboard(second.file), { kind: 'target-exists', file: path.join(other, 'film.json') });
    assert.ok(!(await readdir(other)).includes('film.mp4'));
  });

  it('leaves out a take the next segment continued whole: the next take already holds it', async () => {
    const dir = await tempDir('wk-sbj-');
    const a = await writeVideo(dir, 'a.mp4', { seconds: 2 });
    await writeVideo(dir, 'b.mp4', { seconds: 4, tint: 50 });
    await writeTakeBeside(path.join(dir, 'b.mp4'), { inputs: { [ROLE.clip]: { path: 'a.mp4', sha256: await sha256File(a), bytes: 1, format: 'mp4' } } });
    const { file } = await writeStoryboardIn(dir, 3, [{ take: 'a.mp4' }, { take: 'b.mp4', mode: 'continue', duration: 4 }]);
    const result = await joinStoryboard(file);
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    assert.deepEqual(result.segments.map((segment) => segment.left ?? 'in film'), ['continued-by-next', 'in film']);
    assert.deepEqual(result.cuts, []);
    const info = await readMediaInfo(result.film);
    assert.ok(info.kind === 'media' && Math.abs((info.duration ?? 0) - 4) < 0.01);
    // Made from keyframes instead, the same takes make another film: joined again, both in it.
    await updateStoryboard(file, ({ storyboard }) => ({ ...storyboard, segments: storyboard.segments.map(({ mode: _mode, ...segment }) => segment) }));
    const again = await joinStoryboard(file);
    assert.ok(again.kind === 'joined', JSON.stringify(again));
    assert.deepEqual(again.segments.map((segment) => segment.used > 0), [true, true]);
  });

  it("joins a take continued from the previous take's last part: that take up to the cut, then the next whole", async () => {
    const dir = await tempDir('wk-sbj-');
    const a = await writeVideo(dir, 'a.mp4', { seconds: 4 });
    const cut = await cutTail(a, { maxSeconds: 2.5 });
    assert.ok(cut.kind === 'cut' && cut.start === 2);
    await writeVideo(dir, 'b.mp4', { seconds: 5, tint: 50 });
    await writeTakeBeside(path.join(dir, 'b.mp4'), { inputs: { [ROLE.clip]: { path: path.basename(cut.file), sha256: await sha256File(cut.file), bytes: 1, format: 'mp4' } } });
    const { file } = await writeStoryboardIn(dir, 3, [{ take: 'a.mp4' }, { take: 'b.mp4', mode: 'continue', duration: 5 }]);
    const result = await joinStoryboard(file);
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    assert.deepEqual(result.segments.map((segment) => [segment.trimmedAt, segment.left, Math.round(segment.used / FRAME)]), [[2, undefined, 20], [undefined, undefined, 50]]);
    assert.deepEqual(result.cuts.map((cut) => [cut.after, cut.before, cut.frame, cut.trimmedAt, cut.at]), [[0, 1, 'trimmed-head-at', 2, 2]]);
    const info = await readMediaInfo(result.film);
    assert.ok(info.kind === 'media' && Math.abs((info.duration ?? 0) - 7) < 0.01, JSON.stringify(info));
    const read = await readFilmSidecar(result.sidecar);
    assert.ok(read.kind === 'ours' && read.sidecar.segments[0]?.trimmedAt === 2 && read.sidecar.cuts[0]?.frame === 'trimmed-head-at');
    assert.equal((await joinStoryboard(file)).kind, 'up-to-date');
  });

  it('refuses a continued take whose clip is gone, changed, or not cut from the previous take, and writes nothing', async () => {
    const dir = await tempDir('wk-sbj-');
    await writeVideo(dir, 'a.mp4', { seconds: 4 });
    const other = await cutTail(await writeVideo(dir, 'x.mp4', { seconds: 4, tint: 90 }), { maxSeconds: 2.5 });
    assert.ok(other.kind === 'cut');
    await writeVideo(dir, 'b.mp4', { seconds: 4, tint: 50 });
    const { file } = await writeStoryboardIn(dir, 3, [{ take: 'a.mp4' }, { take: 'b.mp4', mode: 'continue', duration: 4 }]);
    const clips = [
      { path: 'a.last10s.mp4', sha256: 'c'.repeat(64), detail: /is not beside it as it was sent/ },
      { path: path.basename(other.file), sha256: 'c'.repeat(64), detail: /is not beside it as it was sent/ },
      { path: path.basename(other.file), sha256: await sha256File(other.file), detail: /is not a cut of segment 1's chosen take/ },
    ];
    for (const clip of clips) {
      await writeTakeBeside(path.join(dir, 'b.mp4'), { inputs: { [ROLE.clip]: { path: clip.path, sha256: clip.sha256, bytes: 1, format: 'mp4' } } });
      const result = await joinStoryboard(file);
      assert.ok(result.kind === 'refused' && result.reason === 'continuation' && result.segment === 1 && clip.detail.test(result.detail), JSON.stringify(result));
    }
    assert.ok(!(await readdir(dir)).includes('film.mp4'));
  });
});
