import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { FormStore } from '../../../../../src/host/engine/panel/formStore';
import type { FormValues } from '../../../../../src/shared/protocol';
import { tempDir } from '../../../../support/files';

const VALUES: FormValues = { model: 'wan2.7-i2v', prompt: '晨光', negativePrompt: '', resolution: '1080P', duration: 8, ratio: 'adaptive', sound: true, promptExtend: true, watermark: false, seedMode: 'fixed', seed: '7', count: 1 };
const storage = (fsPath: string) => ({ fsPath }) as vscode.Uri;

describe("the form as the user left it", () => {
  it('comes back in a new store on the same folder (one that did not exist yet)', async () => {
    const folder = path.join(await tempDir('wk-form-'), 'workspace-storage');
    assert.equal(await new FormStore(storage(folder)).load(), undefined, 'nothing saved yet');
    await new FormStore(storage(folder)).save(VALUES);
    assert.deepEqual(await new FormStore(storage(folder)).load(), VALUES);
    assert.deepEqual(JSON.parse(await readFile(path.join(folder, 'form.json'), 'utf8')), VALUES, 'where an older session left it');
  });

  it('the last save wins', async () => {
    const store = new FormStore(storage(await tempDir('wk-form-')));
    store.save(VALUES);
    await store.save({ ...VALUES, prompt: 'later' });
    assert.equal((await store.load())?.prompt, 'later');
  });

  it('a file that is not a form (broken, or of another shape) loads as nothing', async () => {
    const folder = await tempDir('wk-form-');
    for (const text of ['{"model":', JSON.stringify({ ...VALUES, seedMode: 'sometimes' }), '[]']) {
      await writeFile(path.join(folder, 'form.json'), text);
      assert.equal(await new FormStore(storage(folder)).load(), undefined, text);
    }
  });
});
