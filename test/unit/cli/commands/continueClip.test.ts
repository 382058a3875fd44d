import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine, UsageError } from '../../../../src/cli/args';
import { continueClip, continueRequest, CONTINUING_MODEL, parentTake } from '../../../../src/cli/commands/continueClip';
import { EXIT } from '../../../../src/cli/exitCodes';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { tempDir, writePng } from '../../../support/files';
import { writeClip } from '../../core/media/mp4Fixtures';
import { contextFor, putTake } from '../cliHarness';

/** No client method exists: a test that reached the service would fail on it. */
async function run(argv: string[], lang?: string) {
  const { ctx, stdout, stderr } = contextFor(['continue', ...argv], { lang, client: {} });
  const code = await continueClip(ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const clip = (dir: string, name: string, seconds: number) => writeClip(path.join(dir, name), { width: 640, height: 360, seconds, fps: 10, keyEvery: 1 });

describe('wan-keyframes continue', () => {
  it('asks wan2.7-i2v for the clip by its role, and the last frame when given; the duration as typed', () => {
    const { values } = parseCommandLine(['continue', 'take.mp4', '--last', 'end.png', '--duration', '8', '--prompt', 'on']);
    const request = continueRequest(values, '/w/take.mp4');
    assert.equal(request.model, CONTINUING_MODEL);
    assert.deepEqual(request.inputs, { [ROLE.clip]: '/w/take.mp4', [ROLE.last]: path.resolve('end.png') });
    assert.equal(request.duration, '8');
    assert.equal(request.prompt, 'on');
    assert.deepEqual(continueRequest(parseCommandLine(['continue', 'x.mp4', '--duration', '4']).values, '/w/x.mp4').inputs, { [ROLE.clip]: '/w/x.mp4' });
  });

  it('names the take a clip is the video of as its parent; a clip without a take has none', async () => {
    const dir = await tempDir('wk-cli-continue-');
    await putTake(dir, 'ours');
    assert.deepEqual(await parentTake(path.join(dir, 'ours.mp4')), { kind: 'take', id: 'task-ours' });
    assert.equal(await parentTake(path.join(dir, 'theirs.mp4')), undefined);
  });

  it('no video or no --duration: a usage mistake', async () => {
    await assert.rejects(run(['--duration', '5']), UsageError);
    await assert.rejects(run(['take.mp4']), UsageError);
  });

  it('a total that leaves no new video, a missing last frame: every problem said before anything is sent (exit 2)', async () => {
    const dir = await tempDir('wk-cli-continue-');
    const three = await clip(dir, 'three.mp4', 3);
    const result = await run([three, '--duration', '3', '--last', path.join(dir, 'gone.png')]);
    assert.equal(result.code, EXIT.invalidInput);
    assert.match(result.stderr, /3(\.0\d*)? s long/);
    assert.match(result.stderr, /gone|missing|not found|does not exist/i);
    const zh = await run([three, '--duration', '16'], 'zh_CN.UTF-8');
    assert.equal(zh.code, EXIT.invalidInput);
    assert.match(zh.stderr, /16/);
  });

  it('--dry-run of a 12 s clip: says where it would be cut, prints the plan and the estimate, writes nothing beside it', async () => {
    const dir = await tempDir('wk-cli-continue-');
    const long = await clip(dir, 'long.mp4', 12);
    const last = await writePng(dir, 'end.png', { width: 640, height: 360, from: [0, 0, 0], to: [200, 200, 200] });
    const result = await run([long, '--last', last, '--duration', '14', '--dry-run', '--json']);
    assert.equal(result.code, EXIT.saved, result.stderr);
    assert.match(result.stderr, /keyframe at 2 s into a scratch copy \(dry run\)/);
    const line = JSON.parse(result.stdout) as { dryRun: boolean; model: string; duration: number; clipSeconds: number; outputDir: string; estimate: { perTake: unknown } };
    assert.equal(line.dryRun, true);
    assert.equal(line.duration, 14);
    assert.ok(Math.abs(line.clipSeconds - 10) < 0.11);
    assert.equal(line.outputDir, dir);
    assert.deepEqual((await readdir(dir)).sort(), ['end.png', 'long.mp4'], 'no cut beside the clip');
  });
});
