import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TAKE_SCHEMA } from '../../../../../src/core/output/take';
import { MAX_TAKE_BYTES } from '../../../../../src/core/output/takeReader';
import { FILM_SCHEMA } from '../../../../../src/core/storyboard/filmSidecar';
import { parseIndexed, readIndexed, scanIndexed } from '../../../../../src/host/engine/takes/filmFiles';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { tempDir } from '../../../../support/files';

const film = (extra: Record<string, unknown> = {}) => ({
  schema: FILM_SCHEMA,
  tool: { name: 'wan-keyframes', version: '0.3.0' },
  storyboard: 'a-to-c-film.storyboard.json',
  video: { file: 'a-to-c-film.mp4', bytes: 10, sha256: 'f'.repeat(64), seconds: 9.9 },
  joinedAt: '2026-12-04T00:00:00.000Z',
  // Written in any order: read in storyboard order.
  segments: [
    { index: 1, video: 'takes/b-to-c.mp4', sha256: 'b'.repeat(64), seconds: 5, used: 4.9 },
    { index: 0, video: 'takes/a-to-b.mp4', sha256: 'a'.repeat(64), seconds: 5, used: 5 },
  ],
  cuts: [{ after: 0, before: 1, at: 5, frame: 'hid-last-frame', hidden: 0.1 }],
  audio: { kind: 'none' },
  ...extra,
});

const take = {
  schema: TAKE_SCHEMA,
  tool: { name: 'wan-keyframes', version: '0.3.0' },
  video: { file: 'a.mp4', bytes: 1 },
  taskId: 'task-a',
  requestIds: [],
  model: 'wan2.2-kf2v-flash',
  family: 'wan2.2-kf2v-flash',
  endpoint: 'https://dashscope.aliyuncs.com',
  inputs: { [ROLE.first]: { path: 'a.png', sha256: 'a'.repeat(64), bytes: 1, format: 'png' } },
  inputsKey: 'pair',
  prompt: '',
  negativePrompt: '',
  times: { savedAt: '2026-12-01T00:00:00.000Z' },
};

describe('the JSON files the take index keeps: takes and films', () => {
  it('reads a film sidecar: its video and storyboard beside it, its segments\' takes in storyboard order', () => {
    const sidecar = path.join('/w', 'films', 'a-to-c-film.json');
    const read = parseIndexed(JSON.stringify(film()), sidecar);
    assert.ok('film' in read, JSON.stringify(read));
    assert.equal(read.film.videoPath, path.join('/w', 'films', 'a-to-c-film.mp4'));
    assert.equal(read.film.storyboardPath, path.join('/w', 'films', 'a-to-c-film.storyboard.json'));
    assert.deepEqual(read.film.segmentVideos, [path.join('/w', 'films', 'takes', 'a-to-b.mp4'), path.join('/w', 'films', 'takes', 'b-to-c.mp4')]);
  });

  it('reads a take as a take, and passes over JSON that is neither', () => {
    assert.ok('found' in parseIndexed(JSON.stringify(take), '/w/a.json'));
    assert.deepEqual(parseIndexed('{"name": "x"}', '/w/package.json'), { skipped: 'not-ours', detail: 'no schema field' });
    assert.equal((parseIndexed(`{"note": "${FILM_SCHEMA}"}`, '/w/notes.json') as { skipped: string }).skipped, 'not-ours');
  });

  it('says why a film sidecar is refused: a field wrong, a video that is not beside it', () => {
    const broken = parseIndexed(JSON.stringify(film({ segments: [{ index: 0, video: 'a.mp4', sha256: 'short', seconds: 5, used: 5 }] })), '/w/f.json');
    assert.equal((broken as { skipped: string }).skipped, 'malformed');
    assert.match((broken as { detail: string }).detail, /segments\.0\.sha256/);
    const away = parseIndexed(JSON.stringify(film({ video: { file: '../elsewhere.mp4', bytes: 1, sha256: 'f'.repeat(64), seconds: 1 } })), '/w/f.json');
    assert.match((away as { detail: string }).detail, /not a file beside/);
    assert.equal((parseIndexed(JSON.stringify(film({ schema: 'wan-keyframes/film@2' })), '/w/f.json') as { skipped: string }).skipped, 'future');
  });

  it('scans a folder once for both, refusing a file too large to be either', async () => {
    const root = await tempDir('wk-films-');
    await mkdir(path.join(root, 'takes'), { recursive: true });
    await writeFile(path.join(root, 'a-to-c-film.json'), JSON.stringify(film()));
    await writeFile(path.join(root, 'takes', 'a.json'), JSON.stringify(take));
    await writeFile(path.join(root, 'package.json'), '{"name": "x"}');
    await writeFile(path.join(root, 'huge.json'), `{"schema": "${FILM_SCHEMA}", "pad": "${'x'.repeat(MAX_TAKE_BYTES)}"}`);
    const skipped: string[] = [];
    const found = await scanIndexed(root, { onSkip: (file, reason) => skipped.push(`${path.basename(file)} ${reason}`) });
    assert.deepEqual(found.map((read) => ('film' in read ? 'film' : 'take')).sort(), ['film', 'take']);
    assert.deepEqual(skipped, ['huge.json too-large']);
    assert.equal((await readIndexed(path.join(root, 'gone.json')) as { skipped: string }).skipped, 'unreadable');
  });
});
