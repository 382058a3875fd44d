import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FILM_SCHEMA, type FilmSidecar, filmTool, formatFilmSidecar, readFilmSidecar, sha256File } from '../../../../src/core/storyboard/filmSidecar';
import { tempDir } from '../../../support/files';

const SIDECAR: FilmSidecar = {
  schema: FILM_SCHEMA,
  tool: filmTool(),
  storyboard: 'film.storyboard.json',
  video: { file: 'film.mp4', bytes: 10, sha256: 'f'.repeat(64), seconds: 3.9 },
  joinedAt: '2026-12-04T00:00:00.000Z',
  segments: [
    { index: 0, video: 'a.mp4', sha256: 'a'.repeat(64), seconds: 2, used: 1.9 },
    { index: 1, video: 'b.mp4', sha256: 'b'.repeat(64), seconds: 2, used: 2 },
  ],
  cuts: [{ after: 0, before: 1, at: 1.9, frame: 'hid-last-frame', hidden: 0.1 }],
  audio: { kind: 'none' },
};

describe("a film's sidecar", () => {
  it('reads back as written', async () => {
    const file = path.join(await tempDir('wk-film-'), 'film.json');
    await writeFile(file, formatFilmSidecar(SIDECAR));
    assert.deepEqual(await readFilmSidecar(file), { kind: 'ours', sidecar: SIDECAR });
  });

  it('records a take cut short where the next segment continued it, with the exact time', async () => {
    const file = path.join(await tempDir('wk-film-'), 'film.json');
    const trimmed: FilmSidecar = {
      ...SIDECAR,
      segments: [{ ...(SIDECAR.segments[0] as FilmSidecar['segments'][number]), used: 1.5, trimmedAt: 1.5 }, SIDECAR.segments[1] as FilmSidecar['segments'][number]],
      cuts: [{ after: 0, before: 1, at: 1.5, frame: 'trimmed-head-at', trimmedAt: 1.5, hidden: 0 }],
    };
    await writeFile(file, formatFilmSidecar(trimmed));
    assert.deepEqual(await readFilmSidecar(file), { kind: 'ours', sidecar: trimmed });
    assert.throws(() => formatFilmSidecar({ ...trimmed, cuts: [{ ...(trimmed.cuts[0] as FilmSidecar['cuts'][number]), frame: 'trimmed' as 'kept-both' }] }));
  });

  it('tells an absent file from somebody else\'s', async () => {
    const dir = await tempDir('wk-film-');
    assert.deepEqual(await readFilmSidecar(path.join(dir, 'none.json')), { kind: 'absent' });
    await writeFile(path.join(dir, 'notes.json'), '{"title":"my notes"}');
    assert.equal((await readFilmSidecar(path.join(dir, 'notes.json'))).kind, 'other');
    await writeFile(path.join(dir, 'text.json'), 'not json');
    assert.deepEqual(await readFilmSidecar(path.join(dir, 'text.json')), { kind: 'other', detail: 'not JSON' });
  });

  it('refuses to format a sidecar missing a field', () => {
    assert.throws(() => formatFilmSidecar({ ...SIDECAR, segments: [{ ...SIDECAR.segments[0], sha256: 'short' }] } as FilmSidecar));
  });

  it("hashes a file's bytes", async () => {
    const file = path.join(await tempDir('wk-film-'), 'x.bin');
    const bytes = Buffer.alloc(300_000, 7);
    await writeFile(file, bytes);
    assert.equal(await sha256File(file), createHash('sha256').update(bytes).digest('hex'));
  });
});
