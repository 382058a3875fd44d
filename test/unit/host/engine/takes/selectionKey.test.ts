import * as assert from 'node:assert/strict';
import { copyFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inputsKey } from '../../../../../src/core/inputs/inputFiles';
import { sha256File } from '../../../../../src/core/inputs/inspect';
import { SelectionKey } from '../../../../../src/host/engine/takes/selectionKey';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { tempDir, writeFramePair } from '../../../../support/files';

describe('the inputs key of what the form holds', () => {
  it('is the key a take of the same files has, and stays when a frame is renamed or moved', async () => {
    const dir = await tempDir('wk-selkey-');
    const { first, last } = await writeFramePair(dir);
    const keys = new SelectionKey();
    const key = await keys.of({ [ROLE.first]: first, [ROLE.last]: last });
    assert.equal(key, inputsKey({ [ROLE.first]: { sha256: await sha256File(first) }, [ROLE.last]: { sha256: await sha256File(last) } }));
    const moved = path.join(await tempDir('wk-selkey-moved-'), 'renamed.png');
    await copyFile(first, moved);
    assert.equal(await keys.of({ [ROLE.first]: moved, [ROLE.last]: last }), key);
  });

  it('follows a file changed on disk, keys an image URL by itself, and is undefined while a file is missing', async () => {
    const dir = await tempDir('wk-selkey-');
    const { first, last } = await writeFramePair(dir);
    const keys = new SelectionKey();
    const before = await keys.of({ [ROLE.first]: first, [ROLE.last]: last });
    await writeFile(first, 'other bytes, another picture');
    assert.notEqual(await keys.of({ [ROLE.first]: first, [ROLE.last]: last }), before);
    const url = 'https://example.com/dusk.png';
    assert.equal(await keys.of({ [ROLE.first]: last, [ROLE.last]: url }), inputsKey({ [ROLE.first]: { sha256: await sha256File(last) }, [ROLE.last]: { url } }));
    await rename(last, `${last}.gone`);
    assert.equal(await keys.of({ [ROLE.first]: first, [ROLE.last]: last }), undefined);
  });
});
