import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { clipLimits, MODELS } from '../../../src/core/catalog/models';
import { clipProblems, inspectClip } from '../../../src/core/inputs/clipCheck';
import type { Problem } from '../../../src/core/inputs/problems';
import { readMediaInfo } from '../../../src/core/media/mediaInfo';
import { ROLE } from '../../../src/shared/mediaRoles';
import { tempDir } from '../../support/files';
import { ffmpegClip } from './ffmpegClips';

async function check(file: string): Promise<Problem[]> {
  const { facts, problems } = await inspectClip(file, ROLE.clip);
  const limits = clipLimits(MODELS['wan2.7-i2v']);
  assert.ok(limits);
  return facts ? clipProblems(ROLE.clip, facts, limits) : problems;
}

describe('checking clips as cameras and editors write them', () => {
  it('passes ffmpeg’s mp4 (header at the end, B-frames, AAC) and mov, reading only their boxes', async () => {
    const dir = await tempDir('wk-clip-');
    const mp4 = await ffmpegClip(path.join(dir, 'take.mp4'), { seconds: 5, tone: 440, width: 1280, height: 720, bitrate: '8M' });
    assert.deepEqual(await check(mp4), []);
    assert.deepEqual(await check(await ffmpegClip(path.join(dir, 'take.mov'), { seconds: 3, format: 'mov' })), []);
    const info = await readMediaInfo(mp4, { keyframes: true });
    assert.ok(info.kind === 'media' && info.bytesRead < info.bytes / 10, `${info.bytesRead} of ${info.bytes} bytes`);
  });

  it('names a WebM and a GIF, and offers the cut of a clip over 10 s at its real keyframe', async () => {
    const dir = await tempDir('wk-clip-');
    assert.deepEqual(await check(await ffmpegClip(path.join(dir, 'clip.webm'), { seconds: 3, format: 'webm' })), [{ code: 'clip-format', role: ROLE.clip, format: 'WebM' }]);
    assert.deepEqual(await check(await ffmpegClip(path.join(dir, 'clip.gif'), { seconds: 1, format: 'gif', width: 320, height: 240 })), [{ code: 'clip-format', role: ROLE.clip, format: 'GIF' }]);
    const [long] = await check(await ffmpegClip(path.join(dir, 'long.mp4'), { seconds: 11, gop: 45, tone: 220 }));
    assert.ok(long?.code === 'clip-too-long' && long.cutAt === 1.5, JSON.stringify(long));
  });
});
