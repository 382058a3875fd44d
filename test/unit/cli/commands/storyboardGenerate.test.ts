import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../../src/cli/args';
import { estimateText, storyboardGenerate } from '../../../../src/cli/commands/storyboardGenerate';
import { EXIT } from '../../../../src/cli/exitCodes';
import { chooseTake } from '../../../../src/core/storyboard/storyboardWrite';
import { tempDir, writePng } from '../../../support/files';
import { writeStoryboardIn, writeTakeBeside, writeVideo } from '../../core/storyboard/storyboardFixtures';
import { contextFor } from '../cliHarness';

/** No client method exists: a run that reached the service would fail on it. */
async function run(argv: string[], lang?: string) {
  const { ctx, stdout, stderr } = contextFor(['storyboard', ...argv], { lang, client: {} });
  const code = await storyboardGenerate(ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const range = (min: number, max = min) => ({ min, max });

describe('wan-keyframes storyboard <images…> | <file> (making the segments)', () => {
  it('says the estimate as a sum, a range where the model chooses, and the segments whose price is unknown', () => {
    assert.equal(estimateText({ currency: 'CNY', segments: 0, seconds: range(0), total: range(0), priced: range(0), unpriced: [] }).en, 'nothing');
    assert.equal(estimateText({ currency: 'CNY', segments: 2, seconds: range(10), total: range(6), priced: range(6), unpriced: [] }).en, '≈ ¥6.00 for 10 s');
    assert.equal(estimateText({ currency: 'CNY', segments: 2, seconds: range(8, 12), total: range(4, 6), priced: range(4, 6), unpriced: [] }).zh, '约 ¥4.00–6.00，共 8–12 s');
    assert.equal(estimateText({ currency: 'CNY', segments: 2, seconds: range(10), total: null, priced: range(3), unpriced: [1] }).en, '≈ ¥3.00 + price unknown for segment(s) 2');
  });

  it('usage mistakes: one image, a file given settings, prompts that do not match the segments', async () => {
    await assert.rejects(run(['a.png']), UsageError);
    await assert.rejects(run(['film.storyboard.json', '--model', 'wan2.7-i2v']), UsageError);
    const dir = await tempDir('wk-cli-sbgen-');
    const frames = await Promise.all(['a', 'b', 'c'].map((name) => writePng(dir, `${name}.png`, { width: 640, height: 360, from: [0, 0, 0], to: [90, 90, 90] })));
    await assert.rejects(run([...frames, '--prompt', 'one', '--prompt', 'two', '--prompt', 'three']), /one per segment: 2 segment\(s\), 3 prompts/);
    assert.deepEqual(await readdir(dir), ['a.png', 'b.png', 'c.png'], 'nothing written');
  });

  it('--dry-run: checks the storyboard it would write, says the whole estimate, sends and writes nothing', async () => {
    const dir = await tempDir('wk-cli-sbgen-');
    const frames = await Promise.all(['a', 'b', 'c'].map((name) => writePng(dir, `${name}.png`, { width: 640, height: 360, from: [0, 0, 0], to: [90, 90, 90] })));
    const { code, stdout, stderr } = await run([...frames, '--resolution', '720P', '--duration', '2', '--dry-run']);
    assert.equal(code, EXIT.saved, stderr);
    assert.match(stderr, /^Would write .*a-to-c-film\.storyboard\.json \(dry run: not written\)$/m);
    assert.match(stdout, /^Estimate for 2 of 2 segment\(s\) to make: ≈ ¥[\d.]+ for 4 s \(list prices\)\.$/m);
    assert.match(stdout, /nothing was sent/);
    const json = await run([...frames, '--resolution', '720P', '--duration', '2', '--dry-run', '--json']);
    assert.deepEqual((await readdir(dir)).sort(), ['a.png', 'b.png', 'c.png'], 'nothing written');
    assert.deepEqual((JSON.parse(json.stdout) as { toGenerate: number[] }).toGenerate, [0, 1]);
  });

  it('a segment the model cannot make: every reason said, nothing sent (exit 2)', async () => {
    const dir = await tempDir('wk-cli-sbgen-');
    const { file } = await writeStoryboardIn(dir, 3, [{ resolution: '240P' }]);
    const { code, stderr } = await run([file]);
    assert.equal(code, EXIT.invalidInput);
    assert.match(stderr, /^Segment 1: .*240P/m);
  });

  it('every segment has its take: nothing is made, the takes are joined; --json prints the film as one object', async () => {
    const dir = await tempDir('wk-cli-sbgen-');
    const { file } = await writeStoryboardIn(dir, 3);
    for (const [index, name] of ['one.mp4', 'two.mp4'].entries()) {
      const video = await writeVideo(dir, name);
      await writeTakeBeside(video);
      await chooseTake(file, index, video);
    }
    const { code, stdout, stderr } = await run([file, '--json']);
    assert.equal(code, EXIT.saved, stderr);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const film = JSON.parse(lines[0] as string) as { video: string; sidecar: string; segments: Array<{ video: string; sidecar: string; taskId: string; seed: number | null }>; durationSeconds: number };
    assert.equal(film.video, path.join(dir, 'film.mp4'));
    assert.equal(film.sidecar, path.join(dir, 'film.json'));
    assert.deepEqual(film.segments.map((segment) => [path.basename(segment.video), path.basename(segment.sidecar), segment.taskId]), [
      ['one.mp4', 'one.json', 'task-one.mp4'],
      ['two.mp4', 'two.json', 'task-two.mp4'],
    ]);
    assert.ok(film.durationSeconds > 3.5 && film.durationSeconds <= 4, `${film.durationSeconds} s: two 2 s takes, the shared frame once`);
    const again = await run([file, '--json']);
    assert.equal(again.code, EXIT.saved);
    assert.deepEqual(JSON.parse(again.stdout), film, 'up to date: the same object');
    assert.match(again.stderr, /already joins these takes/);
  });
});
