import * as assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TAKE_SCHEMA } from '../../../../src/core/output/take';
import type { SkipReason } from '../../../../src/core/output/takeReader';
import { groupByInputs, scanTakes } from '../../../../src/core/output/takeScan';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { FIXTURES, tempDir } from '../../../support/files';

/** Writes a version-2 take at `root/relative` (folders made), of inputs `key`, saved at `savedAt`; returns its path. */
async function putTake(root: string, relative: string, key: string, savedAt: string, extra: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  const take = {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.2.0' },
    video: { file: `${path.basename(relative, '.json')}.mp4`, bytes: 1 },
    taskId: `task-${relative}`,
    requestIds: [],
    model: 'wan2.2-kf2v-flash',
    family: 'wan2.2-kf2v-flash',
    endpoint: 'https://dashscope.aliyuncs.com',
    inputs: { [ROLE.first]: { path: 'a.png', sha256: 'a'.repeat(64), bytes: 1, format: 'png' } },
    inputsKey: key,
    prompt: '',
    negativePrompt: '',
    times: { savedAt },
    ...extra,
  };
  await writeFile(file, JSON.stringify(take));
  return file;
}

/** A project folder: takes at several depths, one written by version 1, and what a scan must pass over. */
async function project() {
  const root = await tempDir('wk-scan-');
  const older = await putTake(root, 'shots/day/one/dawn.json', 'pair-a', '2026-12-01T10:00:00.000Z');
  const newer = await putTake(root, 'dawn-2.json', 'pair-a', '2026-12-02T10:00:00.000Z');
  const other = await putTake(root, 'other/dusk.json', 'pair-b', '2026-12-01T12:00:00.000Z');
  await mkdir(path.join(root, 'old'));
  const v1 = path.join(root, 'old', 'dawn-to-dusk.json');
  await copyFile(path.join(FIXTURES, 'd5f53d2', 'sidecar-kf2v.json'), v1);
  for (const hidden of ['node_modules/pkg/take.json', '.cache/take.json', '.hidden-take.json']) await putTake(root, hidden, 'pair-a', '2026-12-03T00:00:00.000Z');
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
  await writeFile(path.join(root, 'half.json'), '{"schema": "wan-keyframes/take@2", "taskId');
  const malformed = await putTake(root, 'broken.json', 'pair-a', 'x', { taskId: 42 });
  const future = await putTake(root, 'next.json', 'pair-a', 'x', { schema: 'wan-keyframes/take@9' });
  return { root, takes: [older, newer, other, v1], malformed, future };
}

describe('scanning a folder for takes', () => {
  it('finds the takes in nested folders (version 1 too), and passes over dependencies, hidden folders and files, and foreign JSON', async () => {
    const { root, takes } = await project();
    const found = await scanTakes(root);
    assert.deepEqual(found.map((item) => item.sidecarPath).sort(), [...takes].sort());
    assert.equal(found.find((item) => item.version === 1)?.sidecarPath, takes[3]);
  });

  it('reports each skipped file of ours with its reason; foreign or broken JSON goes unreported', async () => {
    const { root, malformed, future } = await project();
    const skipped = new Map<string, SkipReason>();
    await scanTakes(root, { onSkip: (file, reason) => skipped.set(file, reason) });
    assert.equal(skipped.get(malformed), 'malformed');
    assert.equal(skipped.get(future), 'future');
    assert.equal(skipped.size, 2, [...skipped.keys()].join(', '));
  });

  it('stops at maxDepth, and finds nothing once stopped', async () => {
    const { root, takes } = await project();
    const shallow = await scanTakes(root, { maxDepth: 1 });
    assert.ok(!shallow.some((item) => item.sidecarPath === takes[0]), 'three folders down is past depth 1');
    assert.ok(shallow.some((item) => item.sidecarPath === takes[2]));
    assert.equal((await scanTakes(root, { signal: AbortSignal.abort() })).length, 0);
    assert.deepEqual(await scanTakes(path.join(root, 'no-such-folder')), []);
  });
});

describe('grouping takes by their inputs', () => {
  it('one group per inputs key, each newest first whatever order they were found in', async () => {
    const { root, takes } = await project();
    const found = await scanTakes(root);
    for (const order of [found, [...found].reverse()]) {
      const groups = groupByInputs(order);
      assert.deepEqual(groups.get('pair-a')?.map((item) => item.sidecarPath), [takes[1], takes[0]]);
      assert.deepEqual(groups.get('pair-b')?.map((item) => item.sidecarPath), [takes[2]]);
      assert.equal(groups.size, 3, 'the version-1 take has a key of its own');
    }
  });
});
