import * as assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { replaceTakeFile, type Take, TAKE_SCHEMA, takeInputs, TakeSchema, writeTake } from '../../../../src/core/output/take';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { tempDir } from '../../../support/files';

const SHA = 'c'.repeat(64);
const take = (extra: Partial<Take> = {}): Take => ({
  schema: TAKE_SCHEMA,
  tool: { name: 'wan-keyframes', version: '0.2.0' },
  video: { file: 'dawn-to-dusk.mp4', bytes: 1234 },
  taskId: 'task-1',
  requestIds: ['req-1'],
  model: 'wan2.2-kf2v-flash',
  family: 'wan2.2-kf2v-flash',
  endpoint: 'https://dashscope.aliyuncs.com',
  inputs: { [ROLE.first]: { path: 'dawn.png', sha256: SHA, bytes: 10, format: 'png' } },
  inputsKey: 'k1',
  prompt: 'p',
  negativePrompt: '',
  times: { savedAt: '2026-12-01T00:00:00.000Z' },
  ...extra,
});

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('writing a take', () => {
  it('writes a take that reads back as one', async () => {
    const file = path.join(await tempDir('wk-take-'), 'dawn-to-dusk.json');
    await writeTake(file, take({ seed: 7 }));
    const back = TakeSchema.safeParse(await readJson(file));
    assert.ok(back.success);
    assert.equal(back.data.seed, 7);
    assert.deepEqual(await readdir(path.dirname(file)), ['dawn-to-dusk.json'], 'published whole: no temporary file left beside it');
  });

  it('never overwrites: a second take at the same name fails and the first stays whole', async () => {
    const file = path.join(await tempDir('wk-take-'), 'dawn-to-dusk.json');
    await writeTake(file, take({ taskId: 'first' }));
    await assert.rejects(writeTake(file, take({ taskId: 'second' })), (error: unknown) => (error as { code?: string }).code === 'EEXIST');
    assert.equal((await readJson(file)).taskId, 'first');
  });

  it('a take that is not valid, or a write that fails, leaves no file behind', async () => {
    const dir = await tempDir('wk-take-');
    await assert.rejects(writeTake(path.join(dir, 'bad.json'), take({ taskId: 42 as unknown as string })));
    await assert.rejects(writeTake(path.join(dir, 'gone', 'x.json'), take()), (error: unknown) => (error as { code?: string }).code === 'ENOENT');
    assert.equal((await readdir(dir)).length, 0);
  });
});

describe('replacing a take\'s file', () => {
  it('replaces it whole, keeping fields this version does not know, and leaves no temporary file', async () => {
    const dir = await tempDir('wk-take-');
    const file = path.join(dir, 'dawn-to-dusk.json');
    await writeTake(file, take());
    const next = { ...take(), verdict: 'kept', rating: 5, video: { file: 'dawn-to-dusk.mp4', bytes: 1234, codec: 'avc1' } };
    await replaceTakeFile(file, next);
    assert.deepEqual(await readJson(file), next);
    assert.deepEqual(await readdir(dir), ['dawn-to-dusk.json']);
  });

  it('a reader never sees half a file while it is replaced again and again', async () => {
    const dir = await tempDir('wk-take-');
    const file = path.join(dir, 'big.json');
    const big = (n: number) => ({ ...take(), n, notes: 'x'.repeat(256 * 1024) });
    await replaceTakeFile(file, big(0));
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        JSON.parse(await readFile(file, 'utf8'));
        reads++;
      }
    })();
    for (let n = 1; n <= 20; n++) await replaceTakeFile(file, big(n));
    writing = false;
    await reader;
    assert.ok(reads > 0);
    assert.equal((await readJson(file)).n, 20);
  });

  it('a replace that cannot land leaves the place as it was and no temporary file', async () => {
    const dir = await tempDir('wk-take-');
    const target = path.join(dir, 'taken.json');
    await mkdir(target);
    await writeFile(path.join(target, 'inside'), 'x');
    await assert.rejects(replaceTakeFile(target, take()));
    assert.deepEqual(await readdir(dir), ['taken.json']);
    assert.deepEqual(await readdir(target), ['inside']);
  });
});

describe('a take\'s inputs', () => {
  it('local files by their path relative to the take\'s folder (forward slashes), URLs as they are, no names', () => {
    const inputs = takeInputs(
      { [ROLE.first]: { name: 'dawn.png', path: '/work/frames/dawn.png', sha256: SHA, bytes: 1, format: 'png' }, [ROLE.last]: { name: 'dusk.png', path: 'https://img.example.com/dusk.png', url: 'https://img.example.com/dusk.png', bytes: 2, format: 'png' } },
      '/work/renders',
    );
    assert.deepEqual(inputs[ROLE.first], { sha256: SHA, bytes: 1, format: 'png', path: '../frames/dawn.png' });
    assert.deepEqual(inputs[ROLE.last], { url: 'https://img.example.com/dusk.png', bytes: 2, format: 'png' });
  });
});
