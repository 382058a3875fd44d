import * as assert from 'node:assert/strict';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { tailClip } from '../../../src/cli/tailClip';
import { readMediaInfo } from '../../../src/core/media/mediaInfo';
import { tempDir } from '../../support/files';
import { writeClip } from '../core/media/mp4Fixtures';

const clip = (dir: string, name: string, seconds: number, keyEvery = 1) => writeClip(path.join(dir, name), { width: 64, height: 48, seconds, fps: 10, keyEvery });

describe('tailClip: the last ≤ 10 s of a clip, cut at a keyframe beside it', () => {
  it('cuts a 12 s clip at its keyframe at 2 s into <name>.last10s.mp4, says the start, leaves the clip as it was', async () => {
    const dir = await tempDir('wk-cli-tail-');
    const long = await clip(dir, 'long.mp4', 12);
    const before = await readFile(long);
    const cut = await tailClip(long, 10, 2);
    assert.ok('file' in cut, JSON.stringify(cut));
    assert.equal(cut.file, path.join(dir, 'long.last10s.mp4'));
    assert.match(cut.said.en, /last 10 s, cut without re-encoding at its keyframe at 2 s into long\.last10s\.mp4; long\.mp4 is unchanged/);
    assert.match(cut.said.zh, /在 2 s 处的关键帧/);
    const info = await readMediaInfo(cut.file);
    assert.ok(info.kind === 'media' && Math.abs((info.duration ?? 0) - 10) < 0.11);
    assert.deepEqual(await readFile(long), before);
    const again = await tailClip(long, 10, 2);
    assert.ok('file' in again && again.file === cut.file && /cut before/.test(again.said.en), 'a cut made before from this clip is used again');
  });

  it('in a folder of its own (a dry run): nothing is written beside the clip', async () => {
    const dir = await tempDir('wk-cli-tail-');
    const scratch = await tempDir('wk-cli-tail-scratch-');
    const long = await clip(dir, 'long.mp4', 11);
    const cut = await tailClip(long, 10, 2, scratch);
    assert.ok('file' in cut && path.dirname(cut.file) === scratch);
    assert.match(cut.said.en, /a scratch copy \(dry run\)/);
  });

  it('an older file at the cut’s name, no keyframe to cut at, not a video: each a message, nothing sent', async () => {
    const dir = await tempDir('wk-cli-tail-');
    const long = await clip(dir, 'long.mp4', 12);
    const stale = path.join(dir, 'long.last10s.mp4');
    await writeFile(stale, 'old');
    await utimes(stale, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const older = await tailClip(long, 10, 2);
    assert.ok('problem' in older && /older than long\.mp4/.test(older.problem.en));
    const single = await clip(dir, 'single.mp4', 12, Infinity);
    const none = await tailClip(single, 10, 2);
    assert.ok('problem' in none && /no keyframe to cut its last ≤ 10 s/.test(none.problem.en), JSON.stringify(none));
    const text = path.join(dir, 'notes.mp4');
    await writeFile(text, 'hello');
    const notClip = await tailClip(text, 10, 2);
    assert.ok('problem' in notClip && /not an mp4 or mov video/.test(notClip.problem.en));
  });
});
