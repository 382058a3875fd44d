import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readMediaInfo } from '../../../src/core/media/mediaInfo';
import { readFilmSidecar } from '../../../src/core/storyboard/filmSidecar';
import { joinStoryboard } from '../../../src/core/storyboard/storyboardJoin';
import { createStoryboard, updateStoryboard } from '../../../src/core/storyboard/storyboardWrite';
import { tempDir, writePng } from '../../support/files';
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
});
