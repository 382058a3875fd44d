import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine, resolveEndpoint, UsageError } from '../../../../src/cli/args';
import { storyboard, type StoryboardContext } from '../../../../src/cli/commands/storyboard';
import { EXIT } from '../../../../src/cli/exitCodes';
import { tempDir, writePng } from '../../../support/files';
import { writeVideo } from '../../core/storyboard/storyboardFixtures';

function fakeStream() {
  const stream = { isTTY: false, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream;
}

async function run(argv: string[], locale = 'en_US.UTF-8') {
  const stdout = fakeStream();
  const stderr = fakeStream();
  const { values, positionals } = parseCommandLine(['storyboard', ...argv]);
  const zh = locale.startsWith('zh');
  const endpoint = resolveEndpoint(values, locale, zh);
  const context = { io: { stdout, stderr, env: {}, signal: new AbortController().signal }, values, positionals, locale, zh, endpoint, say: (text: string) => stderr.write(`${text}\n`) };
  const code = await storyboard(context as unknown as StoryboardContext);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function frames(dir: string, count: number): Promise<string[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => writePng(dir, `k${index}.png`, { width: 64, height: 48, from: [index * 40, 0, 0], to: [0, 0, index * 40] })));
}

describe('wan-keyframes storyboard', () => {
  it('new: writes the storyboard from the images in their order and prints its path', async () => {
    const dir = await tempDir('wk-cli-sb-');
    const [a, b, c] = await frames(dir, 3);
    const out = path.join(dir, 'trip.storyboard.json');
    const { code, stdout } = await run(['new', c as string, a as string, b as string, '--out', out, '--model', 'wan2.2-kf2v-flash', '--resolution', '480p', '--prompt', 'slow pan']);
    assert.equal(code, EXIT.saved);
    assert.equal(stdout.trim(), out);
    const written = JSON.parse(await readFile(out, 'utf8')) as { keyframes: string[]; segments: Array<Record<string, unknown>> };
    assert.deepEqual(written.keyframes, ['k2.png', 'k0.png', 'k1.png']);
    assert.deepEqual(written.segments[1], { prompt: 'slow pan', model: 'wan2.2-kf2v-flash', resolution: '480P', duration: 5 });
  });

  it('new: one image, or a storyboard already there → exit 2 with the reason, nothing written over', async () => {
    const dir = await tempDir('wk-cli-sb-');
    const [a, b] = await frames(dir, 2);
    const out = path.join(dir, 'f.storyboard.json');
    const one = await run(['new', a as string, '--out', out]);
    assert.equal(one.code, EXIT.invalidInput);
    assert.match(one.stderr, /at least two keyframes/);
    await writeFile(out, 'mine');
    const exists = await run(['new', a as string, b as string, '--out', out]);
    assert.equal(exists.code, EXIT.invalidInput);
    assert.equal(await readFile(out, 'utf8'), 'mine');
    await assert.rejects(run(['new', a as string, b as string]), UsageError);
    const model = await run(['new', a as string, b as string, '--out', path.join(dir, 'g.storyboard.json'), '--model', 'wan9']);
    assert.equal(model.code, EXIT.invalidInput);
    assert.match(model.stderr, /wan9/);
    const duration = await run(['new', a as string, b as string, '--out', path.join(dir, 'g.storyboard.json'), '--duration', '40']);
    assert.equal(duration.code, EXIT.invalidInput);
    assert.match(duration.stderr, /40/);
  });

  it('plan: every segment, what needs generating and the estimate; sends nothing', async () => {
    const dir = await tempDir('wk-cli-sb-');
    const images = await frames(dir, 3);
    const out = path.join(dir, 'f.storyboard.json');
    await run(['new', ...images, '--out', out, '--resolution', '720P']);
    const { code, stdout } = await run(['plan', out, '--region', 'cn-beijing']);
    assert.equal(code, EXIT.saved);
    assert.match(stdout, /^1\. k0\.png → k1\.png {2}wan2\.7-i2v 720P 5 s {2}from keyframes {2}needs a take \(none chosen\)$/m);
    assert.match(stdout, /To generate: 2 of 2 segment\(s\), ≈ ¥6\.00 for 10 s/);
    assert.match(stdout, /Nothing was sent/);
    const json = await run(['plan', out, '--region', 'cn-beijing', '--json']);
    const printed = JSON.parse(json.stdout) as { toGenerate: number[]; estimate: { all: { total: { min: number } } } };
    assert.deepEqual(printed.toGenerate, [0, 1]);
    assert.ok(Math.abs(printed.estimate.all.total.min - 6) < 1e-9);
  });

  it('plan: a continued segment says which take it continues and where the last 10 s are cut', async () => {
    const dir = await tempDir('wk-cli-sb-');
    const images = await frames(dir, 3);
    const out = path.join(dir, 'f.storyboard.json');
    await run(['new', ...images, '--out', out, '--resolution', '720P']);
    await writeVideo(dir, 'a.mp4', { seconds: 12, keyEvery: 1 });
    const text = (await readFile(out, 'utf8')).replace(/"duration": 5\n/, '"duration": 12,\n      "take": "a.mp4"\n').replace(/"duration": 5\n/, '"duration": 15,\n      "mode": "continue"\n');
    await writeFile(out, text);
    const { code, stdout } = await run(['plan', out, '--region', 'cn-beijing']);
    assert.equal(code, EXIT.saved);
    assert.match(stdout, /^2\. k1\.png → k2\.png {2}wan2\.7-i2v 720P 15 s \(\+5 s\) {2}continues a\.mp4 from its keyframe at 2 s \(10 s, cut without re-encoding to a\.last10s\.mp4\)/m);
  });

  it('plan: a malformed storyboard → its line, exit 2', async () => {
    const dir = await tempDir('wk-cli-sb-');
    const file = path.join(dir, 'f.storyboard.json');
    await writeFile(file, '{\n  "version": 1,\n  "keyframes": [\n}\n');
    const { code, stderr } = await run(['plan', file], 'zh_CN.UTF-8');
    assert.equal(code, EXIT.invalidInput);
    assert.match(stderr, /f\.storyboard\.json 第 4 行第 1 列/);
  });

  it('join: the film beside the storyboard, and what happened at each cut; not ready → exit 2', async () => {
    const dir = await tempDir('wk-cli-sb-');
    const images = await frames(dir, 3);
    const out = path.join(dir, 'f.storyboard.json');
    await run(['new', ...images, '--out', out]);
    const notReady = await run(['join', out]);
    assert.equal(notReady.code, EXIT.invalidInput);
    assert.match(notReady.stderr, /segment 1 \(no take chosen\), segment 2 \(no take chosen\)/);
    await writeVideo(dir, 'a.mp4');
    await writeVideo(dir, 'b.mp4', { tint: 60 });
    assert.equal((await run(['take', out, '1', path.join(dir, 'a.mp4')])).code, EXIT.saved);
    assert.equal((await run(['take', out, '2', path.join(dir, 'b.mp4')])).code, EXIT.saved);
    const joined = await run(['join', out]);
    assert.equal(joined.code, EXIT.saved, joined.stderr);
    assert.match(joined.stdout, /Joined 2 segment\(s\) into f\.mp4/);
    assert.match(joined.stdout, /Cut 1→2 at .*shows once/);
    assert.equal(joined.stdout.trim().split('\n').pop(), path.join(dir, 'f.mp4'));
    assert.match((await run(['join', out])).stdout, /already joins these takes/);
  });

  it('take: a segment that is not there, or a video that is missing → exit 2, the file as it was', async () => {
    const dir = await tempDir('wk-cli-sb-');
    const out = path.join(dir, 'f.storyboard.json');
    await run(['new', ...(await frames(dir, 2)), '--out', out]);
    const before = await readFile(out, 'utf8');
    const video = await writeVideo(dir, 'a.mp4');
    const none = await run(['take', out, '2', video]);
    assert.equal(none.code, EXIT.invalidInput);
    assert.match(none.stderr, /There is no segment 2: the storyboard has 1 \(1–1\)/);
    assert.equal((await run(['take', out, 'one', video])).code, EXIT.invalidInput);
    const missing = await run(['take', out, '1', path.join(dir, 'gone.mp4')]);
    assert.match(missing.stderr, /gone\.mp4 does not exist/);
    assert.equal(await readFile(out, 'utf8'), before);
  });

  it('anything else is a usage mistake', async () => {
    await assert.rejects(run([]), UsageError);
    await assert.rejects(run(['plan']), UsageError);
    await assert.rejects(run(['frobnicate', 'x']), UsageError);
    await assert.rejects(run(['take', 'f.storyboard.json', '1']), UsageError);
  });
});
