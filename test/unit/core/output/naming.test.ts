import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { publishFile, safeStem, videoBaseName } from '../../../../src/core/output/naming';
import { tempDir } from '../../../support/files';

describe('output names', () => {
  it('makes safe stems', () => {
    assert.equal(safeStem('/a/b/Frame 01.png'), 'Frame 01');
    assert.equal(safeStem('what?<>:|*.jpg'), 'what______');
    assert.equal(safeStem('con.png'), 'frame_con');
    assert.equal(safeStem('.png'), 'frame_');
    assert.equal([...safeStem(`${'长'.repeat(200)}.png`)].length, 80);
  });

  it('names a video <first>-to-<last>, or by a template', () => {
    assert.equal(videoBaseName('/x/dawn.png', '/y/dusk.jpg'), 'dawn-to-dusk');
    assert.equal(videoBaseName('/x/a.png', '/y/b.png', '{model}-{first}-{date}', 'wan2.7-i2v', new Date(2026, 10, 24, 9, 5, 1)), 'wan2.7-i2v-a-20261124');
  });

  it('never overwrites: -2, -3, and a taken sidecar name counts as taken', async () => {
    const dir = await tempDir('wk-names-');
    await writeFile(path.join(dir, 'a-to-b.mp4'), 'keep me');
    await writeFile(path.join(dir, 'a-to-b-2.json'), '{}');
    const part1 = path.join(dir, 'one.part');
    await writeFile(part1, 'video 1');
    const first = await publishFile(part1, dir, 'a-to-b');
    assert.equal(first.name, 'a-to-b-3');
    const part2 = path.join(dir, 'two.part');
    await writeFile(part2, 'video 2');
    assert.equal((await publishFile(part2, dir, 'a-to-b')).name, 'a-to-b-4');
    assert.equal(await readFile(path.join(dir, 'a-to-b.mp4'), 'utf8'), 'keep me');
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.part')), []);
  });

  it('gives racing publishers distinct names', async () => {
    const dir = await tempDir('wk-race-');
    const parts = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const part = path.join(dir, `${i}.part`);
        await writeFile(part, `video ${i}`);
        return part;
      }),
    );
    const names = await Promise.all(parts.map((part) => publishFile(part, dir, 'x')));
    assert.equal(new Set(names.map((n) => n.name)).size, 8);
    const contents = await Promise.all(names.map((n) => readFile(n.path, 'utf8')));
    assert.equal(new Set(contents).size, 8, 'each name holds its own video');
  });
});
