import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cutTail } from '../../../src/core/media/cutTail';
import { readMediaInfo } from '../../../src/core/media/mediaInfo';
import { readFilmSidecar, sha256File } from '../../../src/core/storyboard/filmSidecar';
import { joinStoryboard } from '../../../src/core/storyboard/storyboardJoin';
import { createStoryboard, updateStoryboard } from '../../../src/core/storyboard/storyboardWrite';
import { ROLE } from '../../../src/shared/mediaRoles';
import { tempDir, writePng } from '../../support/files';
import { writeTakeBeside } from '../../unit/core/storyboard/storyboardFixtures';
import { decodeErrors, ffmpegClip, ffprobe } from '../media/ffmpegClips';

const FPS = 30;

/** Keyframes k0…kN and a storyboard over them whose segments' takes are the given videos. */
async function storyboardOf(dir: string, videos: string[]): Promise<string> {
  const frames = await Promise.all(Array.from({ length: videos.length + 1 }, (_, index) => writePng(dir, `k${index}.png`, { width: 64, height: 48, from: [index * 40, 0, 0], to: [0, 0, index * 40] })));
  const file = path.join(dir, 'trip.storyboard.json');
  const created = await createStoryboard(frames, file);
  assert.equal(created.kind, 'written');
  const update = await updateStoryboard(file, ({ storyboard }) => ({ ...storyboard, segments: storyboard.segments.map((segment, index) => ({ ...segment, take: path.basename(videos[index] as string) })) }));
  assert.equal(update.kind, 'written');
  return file;
}

describe('a storyboard joined from real H.264 takes (ffmpeg)', () => {
  it('3 takes → one mp4 beside the storyboard, as long as their sum less the frame hidden at each cut', async () => {
    const dir = await tempDir('wk-sb-core-');
    const videos = await Promise.all([2, 3, 2].map((seconds, index) => ffmpegClip(path.join(dir, `take${index}.mp4`), { seconds, bFrames: false, tone: 220 + 110 * index })));
    const file = await storyboardOf(dir, videos);
    const result = await joinStoryboard(file);
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    assert.equal(result.film, path.join(dir, 'trip.mp4'));
    const hidden = result.cuts.filter((cut) => cut.frame === 'hid-last-frame').length;
    assert.equal(hidden, 2, 'no B-frames: the shared frame shows once at each cut');
    const sum = (await Promise.all(videos.map((video) => readMediaInfo(video)))).reduce((total, info) => total + (info.kind === 'media' ? (info.video?.end ?? 0) - (info.video?.start ?? 0) : Number.NaN), 0);
    const film = await readMediaInfo(result.film);
    assert.ok(film.kind === 'media' && film.video);
    assert.ok(Math.abs(film.video.end - film.video.start - (sum - hidden / FPS)) < 0.002, `${film.video.end} vs ${sum} − ${hidden} frames`);
    assert.equal(film.video.frames, 7 * FPS - hidden);
    const probed = await ffprobe(result.film);
    assert.deepEqual(probed.streams.map((stream) => stream.codec_name), ['h264', 'aac']);
    assert.equal(await decodeErrors(result.film), '');
    const sidecar = await readFilmSidecar(path.join(dir, 'trip.json'));
    assert.ok(sidecar.kind === 'ours');
    assert.deepEqual(sidecar.sidecar.segments.map((segment) => segment.video), ['take0.mp4', 'take1.mp4', 'take2.mp4']);
    assert.ok(Math.abs((sidecar.sidecar.segments[1]?.seconds ?? 0) - 3) < 0.05);
  });

  it('takes of different dimensions → refused, naming the segment and both sizes, and nothing written', async () => {
    const dir = await tempDir('wk-sb-core-');
    const videos = [
      await ffmpegClip(path.join(dir, 'take0.mp4'), { seconds: 2, bFrames: false }),
      await ffmpegClip(path.join(dir, 'take1.mp4'), { seconds: 2, bFrames: false }),
      await ffmpegClip(path.join(dir, 'take2.mp4'), { seconds: 2, bFrames: false, width: 1280, height: 720 }),
    ];
    const file = await storyboardOf(dir, videos);
    const before = (await readdir(dir)).sort();
    const result = await joinStoryboard(file);
    assert.ok(result.kind === 'refused' && result.segment === 2 && result.reason === 'dimensions', JSON.stringify(result));
    assert.match(result.detail, /1280×720.*640×360/);
    assert.deepEqual((await readdir(dir)).sort(), before);
  });

  it("a take continued from the last part of the previous one (B-frames, sound): that take up to the cut, then the next whole", async () => {
    const dir = await tempDir('wk-sb-core-');
    const first = await ffmpegClip(path.join(dir, 'take0.mp4'), { seconds: 4, gop: FPS, tone: 220 });
    const cut = await cutTail(first, { maxSeconds: 2.5 });
    assert.ok(cut.kind === 'cut' && Math.abs(cut.start - 2) < 0.001, JSON.stringify(cut));
    const second = await ffmpegClip(path.join(dir, 'take1.mp4'), { seconds: 5, gop: FPS, tone: 330 });
    await writeTakeBeside(second, { inputs: { [ROLE.clip]: { path: path.basename(cut.file), sha256: await sha256File(cut.file), bytes: 1, format: 'mp4' } } });
    const file = await storyboardOf(dir, [first, second]);
    await updateStoryboard(file, ({ storyboard }) => ({ ...storyboard, segments: storyboard.segments.map((segment, index) => (index === 1 ? { ...segment, mode: 'continue' as const } : segment)) }));
    const result = await joinStoryboard(file);
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    assert.deepEqual(result.cuts.map((c) => [c.frame, c.trimmedAt]), [['trimmed-head-at', cut.start]]);
    const film = await readMediaInfo(result.film);
    assert.ok(film.kind === 'media' && film.video);
    assert.equal(film.video.frames, 2 * FPS + 5 * FPS, 'the first take up to its keyframe at 2 s, then all of the second');
    assert.ok(Math.abs(film.video.end - film.video.start - 7) < 0.002, String(film.video.end));
    assert.deepEqual((await ffprobe(result.film)).streams.map((stream) => stream.codec_name), ['h264', 'aac']);
    assert.equal(await decodeErrors(result.film), '');
  });
});
