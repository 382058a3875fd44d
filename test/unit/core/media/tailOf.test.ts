import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { cutTail } from '../../../../src/core/media/cutTail';
import { findTailStart } from '../../../../src/core/media/tailOf';
import { tempDir } from '../../../support/files';
import { writeClip } from './mp4Fixtures';

describe("finding where a clip cut from a take's tail began", () => {
  it('answers the keyframe the cut started at, for a cut of this take only', async () => {
    const dir = await tempDir();
    const whole = await writeClip(path.join(dir, 'a.mp4'), { width: 64, height: 48, seconds: 4, fps: 10, keyEvery: 1, audio: {} });
    const cut = await cutTail(whole, { maxSeconds: 2.5 });
    assert.ok(cut.kind === 'cut' && cut.start === 2, JSON.stringify(cut));
    assert.equal(await findTailStart(whole, cut.file), 2);
    const other = await writeClip(path.join(dir, 'b.mp4'), { width: 64, height: 48, seconds: 4, fps: 10, keyEvery: 1, tint: 9 });
    assert.equal(await findTailStart(other, cut.file), undefined, 'another take holds other frames');
    const longer = await writeClip(path.join(dir, 'c.mp4'), { width: 64, height: 48, seconds: 5, fps: 10, keyEvery: 1 });
    assert.equal(await findTailStart(longer, cut.file), undefined, 'the same keyframe, but the clip is not all of what follows it');
    assert.equal(await findTailStart(whole, whole), 0, 'a whole take is its own tail from 0');
  });
});
