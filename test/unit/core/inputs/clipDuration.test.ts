import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS } from '../../../../src/core/catalog/models';
import { clipDurationProblems, shortestContinuation } from '../../../../src/core/inputs/clipDuration';
import type { ClipFacts } from '../../../../src/core/inputs/inspect';
import { ROLE } from '../../../../src/shared/mediaRoles';

const spec = MODELS['wan2.7-i2v'];

function clip(seconds: number | undefined): ClipFacts {
  return {
    kind: 'video',
    path: '/x/take.mp4',
    bytes: 1000,
    mtimeMs: 0,
    probe: { format: 'mp4', seconds, width: 640, height: 360, videoCodec: 'avc1', audioCodec: undefined, frameRate: 30, keyframes: [0] },
  };
}

describe('a continuation\'s duration (the whole output, clip included)', () => {
  it('needs at least the clip plus one second, rounded up to whole seconds', () => {
    assert.equal(shortestContinuation(3), 4);
    assert.equal(shortestContinuation(3.008), 4, 'audio priming and a container\'s rounding are not a second more');
    assert.equal(shortestContinuation(3.15), 5);
    assert.equal(shortestContinuation(3.2), 5);
    assert.equal(shortestContinuation(2), 3);
  });

  it('a 3 s clip: 4 and 15 pass, 3 and 16 do not; the problem names the clip\'s length and the range', () => {
    assert.deepEqual(clipDurationProblems(ROLE.clip, clip(3), 4, spec), []);
    assert.deepEqual(clipDurationProblems(ROLE.clip, clip(3), 15, spec), []);
    assert.deepEqual(clipDurationProblems(ROLE.clip, clip(3), 3, spec), [{ code: 'clip-duration', role: ROLE.clip, seconds: 3, duration: 3, min: 4, max: 15 }]);
    assert.deepEqual(clipDurationProblems(ROLE.clip, clip(3), 16, spec).map((problem) => problem.code), ['clip-duration']);
  });

  it('the longest clip (10 s) still leaves room; a clip of unknown length is not judged here', () => {
    assert.deepEqual(clipDurationProblems(ROLE.clip, clip(10), 11, spec), []);
    assert.deepEqual(clipDurationProblems(ROLE.clip, clip(10), 10, spec).map((problem) => problem.code), ['clip-duration']);
    assert.deepEqual(clipDurationProblems(ROLE.clip, clip(undefined), 2, spec), []);
  });
});
