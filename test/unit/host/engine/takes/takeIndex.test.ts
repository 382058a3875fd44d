import * as assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TAKE_SCHEMA } from '../../../../../src/core/output/take';
import { TakeIndex, type TakeIndexChange } from '../../../../../src/host/engine/takes/takeIndex';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { tempDir } from '../../../../support/files';

async function putTake(file: string, key: string, savedAt: string, extra: Record<string, unknown> = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const take = {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.2.0' },
    video: { file: path.basename(file).replace(/\.json$/, '.mp4'), bytes: 1 },
    taskId: `task-${path.basename(file)}`,
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
}

async function indexOf(root: string) {
  const lines: string[] = [];
  const index = new TakeIndex({ roots: () => [root], log: (line) => lines.push(line) });
  const changes: TakeIndexChange[] = [];
  index.onDidChange((change) => changes.push(change));
  await index.ready();
  return { index, lines, changes };
}

describe('the takes of the workspace, indexed', () => {
  it('groups takes by inputs key, newest first, from the take files alone', async () => {
    const root = await tempDir('wk-index-');
    await putTake(path.join(root, 'shots/a.json'), 'pair', '2026-12-01T00:00:00.000Z');
    await putTake(path.join(root, 'shots/b.json'), 'pair', '2026-12-02T00:00:00.000Z');
    await putTake(path.join(root, 'c.json'), 'other', '2026-12-03T00:00:00.000Z');
    const { index, lines } = await indexOf(root);
    assert.deepEqual(index.takesOf('pair').map((found) => path.basename(found.sidecarPath)), ['b.json', 'a.json']);
    assert.equal(index.size, 3);
    assert.equal(index.takeOfVideo(path.join(root, 'c.mp4'))?.take.inputsKey, 'other');
    assert.match(lines.join('\n'), /3 take\(s\) in 2 group\(s\)/);
  });

  it('a take written later appears, a changed key moves it, a deleted one leaves; each says which groups changed', async () => {
    const root = await tempDir('wk-index-');
    await putTake(path.join(root, 'a.json'), 'pair', '2026-12-01T00:00:00.000Z');
    const { index, changes } = await indexOf(root);
    await putTake(path.join(root, 'new.json'), 'pair', '2026-12-05T00:00:00.000Z');
    await index.fileChanged(path.join(root, 'new.json'));
    assert.deepEqual(index.takesOf('pair').map((found) => path.basename(found.sidecarPath)), ['new.json', 'a.json']);
    await putTake(path.join(root, 'new.json'), 'elsewhere', '2026-12-05T00:00:00.000Z');
    await index.fileChanged(path.join(root, 'new.json'));
    assert.deepEqual([index.takesOf('pair').length, index.takesOf('elsewhere').length], [1, 1]);
    assert.deepEqual([...(changes.at(-1)?.keys ?? [])].sort(), ['elsewhere', 'pair']);
    await rm(path.join(root, 'new.json'));
    await index.fileDeleted(path.join(root, 'new.json'));
    assert.equal(index.takesOf('elsewhere').length, 0);
  });

  it('a take\'s video deleted changes its group (it shows as missing) but keeps the take', async () => {
    const root = await tempDir('wk-index-');
    await putTake(path.join(root, 'a.json'), 'pair', '2026-12-01T00:00:00.000Z');
    const { index, changes } = await indexOf(root);
    await index.fileDeleted(path.join(root, 'a.mp4'));
    assert.equal(index.takesOf('pair').length, 1);
    assert.deepEqual([...(changes.at(-1)?.keys ?? [])], ['pair']);
    assert.deepEqual(changes.at(-1)?.videos, [path.join(root, 'a.mp4')]);
  });

  it('a file that stops being a take leaves; foreign JSON and files outside the workspace are passed over', async () => {
    const root = await tempDir('wk-index-');
    await putTake(path.join(root, 'a.json'), 'pair', '2026-12-01T00:00:00.000Z');
    const { index, lines } = await indexOf(root);
    await writeFile(path.join(root, 'a.json'), '{"schema": "wan-keyframes/take@2", "cut short');
    await index.fileChanged(path.join(root, 'a.json'));
    assert.equal(index.takesOf('pair').length, 0);
    await writeFile(path.join(root, 'package.json'), '{"name": "x"}');
    await index.fileChanged(path.join(root, 'package.json'));
    const outside = path.join(await tempDir('wk-outside-'), 'b.json');
    await putTake(outside, 'pair', '2026-12-01T00:00:00.000Z');
    await index.fileChanged(outside);
    assert.equal(index.size, 0);
    await putTake(path.join(root, 'future.json'), 'pair', '2026-12-01T00:00:00.000Z', { schema: 'wan-keyframes/take@9' });
    await index.fileChanged(path.join(root, 'future.json'));
    assert.match(lines.join('\n'), /skipped .*future\.json: future/);
    assert.doesNotMatch(lines.join('\n'), /package\.json/);
  });
});
