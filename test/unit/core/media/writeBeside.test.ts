import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { writeBeside } from '../../../../src/core/media/writeBeside';
import { tempDir } from '../../../support/files';

describe('writing a new file beside others', () => {
  it('writes through a hidden temporary file in the same folder and publishes it at the target', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'film.mp4');
    let seenTemporary = '';
    const result = await writeBeside(target, async (temporary) => {
      seenTemporary = temporary;
      assert.equal(path.dirname(temporary), dir);
      assert.match(path.basename(temporary), /^\.film\.mp4\.[0-9a-f]+\.partial$/);
      await writeFile(temporary, 'frames');
      return 42;
    });
    assert.deepEqual(result, { kind: 'written', value: 42 });
    assert.equal(await readFile(target, 'utf8'), 'frames');
    assert.deepEqual(await readdir(dir), ['film.mp4'], `${seenTemporary} is gone`);
  });

  it('never replaces a file already at the target, and does not even start writing', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'film.mp4');
    await writeFile(target, 'mine');
    let called = false;
    const result = await writeBeside(target, async () => {
      called = true;
    });
    assert.deepEqual(result, { kind: 'target-exists' });
    assert.equal(called, false);
    assert.equal(await readFile(target, 'utf8'), 'mine');
  });

  it('keeps a file that appears at the target while writing, and drops its own', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'film.mp4');
    const result = await writeBeside(target, async (temporary) => {
      await writeFile(temporary, 'ours');
      await writeFile(target, 'theirs');
    });
    assert.deepEqual(result, { kind: 'target-exists' });
    assert.equal(await readFile(target, 'utf8'), 'theirs');
    assert.deepEqual(await readdir(dir), ['film.mp4']);
  });

  it('a write that fails half way leaves nothing: no file at the target, no temporary file', async () => {
    const dir = await tempDir();
    await assert.rejects(
      writeBeside(path.join(dir, 'film.mp4'), async (temporary) => {
        await writeFile(temporary, 'half a fi');
        throw new Error('disk full');
      }),
      /disk full/,
    );
    assert.deepEqual(await readdir(dir), []);
  });
});
