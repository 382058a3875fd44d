import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputsKey } from '../../../../../src/core/inputs/inputFiles';
import type { FoundTake } from '../../../../../src/core/output/takeReader';
import type { FoundFilm } from '../../../../../src/host/engine/takes/filmFiles';
import { filmPair } from '../../../../../src/host/engine/takes/filmPair';
import { ROLE } from '../../../../../src/shared/mediaRoles';

const frame = (letter: string) => ({ path: `/w/${letter}.png`, sha256: letter.repeat(64), bytes: 1, format: 'png' });

function takeOf(video: string, inputs: FoundTake['inputs'], model = 'wan2.2-kf2v-flash'): FoundTake {
  return {
    take: { model, inputs, inputsKey: inputsKey(inputs) } as unknown as FoundTake['take'],
    sidecarPath: video.replace(/\.mp4$/, '.json'),
    videoPath: video,
    version: 2,
    inputs,
  };
}

const segments = ['/w/s0.mp4', '/w/s1.mp4', '/w/s2.mp4'];
const film = { sidecarPath: '/w/a-to-d-film.json', videoPath: '/w/a-to-d-film.mp4', storyboardPath: '/w/a-to-d-film.storyboard.json', segmentVideos: segments } as unknown as FoundFilm;
const takes = new Map([
  [segments[0], takeOf(segments[0] as string, { [ROLE.first]: frame('a'), [ROLE.last]: frame('b') })],
  [segments[1], takeOf(segments[1] as string, { [ROLE.first]: frame('b'), [ROLE.last]: frame('c') })],
  [segments[2], takeOf(segments[2] as string, { [ROLE.first]: frame('c'), [ROLE.last]: frame('d') })],
]);

describe('the frame pair a film goes with', () => {
  it('is the first segment\'s first frame → the last segment\'s last frame: the key a take of A → D has', () => {
    const pair = filmPair(film, (video) => takes.get(video));
    const direct = takeOf('/w/a-to-d.mp4', { [ROLE.first]: { ...frame('a'), path: '/elsewhere/renamed.png' }, [ROLE.last]: frame('d') });
    assert.equal(pair?.key, direct.take.inputsKey);
    assert.equal(pair?.first.videoPath, segments[0]);
    assert.equal(pair?.last.videoPath, segments[2]);
    assert.notEqual(pair?.key, takes.get(segments[0])?.take.inputsKey, 'not the first segment\'s own pair');
  });

  it('is unknown while a segment\'s take is missing, or when the first segment continued a clip (no first frame)', () => {
    assert.equal(filmPair(film, (video) => (video === segments[2] ? undefined : takes.get(video))), undefined);
    const continued = takeOf(segments[0] as string, { [ROLE.clip]: { path: '/w/clip.mp4', sha256: 'e'.repeat(64), bytes: 1, format: 'mp4' }, [ROLE.last]: frame('b') }, 'wan2.7-i2v');
    assert.equal(filmPair(film, (video) => (video === segments[0] ? continued : takes.get(video))), undefined);
    assert.equal(filmPair({ ...film, segmentVideos: [] }, (video) => takes.get(video)), undefined);
  });
});
