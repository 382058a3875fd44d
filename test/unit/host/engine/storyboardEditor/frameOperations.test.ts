import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Storyboard } from '../../../../../src/core/storyboard/storyboardSchema';
import { addFrames, changeSegment, chooseTake, moveFrame, removeFrame } from '../../../../../src/host/engine/storyboardEditor/frameOperations';

const board = (): Storyboard => ({
  version: 1,
  keyframes: ['a.png', 'b.png', 'c.png'],
  segments: [
    { prompt: 'a to b', model: 'wan2.7-i2v', resolution: '720P', duration: 5, take: 'ab.mp4' },
    { prompt: 'b to c', model: 'wan2.7-i2v', resolution: '1080P', duration: 8, take: 'bc.mp4', extra: 'kept' },
  ],
});

describe('moving a keyframe', () => {
  it('reorders the frames and keeps one segment between each two', () => {
    const moved = moveFrame(board(), 2, 0);
    assert.ok(moved.ok);
    assert.deepEqual(moved.storyboard.keyframes, ['c.png', 'a.png', 'b.png']);
    assert.equal(moved.storyboard.segments.length, 2);
  });

  it('keeps a segment whose two frames are still neighbours whole, take included; a new pair keeps prompt and settings, not the take', () => {
    const moved = moveFrame(board(), 2, 0);
    assert.ok(moved.ok);
    const [first, second] = moved.storyboard.segments;
    assert.deepEqual(second, board().segments[0], 'a → b is still a → b');
    assert.equal(first?.take, undefined, 'c → a has no take: the one at its place was made from other frames');
    assert.equal(first?.prompt, 'a to b');
  });

  it('keeps fields it does not know', () => {
    const moved = moveFrame(board(), 0, 1);
    assert.ok(moved.ok);
    assert.equal(moved.storyboard.segments[1]?.extra, 'kept');
  });

  it('refuses a place that does not exist, and a move to the same place', () => {
    assert.deepEqual(moveFrame(board(), 0, 3), { ok: false, reason: 'out-of-range' });
    assert.deepEqual(moveFrame(board(), -1, 0), { ok: false, reason: 'out-of-range' });
    assert.deepEqual(moveFrame(board(), 1.5, 0), { ok: false, reason: 'out-of-range' });
    assert.deepEqual(moveFrame(board(), 1, 1), { ok: false, reason: 'unchanged' });
  });

  it('does not change the storyboard it was given', () => {
    const before = board();
    moveFrame(before, 0, 2);
    assert.deepEqual(before, board());
  });
});

describe('removing a keyframe', () => {
  it('joins the two segments around a middle frame into one, without a take', () => {
    const removed = removeFrame(board(), 1);
    assert.ok(removed.ok);
    assert.deepEqual(removed.storyboard.keyframes, ['a.png', 'c.png']);
    assert.equal(removed.storyboard.segments.length, 1);
    assert.equal(removed.storyboard.segments[0]?.take, undefined);
    assert.equal(removed.storyboard.segments[0]?.prompt, 'a to b');
  });

  it('drops the first or last segment with the first or last frame, the other keeping its take', () => {
    const first = removeFrame(board(), 0);
    assert.ok(first.ok);
    assert.deepEqual(first.storyboard.segments, [board().segments[1]]);
    const last = removeFrame(board(), 2);
    assert.ok(last.ok);
    assert.deepEqual(last.storyboard.segments, [board().segments[0]]);
  });

  it('never leaves fewer than two frames', () => {
    const two = removeFrame(board(), 0);
    assert.ok(two.ok);
    assert.deepEqual(removeFrame(two.storyboard, 0), { ok: false, reason: 'too-few-frames' });
    assert.deepEqual(removeFrame(board(), 3), { ok: false, reason: 'out-of-range' });
  });
});

describe('adding keyframes', () => {
  it('appends them, each new segment with the last segment’s settings, an empty prompt and no take', () => {
    const added = addFrames(board(), ['d.png', 'e.png']);
    assert.ok(added.ok);
    assert.deepEqual(added.storyboard.keyframes, ['a.png', 'b.png', 'c.png', 'd.png', 'e.png']);
    assert.deepEqual(added.storyboard.segments.slice(2), [
      { model: 'wan2.7-i2v', resolution: '1080P', duration: 8, prompt: '' },
      { model: 'wan2.7-i2v', resolution: '1080P', duration: 8, prompt: '' },
    ]);
  });

  it('changes nothing when nothing was picked', () => {
    assert.deepEqual(addFrames(board(), []), { ok: false, reason: 'unchanged' });
  });
});

describe('changing a segment', () => {
  it('a new prompt keeps the chosen take', () => {
    const changed = changeSegment(board(), 0, { prompt: '镜头缓慢推进' });
    assert.ok(changed.ok);
    assert.equal(changed.storyboard.segments[0]?.prompt, '镜头缓慢推进');
    assert.equal(changed.storyboard.segments[0]?.take, 'ab.mp4');
    assert.deepEqual(changed.storyboard.segments[1], board().segments[1]);
  });

  it('a new model, resolution, duration or mode lets the take go (it no longer matches)', () => {
    for (const change of [{ model: 'wan2.2-kf2v-flash' }, { resolution: '1080P' }, { duration: 6 }, { mode: 'continue' as const }]) {
      const changed = changeSegment(board(), 0, change);
      assert.ok(changed.ok, JSON.stringify(change));
      assert.equal(changed.storyboard.segments[0]?.take, undefined, JSON.stringify(change));
    }
  });

  it('writes the default mode by leaving the field out', () => {
    const continued = changeSegment(board(), 1, { mode: 'continue' });
    assert.ok(continued.ok);
    assert.equal(continued.storyboard.segments[1]?.mode, 'continue');
    const back = changeSegment(continued.storyboard, 1, { mode: 'keyframes' });
    assert.ok(back.ok);
    assert.equal('mode' in (back.storyboard.segments[1] as object), false);
  });

  it('says when nothing changed, or the segment does not exist', () => {
    assert.deepEqual(changeSegment(board(), 0, { prompt: 'a to b', resolution: '720P' }), { ok: false, reason: 'unchanged' });
    assert.deepEqual(changeSegment(board(), 0, { mode: 'keyframes' }), { ok: false, reason: 'unchanged' });
    assert.deepEqual(changeSegment(board(), 2, { prompt: 'x' }), { ok: false, reason: 'out-of-range' });
  });
});

describe('choosing a segment’s take', () => {
  it('writes the take chosen, keeping everything else of the segment and the others', () => {
    const chosen = chooseTake(board(), 1, 'bc (2).mp4');
    assert.ok(chosen.ok);
    assert.deepEqual(chosen.storyboard.segments[1], { ...board().segments[1], take: 'bc (2).mp4' });
    assert.deepEqual(chosen.storyboard.segments[0], board().segments[0]);
    assert.deepEqual(chosen.storyboard.keyframes, board().keyframes);
  });

  it('none removes the field, so Generate Storyboard makes the segment again', () => {
    const none = chooseTake(board(), 0, undefined);
    assert.ok(none.ok);
    assert.equal('take' in (none.storyboard.segments[0] as object), false);
    assert.equal(none.storyboard.segments[0]?.prompt, 'a to b');
  });

  it('refuses what is not a path relative to the storyboard, and says when nothing changed', () => {
    for (const take of ['/etc/passwd', 'C:/x.mp4', '\\\\server\\x.mp4', 'https://x/y.mp4', '', 'takes/']) {
      assert.deepEqual(chooseTake(board(), 0, take), { ok: false, reason: 'not-a-take' }, take);
    }
    assert.deepEqual(chooseTake(board(), 0, 'ab.mp4'), { ok: false, reason: 'unchanged' });
    assert.deepEqual(chooseTake({ ...board(), segments: [{ ...board().segments[0]!, take: undefined }] }, 0, undefined), { ok: false, reason: 'unchanged' });
    assert.deepEqual(chooseTake(board(), 2, 'x.mp4'), { ok: false, reason: 'out-of-range' });
  });
});
