import * as assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathKind } from '../../../src/cli/pathKind';
import { tempDir } from '../../support/files';

describe('pathKind: what is at a path', () => {
  it('a file, a folder, nothing, nothing below a file; links followed, and a link to nothing is not "missing"', async () => {
    const root = await tempDir('wk-cli-pathkind-');
    const file = path.join(root, 'a.png');
    const folder = path.join(root, 'shots');
    await writeFile(file, 'png');
    await mkdir(folder);
    await symlink(file, path.join(root, 'to-file'));
    await symlink(folder, path.join(root, 'to-folder'));
    await symlink(path.join(root, 'gone.png'), path.join(root, 'dangling'));
    assert.equal(await pathKind(file), 'file');
    assert.equal(await pathKind(folder), 'folder');
    assert.equal(await pathKind(path.join(root, 'none.png')), 'missing');
    assert.equal(await pathKind(path.join(file, 'below.png')), 'missing');
    assert.equal(await pathKind(path.join(root, 'to-file')), 'file');
    assert.equal(await pathKind(path.join(root, 'to-folder')), 'folder');
    assert.equal(await pathKind(path.join(root, 'dangling')), 'other');
  });
});
