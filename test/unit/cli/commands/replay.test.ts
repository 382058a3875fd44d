import * as assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { replay } from '../../../../src/cli/commands/replay';
import { EXIT } from '../../../../src/cli/exitCodes';
import { sha256File } from '../../../../src/core/inputs/inspect';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { tempDir, writeFramePair } from '../../../support/files';
import { contextFor, putTake } from '../cliHarness';

/** A folder with a.png → b.png and the take `dawn` made of them (its hashes the files' own). */
async function world(extra: Record<string, unknown> = {}) {
  const root = await tempDir('wk-cli-replay-');
  const { first, last } = await writeFramePair(root);
  const inputs = {
    [ROLE.first]: { path: 'a.png', sha256: await sha256File(first), bytes: 1, format: 'png' },
    [ROLE.last]: { path: 'b.png', sha256: await sha256File(last), bytes: 1, format: 'png' },
  };
  await putTake(root, 'dawn', { inputs, seed: 42, parameters: { resolution: '480P', duration: 5, promptExtend: true, watermark: false, seed: 42 }, actualPrompt: 'dawn, slowly', ...extra });
  return { root, first, last, video: path.join(root, 'dawn.mp4') };
}

/** A client that fails the test if anything is sent. */
const nothingSent = new Proxy({}, { get: (_, name) => (name === 'baseUrl' ? 'https://dashscope.aliyuncs.com' : () => assert.fail(`sent ${String(name)}`)) });

describe('replay: a take made again', () => {
  it('--exact --dry-run: the take’s seed, and nothing sent', async () => {
    const { video, root } = await world();
    const { ctx, stdout, stderr } = contextFor(['replay', video, '--exact', '--dry-run'], { client: nothingSent });
    assert.equal(await replay(ctx), EXIT.saved, stderr.text);
    assert.match(stderr.text, /^Replaying .*dawn\.mp4 \(exactly: /);
    assert.match(stdout.text, /take 1: seed 42 → /);
    assert.ok(stdout.text.includes(path.join(root, 'a-to-b.mp4')), 'beside the take, named from its inputs');
  });

  it('an input that changed or is missing since the take: one line each, exit 2, nothing sent', async () => {
    const { video, first, last } = await world();
    await writeFile(first, 'another picture');
    await rm(last);
    const { ctx, stderr } = contextFor(['replay', video], { client: nothingSent });
    assert.equal(await replay(ctx), EXIT.invalidInput);
    assert.match(stderr.text, /Cannot replay: the first frame \(.*a\.png\) changed since the take/);
    assert.match(stderr.text, /Cannot replay: the last frame \(.*b\.png\) is missing/);
    const zh = contextFor(['replay', video], { client: nothingSent, lang: 'zh_CN.UTF-8' });
    assert.equal(await replay(zh.ctx), EXIT.invalidInput);
    assert.match(zh.stderr.text, /无法重新生成/);
  });

  it('--exact of a take made with rewriting on and no rewritten prompt: refused, with what to do instead', async () => {
    const { video } = await world({ actualPrompt: undefined });
    const { ctx, stderr } = contextFor(['replay', video, '--exact'], { client: nothingSent });
    assert.equal(await replay(ctx), EXIT.invalidInput);
    assert.match(stderr.text, /Cannot replay exactly: .*rewritten prompt.*Run without --exact/);
    const same = contextFor(['replay', video, '--dry-run'], { client: nothingSent });
    assert.equal(await replay(same.ctx), EXIT.saved, 'with the same settings it can');
  });

  it('a video without a take: exit 2', async () => {
    const root = await tempDir('wk-cli-replay-');
    const { ctx, stderr } = contextFor(['replay', path.join(root, 'x.mp4')], { client: nothingSent });
    assert.equal(await replay(ctx), EXIT.invalidInput);
    assert.match(stderr.text, /has no take beside it/);
  });
});
