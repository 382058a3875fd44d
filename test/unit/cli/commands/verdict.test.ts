import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/cli/args';
import { keep, reject } from '../../../../src/cli/commands/verdict';
import { EXIT } from '../../../../src/cli/exitCodes';
import { tempDir } from '../../../support/files';
import { contextFor, putTake } from '../cliHarness';

describe('keep / reject: the verdict in the take beside a video', () => {
  it('keep then reject: the verdict changes, every other field stays as it was (an unknown one too)', async () => {
    const root = await tempDir('wk-cli-verdict-');
    const sidecar = await putTake(root, 'dawn', { futureField: { kept: 'as is' } });
    const before = JSON.parse(await readFile(sidecar, 'utf8')) as Record<string, unknown>;
    const video = path.join(root, 'dawn.mp4');
    const kept = contextFor(['keep', video]);
    assert.equal(await keep(kept.ctx), EXIT.saved);
    assert.equal(kept.stderr.text, `Kept ${video}\n`);
    assert.deepEqual(JSON.parse(await readFile(sidecar, 'utf8')), { ...before, verdict: 'kept' });
    const rejected = contextFor(['reject', video], { lang: 'zh_CN.UTF-8' });
    assert.equal(await reject(rejected.ctx), EXIT.saved);
    assert.match(rejected.stderr.text, /^已淘汰 /);
    assert.deepEqual(JSON.parse(await readFile(sidecar, 'utf8')), { ...before, verdict: 'rejected' });
  });

  it('a video without a take, or a take that is not ours: exit 2, nothing written', async () => {
    const root = await tempDir('wk-cli-verdict-');
    const { ctx, stderr } = contextFor(['keep', path.join(root, 'lonely.mp4')]);
    assert.equal(await keep(ctx), EXIT.invalidInput);
    assert.match(stderr.text, /lonely\.mp4 has no take beside it \(lonely\.json: ENOENT\)/);
    assert.deepEqual(await readdir(root), []);
  });

  it('no video named: a usage mistake', async () => {
    const { ctx } = contextFor(['reject']);
    await assert.rejects(reject(ctx), UsageError);
  });
});
