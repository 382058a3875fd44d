import * as assert from 'node:assert/strict';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TAKE_SCHEMA } from '../../../../src/core/output/take';
import { readTake } from '../../../../src/core/output/takeReader';
import { writeVerdict } from '../../../../src/core/output/verdict';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { FIXTURES, tempDir } from '../../../support/files';

const TAKE = {
  schema: TAKE_SCHEMA,
  tool: { name: 'wan-keyframes', version: '0.2.0' },
  video: { file: 'a.mp4', bytes: 10 },
  taskId: 't-1',
  requestIds: [],
  model: 'wan2.2-kf2v-flash',
  family: 'wan2.2-kf2v-flash',
  endpoint: 'https://dashscope.aliyuncs.com',
  inputs: { [ROLE.first]: { path: 'a.png', sha256: 'a'.repeat(64), bytes: 1, format: 'png' } },
  inputsKey: 'k',
  prompt: '',
  negativePrompt: '',
  times: { savedAt: '2026-12-01T00:00:00.000Z' },
  rating: 4,
};

async function takeFile(content: unknown = TAKE): Promise<string> {
  const file = path.join(await tempDir('wk-verdict-'), 'a.json');
  await writeFile(file, JSON.stringify(content, null, 2));
  return file;
}

describe('a verdict written into a take', () => {
  it('is read back, and every other field (a newer version\'s too) stays as it was', async () => {
    const file = await takeFile();
    await writeVerdict(file, 'kept');
    const read = await readTake(file);
    assert.ok('found' in read);
    assert.equal(read.found.take.verdict, 'kept');
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.deepEqual({ ...raw, verdict: undefined }, { ...TAKE, verdict: undefined });
    await writeVerdict(file, 'rejected');
    await writeVerdict(file, undefined);
    assert.equal((JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>).verdict, undefined, 'cleared');
  });

  it('leaves no temporary file, and two at once both land on a whole file', async () => {
    const file = await takeFile();
    await Promise.all([writeVerdict(file, 'kept'), writeVerdict(file, 'rejected'), writeVerdict(file, 'kept')]);
    const read = await readTake(file);
    assert.ok('found' in read, 'still a whole take');
    assert.equal(read.found.take.rating, 4);
    assert.deepEqual(await readdir(path.dirname(file)), ['a.json']);
  });

  it('a version-1 sidecar takes a verdict too and stays a version-1 sidecar', async () => {
    const file = path.join(await tempDir('wk-verdict-v1-'), 'dawn-to-dusk.json');
    await copyFile(path.join(FIXTURES, 'd5f53d2', 'sidecar-kf2v.json'), file);
    await writeVerdict(file, 'rejected');
    const read = await readTake(file);
    assert.ok('found' in read);
    assert.deepEqual([read.found.version, read.found.take.verdict], [1, 'rejected']);
  });

  it('refuses a file that is not a take, and leaves it as it was', async () => {
    const file = await takeFile({ name: 'package', version: '1.0.0' });
    const before = await readFile(file, 'utf8');
    await assert.rejects(writeVerdict(file, 'kept'), /not a take/);
    assert.equal(await readFile(file, 'utf8'), before);
  });
});
