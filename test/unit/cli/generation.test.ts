import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { requestOf } from '../../../src/cli/commands/generate';
import { EXIT } from '../../../src/cli/exitCodes';
import { freeVideoNames, runGeneration } from '../../../src/cli/generation';
import { tempDir, writeFramePair } from '../../support/files';
import { contextFor } from './cliHarness';

const nothingSent = new Proxy({}, { get: (_, name) => (name === 'baseUrl' ? 'https://dashscope.aliyuncs.com' : () => assert.fail(`sent ${String(name)}`)) });

async function dryRun(argv: string[], out?: string) {
  const folder = await tempDir('wk-cli-generation-');
  const { first, last } = await writeFramePair(folder);
  const { ctx, stdout, stderr } = contextFor(['generate', '--first', first, '--last', last, ...argv], { client: nothingSent });
  const code = await runGeneration(ctx, requestOf(ctx.values), { count: ctx.values.count, dryRun: true, uploadMode: 'oss', out });
  return { code, stdout: stdout.text, stderr: stderr.text, folder };
}

describe('runGeneration: checks, seeds, estimate, then takes or the plan', () => {
  it('the first free names: a video and its take must both be free', async () => {
    const folder = await tempDir('wk-cli-names-');
    await writeFile(path.join(folder, 'a-to-b.mp4'), '');
    await writeFile(path.join(folder, 'a-to-b-3.json'), '');
    assert.deepEqual(
      (await freeVideoNames(folder, 'a-to-b', 3)).map((file) => path.basename(file)),
      ['a-to-b-2.mp4', 'a-to-b-4.mp4', 'a-to-b-5.mp4'],
    );
  });

  it('--dry-run --json: one object with the model, each take’s seed and file, the estimate; nothing sent', async () => {
    const { code, stdout, folder } = await dryRun(['--count', '3', '--seed', '2147483646', '--json']);
    assert.equal(code, EXIT.saved);
    const plan = JSON.parse(stdout) as { model: string; takes: Array<{ seed: number; video: string }>; estimate: { count: number; total: unknown } };
    assert.equal(plan.model, 'wan2.2-kf2v-flash');
    assert.deepEqual(plan.takes.map((take) => take.seed), [2147483646, 2147483647, 0], 'seeds past the top wrap to 0, never out of range');
    assert.deepEqual(plan.takes.map((take) => take.video), ['a-to-b.mp4', 'a-to-b-2.mp4', 'a-to-b-3.mp4'].map((name) => path.join(folder, name)));
    assert.equal(plan.estimate.count, 3);
    assert.ok(plan.estimate.total, 'Beijing has a price');
  });

  it('--dry-run in Chinese, to --out', async () => {
    const out = await tempDir('wk-cli-out-');
    const { code, stdout } = await dryRun(['--count', '2'], out);
    assert.equal(code, EXIT.saved);
    assert.ok(stdout.includes(out));
    assert.match(stdout, /take 2: seed \d+ → /);
  });

  it('a count that is not 1–8 and an input problem are said together; exit 2', async () => {
    const { code, stderr } = await dryRun(['--count', '9', '--resolution', '8K']);
    assert.equal(code, EXIT.invalidInput);
    assert.match(stderr, /Count 9 is out of range/);
    assert.match(stderr, /8K/);
  });
});
