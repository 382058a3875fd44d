import * as assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type MediaInfo, readMediaInfo } from '../../../../src/core/media/mediaInfo';
import { tempDir } from '../../../support/files';
import { GIF_BYTES, padWithFreeBox, writeClip, writeWebm } from './mp4Fixtures';

function media(info: MediaInfo): Extract<MediaInfo, { kind: 'media' }> {
  assert.equal(info.kind, 'media', JSON.stringify(info));
  return info as Extract<MediaInfo, { kind: 'media' }>;
}

describe('reading what a media file is, from its boxes', () => {
  it('an mp4 with sound: container, duration, every track with its codec, the video and the audio', async () => {
    const file = await writeClip(path.join(await tempDir(), 'take.mp4'), { width: 480, height: 320, seconds: 3, fps: 25, audio: { sampleRate: 44100, channels: 2 } });
    const info = media(await readMediaInfo(file));
    assert.equal(info.container, 'mp4');
    assert.ok(Math.abs((info.duration ?? 0) - 3) < 0.05, String(info.duration));
    assert.deepEqual(info.tracks.map((track) => `${track.type}:${track.codec}`), ['video:avc', 'audio:aac']);
    assert.equal(info.video?.codec, 'avc');
    assert.match(info.video?.codecString ?? '', /^avc1\./);
    assert.equal(`${info.video?.width}x${info.video?.height}`, '480x320');
    assert.equal(info.video?.frames, 75);
    assert.ok(Math.abs((info.video?.frameRate ?? 0) - 25) < 0.01);
    assert.equal(info.video?.keyframes, undefined, 'keyframes only when asked');
    assert.equal(`${info.audio?.codec} ${info.audio?.sampleRate} ${info.audio?.channels}`, 'aac 44100 2');
    assert.equal(info.bytes, (await stat(file)).size);
  });

  it('a mov without sound, with its keyframe times when asked', async () => {
    const file = await writeClip(path.join(await tempDir(), 'take.mov'), { width: 320, height: 240, seconds: 3, keyEvery: 0.5, format: 'mov' });
    const info = media(await readMediaInfo(file, { keyframes: true }));
    assert.equal(info.container, 'mov');
    assert.equal(info.audio, undefined);
    assert.deepEqual(info.video?.keyframes?.map((time) => Math.round(time * 10) / 10), [0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('reads far less than a large file: the boxes, never the media', async () => {
    const file = await writeClip(path.join(await tempDir(), 'big.mp4'), { width: 320, height: 240, seconds: 4, audio: {} });
    padWithFreeBox(file, (await stat(file)).size, 100 * 1024 * 1024);
    const info = media(await readMediaInfo(file, { keyframes: true }));
    assert.equal(info.bytes, 100 * 1024 * 1024);
    assert.ok(info.bytesRead < 1024 * 1024, `${info.bytesRead} bytes read`);
  });

  it('a file that is no media says what its bytes are', async () => {
    const dir = await tempDir();
    const write = async (name: string, bytes: Uint8Array | string) => {
      await writeFile(path.join(dir, name), bytes);
      return readMediaInfo(path.join(dir, name));
    };
    assert.deepEqual(pick(await write('anim.mp4', GIF_BYTES)), { kind: 'not-media', what: 'gif' });
    assert.deepEqual(pick(await write('notes.mp4', 'these are my notes, not a video\n')), { kind: 'not-media', what: 'text' });
    assert.deepEqual(pick(await write('empty.mp4', '')), { kind: 'not-media', what: 'empty' });
  });

  it('other containers are named (their timeline is not read beyond the header)', async () => {
    const info = media(await readMediaInfo(await writeWebm(path.join(await tempDir(), 'x.webm')), { keyframes: true }));
    assert.equal(info.container, 'webm');
    assert.equal(info.video?.codec, 'vp8');
    assert.equal(info.video?.keyframes, undefined);
  });

  it('an mp4 cut short, or without its header, is damaged, and says so', async () => {
    const dir = await tempDir();
    const whole = await readFile(await writeClip(path.join(dir, 'whole.mp4'), { width: 320, height: 240, seconds: 3, audio: {} }));
    await writeFile(path.join(dir, 'cut.mp4'), whole.subarray(0, Math.floor(whole.length * 0.6)));
    const cut = await readMediaInfo(path.join(dir, 'cut.mp4'));
    assert.ok(cut.kind === 'damaged' && cut.container === 'mp4' && /cut short/.test(cut.detail), JSON.stringify(cut));
    const header = whole.subarray(0, 32);
    await writeFile(path.join(dir, 'headless.mp4'), Buffer.concat([header.subarray(0, header.readUInt32BE(0)), Buffer.from([0, 0, 0, 8, 0x6d, 0x64, 0x61, 0x74])]));
    assert.equal((await readMediaInfo(path.join(dir, 'headless.mp4'))).kind, 'damaged');
  });

  it('an mp4 of sound alone has no video', async () => {
    const info = media(await readMediaInfo(await writeClip(path.join(await tempDir(), 'voice.mp4'), { width: 320, height: 240, seconds: 3, audio: {}, video: false })));
    assert.equal(info.video, undefined);
    assert.equal(info.audio?.codec, 'aac');
  });

  it('a file that cannot be opened throws its file-system error', async () => {
    await assert.rejects(readMediaInfo(path.join(await tempDir(), 'missing.mp4')), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
  });
});

function pick(info: MediaInfo): { kind: string; what?: string } {
  return info.kind === 'not-media' ? { kind: info.kind, what: info.what } : { kind: info.kind };
}
