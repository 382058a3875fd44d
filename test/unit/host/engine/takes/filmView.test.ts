import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FoundTake } from '../../../../../src/core/output/takeReader';
import { FILM_SCHEMA, type FilmSidecar } from '../../../../../src/core/storyboard/filmSidecar';
import type { FoundFilm } from '../../../../../src/host/engine/takes/filmFiles';
import type { FilmPair } from '../../../../../src/host/engine/takes/filmPair';
import { type FilmLook, filmView } from '../../../../../src/host/engine/takes/filmView';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { TakeViewSchema } from '../../../../../src/shared/views';

const frame = (file: string) => ({ path: file, sha256: 'a'.repeat(64), bytes: 1, format: 'png' });
const takeOf = (model: string, inputs: FoundTake['inputs']) => ({ take: { model, parameters: { resolution: '1080P' } }, inputs }) as unknown as FoundTake;

const sidecar = {
  schema: FILM_SCHEMA,
  storyboard: 'sky.storyboard.json',
  video: { file: 'sky.mp4', bytes: 1, sha256: 'f'.repeat(64), seconds: 9.9 },
  joinedAt: '2026-12-04T01:02:03.000Z',
  segments: [{}, {}, {}],
} as unknown as FilmSidecar;
const film: FoundFilm = { film: sidecar, sidecarPath: '/w/sky.json', videoPath: '/w/sky.mp4', storyboardPath: '/w/boards/sky.storyboard.json', segmentVideos: [] };
const pair: FilmPair = {
  key: 'k',
  first: takeOf('wan2.2-kf2v-flash', { [ROLE.first]: frame('/w/dawn.png'), [ROLE.last]: frame('/w/noon.png') }),
  last: takeOf('wan2.7-i2v', { [ROLE.first]: { url: 'https://example.com/pics/noon.png', bytes: 1, format: 'png' }, [ROLE.last]: { url: 'https://example.com/pics/dusk.png?x=1', bytes: 1, format: 'png' } }),
};

function look(present: string[]): FilmLook {
  return {
    src: async (file) => (present.includes(file) ? `https://webview/${file}` : undefined),
    label: (segments, storyboard) => `Film of ${segments} segments from ${storyboard}`,
    openStoryboard: 'Open Storyboard',
  };
}

describe('a film as a card among the takes of its pair', () => {
  it('shows the first segment\'s first frame, the film, the last segment\'s last frame, marked as a film of N segments', async () => {
    const view = await filmView(film, pair, { sound: 'plays', fps: 16 }, look(['/w/sky.mp4', '/w/dawn.png']));
    assert.ok(TakeViewSchema.safeParse(view).success, 'a view the page accepts');
    assert.equal(view.id, '/w/sky.json');
    assert.equal(view.videoSrc, 'https://webview//w/sky.mp4');
    assert.equal(view.videoMissing, false);
    assert.deepEqual(view.inputs, { [ROLE.first]: { name: 'dawn.png', src: 'https://webview//w/dawn.png' }, [ROLE.last]: { name: 'dusk.png' } });
    assert.deepEqual(view.film, { segments: 3, storyboard: 'sky.storyboard.json', label: 'Film of 3 segments from sky.storyboard.json', openStoryboard: 'Open Storyboard' });
    assert.equal(view.model, 'wan2.2-kf2v-flash + wan2.7-i2v');
    assert.equal(view.seconds, 9.9);
    assert.equal(view.savedAt, Date.parse('2026-12-04T01:02:03.000Z'));
    assert.deepEqual([view.sound, view.fps, view.exact, view.canResume], ['plays', 16, false, false]);
  });

  it('says its video is missing, and a still whose image is gone has no picture', async () => {
    const view = await filmView(film, pair, { sound: 'unknown' }, look([]));
    assert.equal(view.videoSrc, undefined);
    assert.equal(view.videoMissing, true);
    assert.equal(view.canResume, false, 'a film is joined again, never downloaded');
    assert.equal(view.inputs[ROLE.first]?.src, undefined);
  });
});
