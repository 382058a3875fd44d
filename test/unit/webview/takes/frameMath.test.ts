import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { followerTime, frameAt, frameCount, inSync, lastSecond, timeOfFrame } from '../../../../src/webview/takes/frameMath';

describe('frame arithmetic', () => {
  it('counts frames and maps time to the frame it shows, within the video', () => {
    assert.equal(frameCount(5, 24), 120);
    assert.equal(frameCount(0, 24), 1);
    assert.equal(frameAt(0, 24, 5), 0);
    assert.equal(frameAt(1 / 24, 24, 5), 1);
    assert.equal(frameAt(1 / 24 - 0.001, 24, 5), 0);
    assert.equal(frameAt(99, 24, 5), 119);
    assert.equal(frameAt(-1, 24, 5), 0);
  });

  it('seeks the middle of a frame, so the frame shown is the one asked for; the last one short of the end', () => {
    for (const n of [0, 1, 57, 119]) assert.equal(frameAt(timeOfFrame(n, 24, 5), 24, 5), n);
    assert.ok(timeOfFrame(119, 24, 5) < 5);
    assert.equal(frameAt(timeOfFrame(500, 24, 5), 24, 5), 119, 'past the end is the last frame');
    // A duration that is not a whole number of frames (the container's end rounds): still the last frame, before the end.
    const t = timeOfFrame(frameCount(5.02, 30) - 1, 30, 5.02);
    assert.ok(t < 5.02 && frameAt(t, 30, 5.02) === frameCount(5.02, 30) - 1);
  });

  it('offers the last second frame by frame, or the whole of a shorter video', () => {
    assert.deepEqual(lastSecond(5, 24), { from: 96, to: 119 });
    assert.deepEqual(lastSecond(0.5, 30), { from: 0, to: 14 });
  });

  it('holds a shorter follower at its end, and calls two times in sync within one frame', () => {
    assert.equal(followerTime(2, 5, 24), 2);
    assert.ok(followerTime(7, 5, 24) < 5 && followerTime(7, 5, 24) > 5 - 1 / 24);
    assert.ok(inSync(1, 1 + 0.9 / 24, 24));
    assert.ok(!inSync(1, 1 + 1.1 / 24, 24));
  });
});
