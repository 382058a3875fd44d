import * as assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/cli/args';
import { extract, frameChoiceOf } from '../../../../src/cli/commands/extract';
import { EXIT } from '../../../../src/cli/exitCodes';
import { tempDir } from '../../../support/files';
import { contextFor } from '../cliHarness';

describe('extract: which frame, and what is not a video', () => {
  it('reads --first and --last as switches (generate’s take files) and --at as seconds', () => {
    assert.deepEqual(frameChoiceOf(contextFor(['extract', 'v.mp4', '--first']).ctx), { which: 'first' });
    assert.deepEqual(frameChoiceOf(contextFor(['extract', 'v.mp4', '--last']).ctx), { which: 'last' });
    assert.deepEqual(frameChoiceOf(contextFor(['extract', 'v.mp4', '--at', '1.25']).ctx), { which: 'frame', seconds: 1.25 });
    assert.deepEqual(frameChoiceOf(contextFor(['extract', 'v.mp4', '--at=-1']).ctx), { at: '-1' });
    assert.deepEqual(frameChoiceOf(contextFor(['extract', 'v.mp4', '--at', 'soon']).ctx), { at: 'soon' });
  });

  it('none or two of --first, --last, --at: a usage mistake', () => {
    assert.throws(() => frameChoiceOf(contextFor(['extract', 'v.mp4']).ctx), UsageError);
    assert.throws(() => frameChoiceOf(contextFor(['extract', 'v.mp4', '--first', '--last']).ctx), UsageError);
    assert.throws(() => frameChoiceOf(contextFor(['extract', 'v.mp4', '--last', '--at', '1']).ctx), UsageError);
  });

  it('an empty file, a text file and a missing file: exit 2, said in one line, nothing written', async () => {
    const root = await tempDir('wk-cli-extract-');
    await writeFile(path.join(root, 'empty.mp4'), '');
    await writeFile(path.join(root, 'text.mp4'), 'hello, not a video');
    for (const [name, why] of [['empty.mp4', /empty/], ['text.mp4', /text/], ['gone.mp4', /ENOENT/]] as const) {
      const { ctx, stderr } = contextFor(['extract', path.join(root, name), '--last']);
      assert.equal(await extract(ctx), EXIT.invalidInput, name);
      assert.match(stderr.text, /is not a video this can read/);
      assert.match(stderr.text, why);
      assert.equal(stderr.text.trim().split('\n').length, 1);
    }
    assert.deepEqual((await readdir(root)).sort(), ['empty.mp4', 'text.mp4']);
  });
});
