import * as assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { groupFrames, takeGroups, takes } from '../../../../src/cli/commands/takes';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { type FoundTake, readTake } from '../../../../src/core/output/takeReader';
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

const frame = (file: string, sha: string) => ({ path: file, sha256: sha.repeat(64), bytes: 1, format: 'png' });

describe('takes: grouped by their inputs', () => {
  it('one group per inputs key, headed by its frames and count; groups by their newest take, newest first inside', async () => {
    const root = await tempDir('wk-cli-takes-');
    const pairA = { [ROLE.first]: frame('a.png', 'a'), [ROLE.last]: frame('b.png', 'b') };
    await putTake(root, 'a1', { inputsKey: 'key-a', inputs: pairA, times: { savedAt: '2026-12-01T10:00:00.000Z' } });
    await putTake(root, 'c1', { inputsKey: 'key-c', inputs: { [ROLE.first]: frame('c.png', 'c'), [ROLE.last]: frame('d.png', 'd') }, times: { savedAt: '2026-12-02T10:00:00.000Z' } });
    // The same frames by content, renamed since (the key is the content's): the same group, named as the newest take names them.
    await putTake(root, 'a2', { inputsKey: 'key-a', inputs: { [ROLE.first]: frame('dawn.png', 'a'), [ROLE.last]: frame('b.png', 'b') }, times: { savedAt: '2026-12-03T10:00:00.000Z' } });
    const { ctx, stdout } = contextFor(['takes', root]);
    assert.equal(await takes(ctx), EXIT.saved);
    const blocks = stdout.text.trimEnd().split('\n\n').map((block) => block.split('\n'));
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0]?.[0], 'dawn.png → b.png  (2 takes)');
    assert.deepEqual(blocks[0]?.slice(1).map((line) => /^  (\S+)/.exec(line)?.[1]).map((video) => path.basename(video ?? '')), ['a2.mp4', 'a1.mp4']);
    assert.equal(blocks[1]?.[0], 'c.png → d.png  (1 take)');
    assert.match(blocks[1]?.[1] ?? '', /^  .*c1\.mp4  wan2\.2-kf2v-flash/);
    const zh = contextFor(['takes', root], { lang: 'zh_CN.UTF-8' });
    await takes(zh.ctx);
    assert.match(zh.stdout.text, /^dawn\.png → b\.png（2 条）$/m);
  });

  it('a group whose newest take is older than another group’s single take comes after it', async () => {
    const root = await tempDir('wk-cli-takes-');
    await putTake(root, 'x-old', { inputsKey: 'key-x', times: { savedAt: '2026-12-01T10:00:00.000Z' } });
    await putTake(root, 'x-mid', { inputsKey: 'key-x', times: { savedAt: '2026-12-02T10:00:00.000Z' } });
    await putTake(root, 'y-new', { inputsKey: 'key-y', times: { savedAt: '2026-12-03T10:00:00.000Z' } });
    const found = await Promise.all(['x-old', 'x-mid', 'y-new'].map(async (name) => ((await readTake(path.join(root, `${name}.json`))) as { found: FoundTake }).found));
    assert.deepEqual(takeGroups(found).map((group) => group.map((item) => path.basename(item.videoPath))), [['y-new.mp4'], ['x-mid.mp4', 'x-old.mp4']]);
  });

  it('a continuation is headed by its clip (→ its last frame when it has one); audio and URLs by their file names', async () => {
    const root = await tempDir('wk-cli-takes-');
    await putTake(root, 'cont', { inputsKey: 'key-clip', inputs: { [ROLE.clip]: { path: 'shots/take.mp4', sha256: 'e'.repeat(64), bytes: 9, format: 'mp4' } } });
    await putTake(root, 'cont-last', { inputsKey: 'key-clip-last', inputs: { [ROLE.clip]: { path: 'take.mp4', sha256: 'e'.repeat(64), bytes: 9, format: 'mp4' }, [ROLE.last]: frame('end.png', 'f') } });
    await putTake(root, 'web', { inputsKey: 'key-web', inputs: { [ROLE.first]: { url: 'https://example.com/img/sun%20rise.png?x=1', bytes: 3, format: 'png' }, [ROLE.last]: frame('b.png', 'b'), [ROLE.audio]: { path: 'song.mp3', sha256: 'd'.repeat(64), bytes: 5, format: 'mp3' } } });
    const named = async (name: string) => groupFrames(((await readTake(path.join(root, `${name}.json`))) as { found: FoundTake }).found);
    assert.equal(await named('cont'), 'take.mp4');
    assert.equal(await named('cont-last'), 'take.mp4 → end.png');
    assert.equal(await named('web'), 'sun rise.png → b.png + song.mp3');
  });

  it('--json keeps its shape: one flat array of takes, newest first across groups, each with its inputsKey', async () => {
    const root = await tempDir('wk-cli-takes-');
    await putTake(root, 'p1', { inputsKey: 'key-p', times: { savedAt: '2026-12-01T10:00:00.000Z' } });
    await putTake(root, 'q1', { inputsKey: 'key-q', times: { savedAt: '2026-12-02T10:00:00.000Z' } });
    await putTake(root, 'p2', { inputsKey: 'key-p', times: { savedAt: '2026-12-03T10:00:00.000Z' } });
    const { ctx, stdout } = contextFor(['takes', root, '--json']);
    await takes(ctx);
    const listed = JSON.parse(stdout.text) as Array<{ video: string; inputsKey: string }>;
    assert.ok(Array.isArray(listed));
    assert.deepEqual(listed.map((take) => [path.basename(take.video), take.inputsKey]), [['p2.mp4', 'key-p'], ['q1.mp4', 'key-q'], ['p1.mp4', 'key-p']]);
  });
});
