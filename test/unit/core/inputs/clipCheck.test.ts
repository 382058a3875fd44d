import * as assert from 'node:assert/strict';
import { stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { clipLimits, MODELS } from '../../../../src/core/catalog/models';
import { clipProblems, inspectClip } from '../../../../src/core/inputs/clipCheck';
import type { Problem } from '../../../../src/core/inputs/problems';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { tempDir } from '../../../support/files';
import { type ClipSpec, GIF_BYTES, padWithFreeBox, writeClip, writeWebm } from '../media/mp4Fixtures';

const LIMITS = clipLimits(MODELS['wan2.7-i2v']);
const MB = 1024 * 1024;

/** The clips of these tests, written once: real mp4/mov files made here, and the wrong files a user may pick. */
const FILES = (async () => {
  const dir = await tempDir();
  const clip = (name: string, spec: Partial<ClipSpec>) => writeClip(path.join(dir, name), { width: 480, height: 320, seconds: 3, ...spec });
  const raw = async (name: string, bytes: Uint8Array | string) => {
    await writeFile(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  const big = await clip('big.mp4', { audio: {} });
  padWithFreeBox(big, (await stat(big)).size, 120 * MB);
  return {
    withSound: await clip('take.mp4', { audio: {} }),
    silentMov: await clip('take.mov', { format: 'mov' }),
    gif: await raw('anim.mp4', GIF_BYTES),
    webm: await writeWebm(path.join(dir, 'clip.webm')),
    text: await raw('notes.mp4', 'shot list: 1. the cat 2. the sky\n'),
    empty: await raw('empty.mp4', ''),
    oneSecond: await clip('short.mp4', { seconds: 1 }),
    longCuttable: await clip('long.mp4', { width: 320, height: 240, seconds: 12.5, keyEvery: 1, audio: {} }),
    longOneKey: await clip('long-one-key.mp4', { width: 320, height: 240, seconds: 11, keyEvery: Infinity }),
    wide: await clip('wide.mp4', { width: 5000, height: 640, seconds: 2, keyEvery: Infinity, fps: 5 }),
    tiny: await clip('tiny.mp4', { width: 200, height: 200 }),
    narrow: await clip('narrow.mp4', { width: 2000, height: 240, keyEvery: Infinity }),
    big,
    voiceOnly: await clip('voice.mp4', { audio: {}, video: false }),
    missing: path.join(dir, 'missing.mp4'),
  };
})();

async function check(file: string): Promise<Problem[]> {
  const { facts, problems } = await inspectClip(file, ROLE.clip);
  if (!facts) return problems;
  assert.ok(LIMITS);
  return clipProblems(ROLE.clip, facts, LIMITS);
}

const codes = (problems: Problem[]) => problems.map((problem) => problem.code);

describe('checking a first clip before anything is sent', () => {
  it('passes a good mp4 with sound and a good mov without, with what was read of each', async () => {
    const f = await FILES;
    assert.deepEqual(await check(f.withSound), []);
    assert.deepEqual(await check(f.silentMov), []);
    const { facts } = await inspectClip(f.withSound, ROLE.clip);
    assert.equal(facts?.kind, 'video');
    assert.deepEqual([facts?.probe.format, facts?.probe.width, facts?.probe.height, facts?.probe.videoCodec, facts?.probe.audioCodec], ['mp4', 480, 320, 'avc', 'aac']);
    assert.ok(Math.abs((facts?.probe.seconds ?? 0) - 3) < 0.05);
    assert.equal(facts?.bytes, (await stat(f.withSound)).size);
  });

  it('says what a file that is no mp4 or mov is: a GIF, a WebM, text renamed to .mp4, an empty file', async () => {
    const f = await FILES;
    assert.deepEqual(await check(f.gif), [{ code: 'clip-format', role: ROLE.clip, format: 'GIF' }]);
    assert.deepEqual(await check(f.webm), [{ code: 'clip-format', role: ROLE.clip, format: 'WebM' }]);
    assert.deepEqual(await check(f.text), [{ code: 'clip-not-a-video', role: ROLE.clip, text: true }]);
    assert.deepEqual(await check(f.empty), [{ code: 'file-empty', role: ROLE.clip }]);
    assert.deepEqual(await check(f.missing), [{ code: 'file-missing', role: ROLE.clip }]);
    assert.deepEqual(await check(f.voiceOnly), [{ code: 'clip-no-video', role: ROLE.clip }]);
  });

  it('gives each broken limit its own problem: 1 s, 5000 px wide, 120 MB, 200 px, narrower than 1:8', async () => {
    const f = await FILES;
    assert.deepEqual(codes(await check(f.oneSecond)), ['clip-too-short']);
    assert.deepEqual(await check(f.wide), [{ code: 'clip-too-large', role: ROLE.clip, width: 5000, height: 640, max: 4096 }]);
    assert.deepEqual(await check(f.big), [{ code: 'clip-too-many-bytes', role: ROLE.clip, bytes: 120 * MB, max: 100 * MB }]);
    assert.deepEqual(codes(await check(f.tiny)), ['clip-too-small']);
    assert.deepEqual(codes(await check(f.narrow)), ['clip-aspect']);
  });

  it('over 10 s, says from which keyframe its last 10 s can be cut, or that no keyframe allows it', async () => {
    const f = await FILES;
    const [long] = await check(f.longCuttable);
    assert.ok(long?.code === 'clip-too-long', JSON.stringify(long));
    assert.equal(long.cutAt, 3);
    assert.ok(Math.abs(long.keeps - 9.5) < 0.05 && long.max === 10, JSON.stringify(long));
    assert.deepEqual(await check(f.longOneKey), [{ code: 'clip-too-long-no-keyframe', role: ROLE.clip, seconds: 11, max: 10, min: 2 }]);
  });

  it('a clip cut short is damaged, not passed', async () => {
    const f = await FILES;
    const { facts } = await inspectClip(f.withSound, ROLE.clip);
    assert.ok(facts && LIMITS);
    const damaged = clipProblems(ROLE.clip, { ...facts, probe: { ...facts.probe, damaged: 'the video track’s last samples are missing' } }, LIMITS);
    assert.deepEqual(codes(damaged), ['clip-malformed']);
  });
});
