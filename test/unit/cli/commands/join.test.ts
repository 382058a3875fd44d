import * as assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/cli/args';
import { join, refusalMessage } from '../../../../src/cli/commands/join';
import { EXIT } from '../../../../src/cli/exitCodes';
import { readMediaInfo } from '../../../../src/core/media/mediaInfo';
import { tempDir } from '../../../support/files';
import { writeClip } from '../../core/media/mp4Fixtures';
import { contextFor } from '../cliHarness';

async function run(argv: string[], lang?: string) {
  const { ctx, stdout, stderr } = contextFor(['join', ...argv], { lang });
  const code = await join(ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const clip = (dir: string, name: string, seconds: number, width = 64) => writeClip(path.join(dir, name), { width, height: 48, seconds, fps: 10, keyEvery: 1 });

describe('wan-keyframes join', () => {
  it('joins clips one after another into --out, every frame kept: the film lasts their sum', async () => {
    const dir = await tempDir('wk-cli-join-');
    const [a, b] = await Promise.all([clip(dir, 'a.mp4', 2), clip(dir, 'b.mp4', 3)]);
    const target = path.join(dir, 'film.mp4');
    const { code, stdout, stderr } = await run([a, b, '--out', target, '--json']);
    assert.equal(code, EXIT.saved, stderr);
    const line = JSON.parse(stdout) as { video: string; seconds: number; segments: unknown[] };
    assert.equal(line.video, target);
    assert.equal(line.segments.length, 2);
    const info = await readMediaInfo(target);
    assert.ok(info.kind === 'media' && Math.abs((info.duration ?? 0) - 5) < 0.11, `lasts ${info.kind === 'media' ? info.duration : '?'} s`);
    assert.match(stderr, /^Joined 2 clips into .*film\.mp4 \(5\.00 s\), without re-encoding\.$/m);
  });

  it('an --out that exists is never replaced; a missing input and a target that is an input are each named (exit 2)', async () => {
    const dir = await tempDir('wk-cli-join-');
    const [a, b] = await Promise.all([clip(dir, 'a.mp4', 2), clip(dir, 'b.mp4', 2)]);
    const taken = path.join(dir, 'taken.mp4');
    await writeFile(taken, 'mine');
    const exists = await run([a, b, '--out', taken]);
    assert.equal(exists.code, EXIT.invalidInput);
    assert.match(exists.stderr, /taken\.mp4 already exists: it is never replaced/);
    assert.equal(await readFile(taken, 'utf8'), 'mine');
    const missing = await run([a, path.join(dir, 'gone.mp4'), '--out', path.join(dir, 'x.mp4')]);
    assert.equal(missing.code, EXIT.invalidInput);
    assert.match(missing.stderr, /gone\.mp4 \(input 2\) does not exist/);
    const self = await run([a, b, '--out', b]);
    assert.match(self.stderr, /is one of the inputs/);
    const text = await run([a, b, '--out', path.join(dir, 'x.txt')], 'zh_CN.UTF-8');
    assert.match(text.stderr, /必须以 \.mp4 或 \.mov 结尾/);
    assert.ok(!(await readdir(dir)).includes('x.mp4'));
  });

  it('clips whose size differs: the one that differs is named, nothing is written', async () => {
    const dir = await tempDir('wk-cli-join-');
    const [a, wide] = await Promise.all([clip(dir, 'a.mp4', 2), clip(dir, 'wide.mp4', 2, 96)]);
    const target = path.join(dir, 'film.mp4');
    const { code, stderr } = await run([a, wide, '--out', target]);
    assert.equal(code, EXIT.invalidInput);
    assert.match(stderr, /^wide\.mp4 \(input 2\) cannot be joined: its picture size differs from a\.mp4 \(input 1\)/m);
    assert.deepEqual((await readdir(dir)).sort(), ['a.mp4', 'wide.mp4'], 'nothing at the target, nothing beside it');
  });

  it('fewer than two clips, or no --out: a usage mistake', async () => {
    await assert.rejects(run(['a.mp4', '--out', 'f.mp4']), UsageError);
    await assert.rejects(run(['a.mp4', 'b.mp4']), UsageError);
  });

  it('says each reason in both languages, naming the input', () => {
    const message = refusalMessage({ kind: 'refused', segment: 2, file: '/x/c.mp4', reason: 'codec', detail: 'hevc, not avc' }, ['/x/a.mp4', '/x/b.mp4', '/x/c.mp4']);
    assert.match(message.en, /^c\.mp4 \(input 3\) cannot be joined: its video codec differs from a\.mp4/);
    assert.match(message.zh, /^c\.mp4（第 3 个输入）无法拼接：与 a\.mp4（第 1 个输入）视频编码不同/);
  });
});
