import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { unlink, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { audioLimits, type AudioLimits, MODELS, type ImageLimits } from '../../../../src/core/catalog/models';
import { audioProblems, changedSince, imageProblems, type ImageFacts, inspectAudio, inspectImage, sha256File } from '../../../../src/core/inputs/inspect';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { wavTone } from '../../../support/fixtures/audio';
import { encodePng } from '../../../support/fixtures/png';
import { tempDir } from '../../../support/files';

const WAN27 = MODELS['wan2.7-i2v'];
const FRAME: ImageLimits = { minSide: 240, maxSide: 8000, maxBytes: 1000, formats: ['png', 'jpeg'], maxAspect: 8 };
const AUDIO: AudioLimits = { formats: ['wav', 'mp3'], minSeconds: 2, maxSeconds: 30, maxBytes: 1000 };
const image = (probe: ImageFacts['probe'], bytes = 500): ImageFacts => ({ kind: 'image', path: '/x/frame.png', bytes, mtimeMs: 1, probe });
const codes = (problems: Array<{ code: string }>) => problems.map((problem) => problem.code).join(',');

describe('inspecting inputs', () => {
  it('reads a frame’s size and bytes from disk, and a missing file or a folder as a problem of its role', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'f.png');
    const png = encodePng({ width: 300, height: 260 });
    await writeFile(file, png);
    const read = await inspectImage(file, ROLE.last);
    assert.equal(read.facts?.bytes, png.length);
    assert.equal(`${read.facts?.probe.width}x${read.facts?.probe.height}`, '300x260');
    assert.deepEqual((await inspectImage(path.join(dir, 'gone.png'), ROLE.last)).problems, [{ code: 'file-missing', role: ROLE.last }]);
    const folder = await inspectImage(dir, ROLE.first);
    assert.equal(folder.facts, undefined);
    assert.equal(folder.problems[0]?.code, 'file-unreadable');
  });

  it('reads an audio file’s duration', async () => {
    const file = path.join(await tempDir(), 'voice.wav');
    await writeFile(file, wavTone(2.5));
    assert.equal((await inspectAudio(file)).facts?.probe.seconds, 2.5);
  });

  it('stops at the first thing that makes an image unusable', () => {
    assert.equal(codes(imageProblems(ROLE.first, image({ format: 'png', width: 300, height: 300 }, 0), FRAME)), 'file-empty');
    assert.equal(codes(imageProblems(ROLE.first, image({ format: 'unknown' }), FRAME)), 'image-not-an-image');
    assert.deepEqual(imageProblems(ROLE.last, image({ format: 'webp', width: 300, height: 300 }), FRAME), [{ code: 'image-format-unsupported', role: ROLE.last, format: 'webp' }]);
    assert.equal(codes(imageProblems(ROLE.first, image({ format: 'png', corrupt: 'truncated' }), FRAME)), 'image-truncated');
    assert.equal(codes(imageProblems(ROLE.first, image({ format: 'jpeg', corrupt: 'malformed' }), FRAME)), 'image-malformed');
    assert.equal(codes(imageProblems(ROLE.first, image({ format: 'png', width: 70_000, height: 500 }), FRAME)), 'image-implausible-size');
  });

  it('lists every limit a readable image breaks, each naming its role', () => {
    const problems = imageProblems(ROLE.last, image({ format: 'png', width: 9000, height: 200, hasAlpha: true }, 5000), FRAME);
    assert.equal(codes(problems), 'image-alpha,image-too-small,image-too-large,image-too-many-bytes,image-aspect');
    assert.ok(problems.every((problem) => 'role' in problem && problem.role === ROLE.last));
    assert.equal(imageProblems(ROLE.first, image({ format: 'png', width: 1920, height: 240, hasAlpha: false }), FRAME).length, 0);
    const noAspectLimit = imageProblems(ROLE.first, image({ format: 'png', width: 8000, height: 240 }), { ...FRAME, maxAspect: undefined });
    assert.equal(noAspectLimit.length, 0);
  });

  it('checks audio for emptiness, format, damage, size and length', () => {
    const audio = (probe: { format: 'wav' | 'mp3' | 'unknown'; seconds?: number; corrupt?: 'truncated' }, bytes = 500, file = '/x/a.ogg') => ({ kind: 'audio' as const, path: file, bytes, mtimeMs: 1, probe });
    assert.equal(codes(audioProblems(audio({ format: 'wav', seconds: 5 }, 0), AUDIO)), 'file-empty');
    assert.deepEqual(audioProblems(audio({ format: 'unknown' }), AUDIO), [{ code: 'audio-format', format: 'OGG' }]);
    assert.equal(codes(audioProblems(audio({ format: 'mp3', corrupt: 'truncated' }), AUDIO)), 'audio-malformed');
    assert.deepEqual(audioProblems(audio({ format: 'wav', seconds: 1.5 }), AUDIO), [{ code: 'audio-too-short', seconds: 1.5, min: 2 }]);
    assert.equal(codes(audioProblems(audio({ format: 'mp3', seconds: 31 }, 2000), AUDIO)), 'audio-too-many-bytes,audio-too-long');
    assert.equal(audioProblems(audio({ format: 'wav', seconds: 2 }), audioLimits(WAN27) as AudioLimits).length, 0);
  });

  it('notices a file changed, replaced or deleted since it was inspected, but never a URL', async () => {
    const file = path.join(await tempDir(), 'f.png');
    await writeFile(file, encodePng({ width: 300, height: 300 }));
    const facts = (await inspectImage(file, ROLE.first)).facts as ImageFacts;
    assert.equal(await changedSince(facts), false);
    await utimes(file, new Date(), new Date(facts.mtimeMs + 60_000));
    assert.equal(await changedSince(facts), true);
    await writeFile(file, encodePng({ width: 300, height: 301 }));
    assert.equal(await changedSince({ ...facts, mtimeMs: (await inspectImage(file, ROLE.first)).facts?.mtimeMs ?? 0 }), true, 'same time, other size');
    await unlink(file);
    assert.equal(await changedSince(facts), true);
    assert.equal(await changedSince({ ...facts, remote: true }), false);
  });

  it('hashes a file as its bytes hash', async () => {
    const file = path.join(await tempDir(), 'f.png');
    const bytes = encodePng({ width: 50, height: 50 });
    await writeFile(file, bytes);
    assert.equal(await sha256File(file), createHash('sha256').update(bytes).digest('hex'));
  });
});
