import * as assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { takes } from '../../../../src/cli/commands/takes';
import { EXIT } from '../../../../src/cli/exitCodes';
import { tempDir } from '../../../support/files';
import { contextFor, putTake } from '../cliHarness';

describe('takes: the takes below folders, newest first', () => {
  it('--json: one array, newest first, each with its video, inputs by role, seed, verdict and cost; a missing video says so', async () => {
    const root = await tempDir('wk-cli-takes-');
    await mkdir(path.join(root, 'shots'));
    await putTake(root, 'old', { times: { savedAt: '2026-12-01T10:00:00.000Z' } });
    await putTake(path.join(root, 'shots'), 'new', { times: { savedAt: '2026-12-02T10:00:00.000Z' }, verdict: 'kept', seed: 9 });
    await rm(path.join(root, 'old.mp4'));
    const { ctx, stdout } = contextFor(['takes', root, '--json']);
    assert.equal(await takes(ctx), EXIT.saved);
    const listed = JSON.parse(stdout.text) as Array<Record<string, unknown>>;
    assert.deepEqual(
      listed.map((take) => path.basename(take.video as string)),
      ['new.mp4', 'old.mp4'],
    );
    assert.equal(listed[0]?.verdict, 'kept');
    assert.equal(listed[0]?.seed, 9);
    assert.equal(listed[0]?.videoMissing, false);
    assert.equal(listed[1]?.videoMissing, true);
    assert.deepEqual(listed[1]?.inputs, { first_frame: path.join(root, 'a.png') });
    assert.equal((listed[1]?.cost as { seconds: number } | null)?.seconds, 5, 'billed seconds from usage');
  });

  it('text: one line per take — video, model, resolution, duration, seed, verdict, cost — in Chinese too', async () => {
    const root = await tempDir('wk-cli-takes-');
    await putTake(root, 'dawn', { verdict: 'rejected' });
    const en = contextFor(['takes', root]);
    await takes(en.ctx);
    assert.match(en.stdout.text, /dawn\.mp4  wan2\.2-kf2v-flash  480P  5 s  seed 7  rejected  ¥\d+\.\d\d\n$/);
    const zh = contextFor(['takes', root], { lang: 'zh_CN.UTF-8' });
    await takes(zh.ctx);
    assert.match(zh.stdout.text, /5 秒  种子 7  淘汰/);
  });

  it('an empty folder says there are none (exit 0)', async () => {
    const root = await tempDir('wk-cli-takes-');
    const { ctx, stderr, stdout } = contextFor(['takes', root]);
    assert.equal(await takes(ctx), EXIT.saved);
    assert.match(stderr.text, /^No takes in /);
    assert.equal(stdout.text, '');
  });
});
