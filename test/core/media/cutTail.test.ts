import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cutTail } from '../../../src/core/media/cutTail';
import { tempDir } from '../../support/files';
import { decodeErrors, ffmpegClip, ffprobe, sha256, videoFrames } from './ffmpegClips';

describe('cutting a real H.264/AAC clip to its last 10 s', () => {
  it('starts the new file on the keyframe it names, keeps picture and sound in step, and plays cleanly', async () => {
    const dir = await tempDir('wk-cut-');
    const clip = await ffmpegClip(path.join(dir, 'take.mp4'), { seconds: 12.5, gop: 60, tone: 440 });
    const before = await sha256(clip);
    const result = await cutTail(clip, { maxSeconds: 10, minSeconds: 2 });
    assert.ok(result.kind === 'cut', JSON.stringify(result));
    assert.equal(result.start, 4, 'keyframes every 2 s: 12.5 − 4 = 8.5 s is the longest tail within 10 s');
    const probed = await ffprobe(result.file);
    assert.deepEqual(probed.streams.map((stream) => stream.codec_name), ['h264', 'aac']);
    assert.ok(Math.abs(probed.duration - 8.5) < 1 / 30, String(probed.duration));
    for (const stream of probed.streams) assert.ok(Math.abs(Number(stream.start_time)) < 0.001, `${stream.codec_name} starts at ${stream.start_time}`);
    const frames = await videoFrames(result.file);
    assert.deepEqual(frames[0], { time: 0, key: true });
    assert.equal(frames.length, 255);
    assert.equal(await decodeErrors(result.file), '');
    assert.equal(await sha256(clip), before, 'the original is only read');
  });

  it('says so when the clip has no keyframe in its last 10 s', async () => {
    const dir = await tempDir('wk-cut-');
    const clip = await ffmpegClip(path.join(dir, 'one-gop.mp4'), { seconds: 11, gop: 1000 });
    const result = await cutTail(clip, { maxSeconds: 10, minSeconds: 2 });
    assert.equal(result.kind, 'no-keyframe');
  });
});
