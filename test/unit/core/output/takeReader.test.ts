import * as assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inputsKey } from '../../../../src/core/inputs/inputFiles';
import { TAKE_SCHEMA } from '../../../../src/core/output/take';
import { parseTake, readTake } from '../../../../src/core/output/takeReader';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { FIXTURES, tempDir } from '../../../support/files';

const V1 = path.join(FIXTURES, 'd5f53d2');

/** A version-2 take as the product writes it, with `extra` fields over it. */
function take(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.2.0' },
    video: { file: 'dawn-to-dusk.mp4', bytes: 1234 },
    taskId: 'task-1',
    requestIds: ['req-1'],
    model: 'wan2.2-kf2v-flash',
    family: 'wan2.2-kf2v-flash',
    endpoint: 'https://dashscope.aliyuncs.com',
    inputs: { [ROLE.first]: { path: 'frames/dawn.png', sha256: 'a'.repeat(64), bytes: 10, format: 'png' }, [ROLE.last]: { url: 'https://example.com/dusk.png', bytes: 20, format: 'png' } },
    inputsKey: 'k1',
    seed: 7,
    prompt: 'p',
    negativePrompt: '',
    times: { savedAt: '2026-12-01T00:00:00.000Z' },
    ...extra,
  };
}

describe('reading a take', () => {
  it('a version-2 take: its video and inputs resolved against its own folder, URLs as they are', () => {
    const read = parseTake(JSON.stringify(take()), '/work/shots/dawn-to-dusk.json');
    assert.ok('found' in read, JSON.stringify(read));
    assert.equal(read.found.version, 2);
    assert.equal(read.found.videoPath, '/work/shots/dawn-to-dusk.mp4');
    assert.equal(read.found.inputs[ROLE.first]?.path, '/work/shots/frames/dawn.png');
    assert.equal(read.found.inputs[ROLE.last]?.url, 'https://example.com/dusk.png');
    assert.equal(read.found.take.seed, 7);
  });

  it('a sidecar of version 1 (d5f53d2) is a take too: inputs by role, the key from the files\' hashes', async () => {
    const dir = await tempDir('wk-take-v1-');
    const file = path.join(dir, 'dawn-to-dusk.json');
    await copyFile(path.join(V1, 'sidecar-kf2v.json'), file);
    const read = await readTake(file);
    assert.ok('found' in read, JSON.stringify(read));
    const original = JSON.parse(await readFile(path.join(V1, 'sidecar-kf2v.json'), 'utf8')) as { sources: { first: { sha256: string; path: string }; last: { sha256: string; path: string } }; parameters: { seed: number }; actualPrompt: string };
    assert.equal(read.found.version, 1);
    assert.equal(read.found.take.inputs[ROLE.first]?.sha256, original.sources.first.sha256);
    assert.equal(read.found.inputs[ROLE.last]?.path, original.sources.last.path, 'the absolute path version 1 wrote is found again');
    assert.equal(read.found.take.inputsKey, inputsKey({ [ROLE.first]: original.sources.first, [ROLE.last]: original.sources.last }));
    assert.equal(read.found.take.seed, original.parameters.seed);
    assert.equal(read.found.take.actualPrompt, original.actualPrompt);
  });

  it('two takes of the same frames share a key whichever version wrote them', async () => {
    const v1 = parseTake(await readFile(path.join(V1, 'sidecar-kf2v.json'), 'utf8'), '/a/x.json');
    const wan27 = parseTake(await readFile(path.join(V1, 'sidecar-wan27.json'), 'utf8'), '/b/y.json');
    assert.ok('found' in v1 && 'found' in wan27);
    assert.equal(v1.found.take.inputsKey, wan27.found.take.inputsKey, 'same frames, another model: the same pair');
  });

  it('skips what is not a take of ours, or not one it can read, and says why', () => {
    const reasons = [
      ['{"schema": "wan-keyframes/take@2", "taskId": ', 'not-json'],
      ['{"name": "package", "version": "1.0.0"}', 'not-ours'],
      [JSON.stringify({ schema: 'other-tool/sidecar@1' }), 'not-ours'],
      [JSON.stringify(take({ schema: 'wan-keyframes/take@3' })), 'future'],
      [JSON.stringify(take({ taskId: 42 })), 'malformed'],
      [JSON.stringify({ schema: 'wan-keyframes/sidecar@1', taskId: 't' }), 'malformed'],
      [JSON.stringify(take({ video: { file: '../../etc/passwd.mp4', bytes: 1 } })), 'malformed'],
      [JSON.stringify(take({ video: { file: 'sub/a.mp4', bytes: 1 } })), 'malformed'],
    ] as const;
    for (const [text, reason] of reasons) {
      const read = parseTake(text, '/x/y.json');
      assert.ok('skipped' in read, text);
      assert.equal(read.skipped, reason, text);
    }
  });

  it('fields a newer version added are kept on the take (a rewrite of it keeps them)', () => {
    const read = parseTake(JSON.stringify(take({ rating: 5, video: { file: 'v.mp4', bytes: 1, codec: 'avc1' } })), '/x/v.json');
    assert.ok('found' in read);
    assert.equal((read.found.take as Record<string, unknown>).rating, 5);
    assert.equal((read.found.take.video as Record<string, unknown>).codec, 'avc1');
  });

  it('a file too large to be a take, or one that cannot be read, is skipped without reading it all', async () => {
    const dir = await tempDir('wk-take-big-');
    const big = path.join(dir, 'big.json');
    await writeFile(big, `{"schema":"wan-keyframes/take@2","pad":"${'x'.repeat(1024 * 1024)}"}`);
    const read = await readTake(big);
    assert.ok('skipped' in read && read.skipped === 'too-large');
    await mkdir(path.join(dir, 'folder.json'));
    const folder = await readTake(path.join(dir, 'folder.json'));
    assert.ok('skipped' in folder && folder.skipped === 'unreadable');
  });
});
