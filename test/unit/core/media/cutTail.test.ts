import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cutTail, tailFileName, tailStart } from '../../../../src/core/media/cutTail';
import { readMediaInfo } from '../../../../src/core/media/mediaInfo';
import { tempDir } from '../../../support/files';
import { GIF_BYTES, writeClip } from './mp4Fixtures';

const hash = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('where the last seconds of a clip can start', () => {
  it('at the earliest keyframe that leaves at most the limit, whatever order the keyframes come in', () => {
    assert.equal(tailStart([0, 1, 2, 3, 4], 12, 10), 2);
    assert.equal(tailStart([4, 0, 3], 12, 10), 3);
    assert.equal(tailStart([0, 1.9999], 12, 10), 1.9999, 'a timestamp a hair early still counts');
  });

  it('nowhere when no keyframe is that close to the end, or the rest would be too short', () => {
    assert.equal(tailStart([0], 11, 10), undefined);
    assert.equal(tailStart([0, 10.5], 11, 10, 2), undefined, 'leaving 0.5 s is no clip');
    assert.equal(tailStart([], 11, 10), undefined);
  });

  it('is named beside the clip after what it keeps', () => {
    assert.equal(tailFileName('/films/take.mp4', 10), '/films/take.last10s.mp4');
    assert.equal(tailFileName('/films/take.mov', 8), '/films/take.last8s.mov');
  });
});

describe('cutting a clip to its last seconds without re-encoding', () => {
  it('writes a new file beside it from the keyframe, says where, and leaves the original as it was', async () => {
    const dir = await tempDir();
    const clip = await writeClip(path.join(dir, 'take.mp4'), { width: 320, height: 240, seconds: 12.5, keyEvery: 1, audio: {} });
    const before = { hash: await hash(clip), mtime: (await stat(clip)).mtimeMs };
    const result = await cutTail(clip, { maxSeconds: 10, minSeconds: 2 });
    assert.equal(result.kind, 'cut', JSON.stringify(result));
    assert.ok(result.kind === 'cut');
    assert.equal(result.start, 3);
    assert.equal(result.file, path.join(dir, 'take.last10s.mp4'));
    assert.ok(result.seconds <= 10 && result.seconds > 9.4, String(result.seconds));
    const made = await readMediaInfo(result.file, { keyframes: true });
    assert.ok(made.kind === 'media');
    assert.equal(made.video?.keyframes?.[0], 0, 'it starts on a keyframe');
    assert.equal(made.video?.frames, 285);
    assert.deepEqual(made.tracks.map((track) => track.codec), ['avc', 'aac']);
    // The sound from the cut on, with up to two packets before it that prime the decoder (negative times: the edit list hides them).
    assert.ok(made.audio && made.audio.start <= 0 && made.audio.start > -0.05, `sound starts with the picture (${made.audio?.start})`);
    assert.deepEqual({ hash: await hash(clip), mtime: (await stat(clip)).mtimeMs }, before);
    assert.deepEqual((await readdir(dir)).sort(), ['take.last10s.mp4', 'take.mp4']);
  });

  it('says when there is nothing to cut, or no keyframe to cut at, and writes nothing', async () => {
    const dir = await tempDir();
    const short = await writeClip(path.join(dir, 'short.mp4'), { width: 320, height: 240, seconds: 4 });
    assert.deepEqual(await cutTail(short, { maxSeconds: 10 }), { kind: 'short-enough', seconds: 4 });
    const oneKey = await writeClip(path.join(dir, 'one-key.mp4'), { width: 320, height: 240, seconds: 11, keyEvery: Infinity });
    assert.deepEqual(await cutTail(oneKey, { maxSeconds: 10, minSeconds: 2 }), { kind: 'no-keyframe', seconds: 11, maxSeconds: 10, minSeconds: 2 });
    assert.deepEqual((await readdir(dir)).sort(), ['one-key.mp4', 'short.mp4']);
  });

  it('never writes over an existing file, and refuses what is not a clip', async () => {
    const dir = await tempDir();
    const clip = await writeClip(path.join(dir, 'take.mov'), { width: 320, height: 240, seconds: 11, keyEvery: 1, format: 'mov' });
    await writeFile(path.join(dir, 'take.last10s.mov'), 'an earlier cut');
    assert.deepEqual(await cutTail(clip, { maxSeconds: 10 }), { kind: 'target-exists', file: path.join(dir, 'take.last10s.mov') });
    assert.equal(await readFile(path.join(dir, 'take.last10s.mov'), 'utf8'), 'an earlier cut');
    const elsewhere = await cutTail(clip, { maxSeconds: 10, target: path.join(dir, 'tail.mov') });
    assert.ok(elsewhere.kind === 'cut' && elsewhere.start === 1);
    const made = await readMediaInfo(path.join(dir, 'tail.mov'));
    assert.ok(made.kind === 'media' && made.container === 'mov');
    await writeFile(path.join(dir, 'anim.mp4'), GIF_BYTES);
    const gif = await cutTail(path.join(dir, 'anim.mp4'), { maxSeconds: 10 });
    assert.ok(gif.kind === 'not-a-clip' && gif.info.kind === 'not-media' && gif.info.what === 'gif');
  });

  it('stopped half way, leaves no file behind', async () => {
    const dir = await tempDir();
    const clip = await writeClip(path.join(dir, 'take.mp4'), { width: 320, height: 240, seconds: 12, keyEvery: 1 });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(cutTail(clip, { maxSeconds: 10, signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(await readdir(dir), ['take.mp4']);
  });
});
