import * as assert from 'node:assert/strict';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/cli/args';
import { extract, frameChoiceOf, outProblem } from '../../../../src/cli/commands/extract';
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

describe('extract --out FILE: refused before the video is read or ffmpeg runs', () => {
  it('FILE exists, is a folder, its folder is missing or is a file: one specific line each, exit 2, nothing written', async () => {
    const root = await tempDir('wk-cli-extract-out-');
    // Not a video: had the video been read first, it would say so instead.
    const video = path.join(root, 'take.mp4');
    await writeFile(video, 'not a video');
    await writeFile(path.join(root, 'taken.png'), 'mine');
    await mkdir(path.join(root, 'frames'));
    const cases = [
      [path.join(root, 'taken.png'), /^--out .*taken\.png already exists: it is never replaced\. Nothing was written\.$/],
      [video, /^--out .*take\.mp4 already exists/],
      [path.join(root, 'frames'), /^--out .*frames is a folder: give the PNG’s file name \(e\.g\. .*frame\.png\)/],
      [path.join(root, 'nowhere', 'f.png'), /^--out .*f\.png: the folder .*nowhere does not exist\. Nothing was written\.$/],
      [path.join(root, 'taken.png', 'f.png'), /^--out .*f\.png: .*taken\.png is not a folder\./],
    ] as const;
    for (const [out, said] of cases) {
      const { ctx, stderr, stdout } = contextFor(['extract', video, '--last', '--out', out]);
      assert.equal(await extract(ctx), EXIT.invalidInput, out);
      assert.match(stderr.text.trim(), said);
      assert.equal(stderr.text.trim().split('\n').length, 1, 'one line');
      assert.equal(stdout.text, '');
    }
    assert.deepEqual((await readdir(root)).sort(), ['frames', 'take.mp4', 'taken.png']);
    assert.deepEqual(await readdir(path.join(root, 'frames')), []);
  });

  it('a free name in an existing folder is fine; the messages come in Chinese too', async () => {
    const root = await tempDir('wk-cli-extract-out-');
    assert.equal(await outProblem(path.join(root, 'f.png'), false), undefined);
    assert.match((await outProblem(root, true)) ?? '', /是文件夹：请给出 PNG 的文件名/);
    assert.match((await outProblem(path.join(root, 'x', 'f.png'), true)) ?? '', /文件夹 .* 不存在。未写入任何文件。$/);
  });

  it('without --out, a video that is not one is said as before (the --out check only runs when asked)', async () => {
    const root = await tempDir('wk-cli-extract-out-');
    await writeFile(path.join(root, 'note.mp4'), 'hello');
    const { ctx, stderr } = contextFor(['extract', path.join(root, 'note.mp4'), '--first']);
    assert.equal(await extract(ctx), EXIT.invalidInput);
    assert.match(stderr.text, /is not a video this can read/);
  });
});
