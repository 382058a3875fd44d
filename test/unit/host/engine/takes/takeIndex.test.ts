import * as assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { inputsKey } from '../../../../../src/core/inputs/inputFiles';
import { TAKE_SCHEMA } from '../../../../../src/core/output/take';
import { FILM_SCHEMA } from '../../../../../src/core/storyboard/filmSidecar';
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

describe('the films of the workspace, indexed with the takes', () => {
  const frame = (letter: string) => ({ path: `${letter}.png`, sha256: letter.repeat(64), bytes: 1, format: 'png' });
  const pairKey = (from: string, to: string) => inputsKey({ [ROLE.first]: frame(from), [ROLE.last]: frame(to) });
  const segment = (root: string, from: string, to: string, savedAt = '2026-12-01T00:00:00.000Z') =>
    putTake(path.join(root, 'takes', `${from}-to-${to}.json`), pairKey(from, to), savedAt, { inputs: { [ROLE.first]: frame(from), [ROLE.last]: frame(to) } });
  async function putFilm(root: string, name: string, pairs: Array<[string, string]>, joinedAt = '2026-12-04T00:00:00.000Z'): Promise<string> {
    const file = path.join(root, `${name}.json`);
    const segments = pairs.map(([from, to], index) => ({ index, video: `takes/${from}-to-${to}.mp4`, sha256: 'e'.repeat(64), seconds: 5, used: 5 }));
    const film = { schema: FILM_SCHEMA, tool: { name: 'wan-keyframes', version: '0.3.0' }, storyboard: `${name}.storyboard.json`, video: { file: `${name}.mp4`, bytes: 1, sha256: 'f'.repeat(64), seconds: 10 }, joinedAt, segments, cuts: [], audio: { kind: 'none' } };
    await writeFile(file, JSON.stringify(film));
    return file;
  }

  it('a film shows with its first → last pair, found from the files alone (no video read)', async () => {
    const root = await tempDir('wk-index-');
    await segment(root, 'a', 'b');
    await segment(root, 'b', 'c');
    await putTake(path.join(root, 'direct.json'), pairKey('a', 'c'), '2026-12-02T00:00:00.000Z', { inputs: { [ROLE.first]: frame('a'), [ROLE.last]: frame('c') } });
    await putFilm(root, 'a-to-c-film', [['a', 'b'], ['b', 'c']]);
    await putFilm(root, 'a-to-c-film-2', [['a', 'b'], ['b', 'c']], '2026-12-05T00:00:00.000Z');
    const { index, lines } = await indexOf(root);
    assert.deepEqual(index.filmsOf(pairKey('a', 'c')).map((film) => path.basename(film.videoPath)), ['a-to-c-film-2.mp4', 'a-to-c-film.mp4']);
    assert.deepEqual(index.takesOf(pairKey('a', 'c')).map((found) => path.basename(found.sidecarPath)), ['direct.json'], 'a film is no take');
    assert.equal(index.filmsOf(pairKey('a', 'b')).length, 0, 'not with its first segment');
    assert.equal(index.size, 3);
    assert.match(lines.join('\n'), /2 film\(s\)/);
  });

  it('a film joined later appears, joined again stays one, deleted leaves; each time its pair is told', async () => {
    const root = await tempDir('wk-index-');
    await segment(root, 'a', 'b');
    await segment(root, 'b', 'c');
    const { index, changes } = await indexOf(root);
    const file = await putFilm(root, 'a-to-c-film', [['a', 'b'], ['b', 'c']]);
    await index.fileChanged(file);
    assert.equal(index.filmsOf(pairKey('a', 'c')).length, 1);
    assert.ok(changes.at(-1)?.keys.has(pairKey('a', 'c')));
    await putFilm(root, 'a-to-c-film', [['a', 'b'], ['b', 'c']], '2026-12-06T00:00:00.000Z');
    await index.fileChanged(file);
    assert.deepEqual(index.filmsOf(pairKey('a', 'c')).map((film) => film.film.joinedAt), ['2026-12-06T00:00:00.000Z']);
    await index.fileDeleted(path.join(root, 'a-to-c-film.mp4'));
    assert.deepEqual(changes.at(-1)?.videos, [path.join(root, 'a-to-c-film.mp4')], 'its video gone: its pair shows it missing');
    await rm(file);
    await index.fileDeleted(file);
    assert.equal(index.filmsOf(pairKey('a', 'c')).length, 0);
    assert.ok(changes.at(-1)?.keys.has(pairKey('a', 'c')));
  });

  it('a film waits for its segments\' takes: one arriving later brings it to its pair, one deleted takes it away', async () => {
    const root = await tempDir('wk-index-');
    await segment(root, 'a', 'b');
    await putFilm(root, 'a-to-c-film', [['a', 'b'], ['b', 'c']]);
    const { index, changes } = await indexOf(root);
    assert.equal(index.filmsOf(pairKey('a', 'c')).length, 0);
    await segment(root, 'b', 'c');
    await index.fileChanged(path.join(root, 'takes', 'b-to-c.json'));
    assert.equal(index.filmsOf(pairKey('a', 'c')).length, 1);
    assert.ok(changes.at(-1)?.keys.has(pairKey('a', 'c')), 'the pair is told its film arrived');
    await rm(path.join(root, 'takes', 'b-to-c.json'));
    await index.fileDeleted(path.join(root, 'takes', 'b-to-c.json'));
    assert.equal(index.filmsOf(pairKey('a', 'c')).length, 0);
    assert.ok(changes.at(-1)?.keys.has(pairKey('a', 'c')), 'and told it went');
  });

  it('a folder deleted takes its films; a rebuild finds them again', async () => {
    const root = await tempDir('wk-index-');
    await segment(root, 'a', 'b');
    await segment(root, 'b', 'c');
    await mkdir(path.join(root, 'films'));
    const file = path.join(root, 'films', 'a-to-c-film.json');
    await putFilm(root, 'a-to-c-film', [['a', 'b'], ['b', 'c']]);
    await writeFile(file, (await readFile(path.join(root, 'a-to-c-film.json'), 'utf8')).replaceAll('takes/', '../takes/'));
    await rm(path.join(root, 'a-to-c-film.json'));
    const { index, changes } = await indexOf(root);
    assert.equal(index.film(file)?.sidecarPath, file);
    await index.fileDeleted(path.join(root, 'films'));
    assert.equal(index.film(file), undefined);
    assert.ok(changes.at(-1)?.keys.has(pairKey('a', 'c')));
    await index.rebuild();
    assert.equal(index.filmsOf(pairKey('a', 'c')).length, 1);
  });
});
