import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { joinSegments } from '../../../src/core/media/join';
import { tempDir } from '../../support/files';
import { decodeErrors, ffmpegClip, ffprobe, sha256, videoFrames } from './ffmpegClips';

const FRAME = 1 / 30;

async function segments(dir: string, count: number, spec: Parameters<typeof ffmpegClip>[1]): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => ffmpegClip(path.join(dir, `segment${index + 1}.mp4`), { ...spec, tone: spec.tone ? spec.tone + 110 * index : undefined })));
}

describe('joining real H.264/AAC segments', () => {
  it('without B-frames (as the service and simulator write them): the shared frame shows once at each cut', async () => {
    const dir = await tempDir('wk-join-');
    const files = await segments(dir, 3, { seconds: 3, bFrames: false, tone: 330 });
    const before = await Promise.all(files.map(sha256));
    const film = path.join(dir, 'film.mp4');
    const result = await joinSegments(files, film);
    assert.ok(result.kind === 'joined', JSON.stringify(result));
    const probed = await ffprobe(film);
    const sum = (await Promise.all(files.map(ffprobe))).reduce((total, segment) => total + segment.duration, 0);
    assert.ok(Math.abs(probed.duration - sum) <= 2 * FRAME + 0.001, `${probed.duration} vs ${sum}: within one frame per cut`);
    assert.deepEqual(probed.streams.map((stream) => stream.codec_name), ['h264', 'aac']);
    const frames = await videoFrames(film);
    const parts = await Promise.all(files.map(videoFrames));
    assert.equal(frames.length, parts.reduce((total, part) => total + part.length, 0) - 2);
    // Each segment's keyframes, placed where the one before it ends less its hidden last frame.
    const expected = parts.flatMap((part, index) => {
      const start = parts.slice(0, index).reduce((total, earlier) => total + earlier.length - 1, 0);
      return part.filter((frame) => frame.key).map((frame) => start + Math.round(frame.time / FRAME));
    });
    assert.deepEqual(frames.filter((frame) => frame.key).map((frame) => Math.round(frame.time / FRAME)), expected);
    assert.deepEqual(result.cuts.map((cut) => cut.frame), ['hid-last-frame', 'hid-last-frame']);
    assert.equal(await decodeErrors(film), '');
    assert.deepEqual(await Promise.all(files.map(sha256)), before);
  });

  it('with B-frames: both copies stay, the film is the sum of its segments, and says why', async () => {
    const dir = await tempDir('wk-join-');
    const files = await segments(dir, 2, { seconds: 2, tone: 220 });
    const film = path.join(dir, 'film.mp4');
    const result = await joinSegments(files, film);
    assert.ok(result.kind === 'joined');
    assert.deepEqual(result.cuts.map((cut) => [cut.frame, cut.why]), [['kept-both', 'reordered-frames']]);
    const probed = await ffprobe(film);
    assert.ok(Math.abs(probed.duration - 4) <= FRAME, String(probed.duration));
    assert.deepEqual(probed.streams.map((stream) => stream.codec_type), ['video', 'audio']);
    assert.equal(await decodeErrors(film), '');
  });

  it('silent segments make a silent film: one video track', async () => {
    const dir = await tempDir('wk-join-');
    const result = await joinSegments(await segments(dir, 2, { seconds: 2, bFrames: false }), path.join(dir, 'film.mp4'));
    assert.ok(result.kind === 'joined' && result.audio.kind === 'none');
    assert.deepEqual((await ffprobe(path.join(dir, 'film.mp4'))).streams.map((stream) => stream.codec_name), ['h264']);
  });

  it('refuses segments of another resolution, saying which, and writes nothing', async () => {
    const dir = await tempDir('wk-join-');
    const small = await ffmpegClip(path.join(dir, 'a.mp4'), { seconds: 2, bFrames: false });
    const large = await ffmpegClip(path.join(dir, 'b.mp4'), { seconds: 2, bFrames: false, width: 1280, height: 720 });
    const result = await joinSegments([small, large], path.join(dir, 'film.mp4'));
    assert.ok(result.kind === 'refused' && result.segment === 1 && /1280×720/.test(result.detail), JSON.stringify(result));
    assert.deepEqual((await readdir(dir)).sort(), ['a.mp4', 'b.mp4']);
  });

  it('a process killed in the middle of a join leaves no mp4 at the final path', async () => {
    const dir = await tempDir('wk-join-');
    const files = await segments(dir, 3, { seconds: 6, bFrames: false, width: 1280, height: 720, bitrate: '24M', tone: 330 });
    const film = path.join(dir, 'film.mp4');
    const child = spawn(process.execPath, ['-e', `require(${JSON.stringify(require.resolve('../../../src/core/media/join'))}).joinSegments(${JSON.stringify(files)}, ${JSON.stringify(film)})`], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let partial: string | undefined;
    for (let waited = 0; !partial && waited < 30_000; waited += 2) {
      partial = (await readdir(dir)).find((name) => name.endsWith('.partial'));
      if (!partial) await sleep(2);
    }
    assert.ok(partial, 'the join started writing');
    child.kill('SIGKILL');
    await exited;
    const left = await readdir(dir);
    assert.ok(!left.includes('film.mp4'), left.join(' '));
    assert.ok(left.every((name) => name.startsWith('segment') || name.endsWith('.partial')), left.join(' '));
  });
});
