import * as assert from 'node:assert/strict';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { JsonFile } from '../../../../src/host/entry/jsonFile';
import { tempDir } from '../../../support/files';

describe('a small JSON file the host writes itself', () => {
  it('a value written reads back, in a folder made for it', async () => {
    const file = new JsonFile(path.join(await tempDir('wk-json-'), 'deep', 'er', 'state.json'));
    await file.write({ jobs: [1, 2], name: '黄昏' });
    assert.deepEqual(await file.read(), { jobs: [1, 2], name: '黄昏' });
  });

  it('writes atomically: a new file takes the old one’s place, and no temporary file is left', async () => {
    const dir = await tempDir('wk-json-');
    const file = new JsonFile(path.join(dir, 'state.json'));
    await file.write({ n: 1 });
    const before = (await stat(file.file)).ino;
    await file.write({ n: 2 });
    assert.notEqual((await stat(file.file)).ino, before, 'replaced by a rename, not rewritten in place');
    assert.deepEqual(await readdir(dir), ['state.json']);
  });

  it('writes started together land in order: the last one wins', async () => {
    const file = new JsonFile(path.join(await tempDir('wk-json-'), 'state.json'));
    const writes = [1, 2, 3, 4].map((n) => file.write({ n }));
    await Promise.all(writes);
    assert.deepEqual(await file.read(), { n: 4 });
  });

  it('rejects when it cannot write (its folder is a file), and the next write still succeeds', async () => {
    const dir = await tempDir('wk-json-');
    const blocker = path.join(dir, 'storage');
    await writeFile(blocker, 'not a folder');
    const file = new JsonFile(path.join(blocker, 'state.json'));
    await assert.rejects(file.write({ n: 1 }), (error: NodeJS.ErrnoException) => typeof error.code === 'string');
    await rm(blocker);
    await file.write({ n: 2 });
    assert.deepEqual(await file.read(), { n: 2 });
  });

  it('reads undefined for a file that is absent or not JSON', async () => {
    const dir = await tempDir('wk-json-');
    assert.equal(await new JsonFile(path.join(dir, 'absent.json')).read(), undefined);
    await writeFile(path.join(dir, 'broken.json'), '{"jobs": [');
    assert.equal(await new JsonFile(path.join(dir, 'broken.json')).read(), undefined);
    await writeFile(path.join(dir, 'fine.json'), 'null');
    assert.equal(await new JsonFile(path.join(dir, 'fine.json')).read(), null, 'JSON null is a value, not absence');
  });
});
