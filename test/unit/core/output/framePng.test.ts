import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkFramePng, framePngName, writeFramePng } from '../../../../src/core/output/framePng';
import { tempDir } from '../../../support/files';
import { encodePng } from '../../../support/fixtures/png';

describe('a frame drawn from a video, as a PNG beside it', () => {
  it('must be a whole PNG of exactly the video\'s size', async () => {
    const png = encodePng({ width: 480, height: 320 });
    assert.deepEqual(await checkFramePng(png, { width: 480, height: 320 }), { ok: true, width: 480, height: 320 });
    assert.deepEqual(await checkFramePng(png, { width: 640, height: 320 }), { ok: false, why: '480×320, not the video\'s 640×320' });
    assert.equal((await checkFramePng(png.subarray(0, 20))).ok, false);
    assert.equal((await checkFramePng(Buffer.from('GIF89a not a png'))).ok, false);
  });

  it('is named after the video and the frame, and never written over a file', async () => {
    const dir = await tempDir('wk-frame-');
    const video = path.join(dir, 'dawn-to-dusk.mp4');
    assert.equal(framePngName(video, 'frame', 148), 'dawn-to-dusk-f148');
    const png = encodePng({ width: 48, height: 32 });
    const first = await writeFramePng(video, 'last', 149, png);
    const second = await writeFramePng(video, 'last', 149, png);
    assert.deepEqual([path.basename(first), path.basename(second)], ['dawn-to-dusk-last.png', 'dawn-to-dusk-last-2.png']);
    assert.deepEqual(await readFile(first), png);
    assert.deepEqual((await readdir(dir)).sort(), ['dawn-to-dusk-last-2.png', 'dawn-to-dusk-last.png']);
  });
});
