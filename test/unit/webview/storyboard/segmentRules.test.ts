import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditorModel, EditorSegment } from '../../../../src/shared/storyboardEditorProtocol';
import { clampDuration, fill, mayContinue, modelPatch, moved, movedTo } from '../../../../src/webview/storyboard/segmentRules';

const wan27: EditorModel = { id: 'wan2.7-i2v', resolutions: ['720P', '1080P'], minDuration: 2, maxDuration: 15, continues: true };
const kf2v: EditorModel = { id: 'wan2.2-kf2v-flash', resolutions: ['480P', '720P', '1080P'], minDuration: 5, maxDuration: 5, continues: false };
const plus: EditorModel = { id: 'wanx2.1-kf2v-plus', resolutions: ['720P'], minDuration: 5, maxDuration: 5, continues: false };
const segment: EditorSegment = { prompt: '', model: 'wan2.7-i2v', resolution: '1080P', duration: 12, mode: 'continue', takes: [] };

describe('the page’s segment rules', () => {
  it('fills placeholders in order and leaves unknown ones', () => {
    assert.equal(fill('{0} is now keyframe {1} of {2}.', 'b.png', 3, 3), 'b.png is now keyframe 3 of 3.');
    assert.equal(fill('{0} {3}', 'a'), 'a {3}');
  });

  it('a new model brings the resolution, duration and mode within what it allows', () => {
    assert.deepEqual(modelPatch(segment, kf2v, kf2v.id), { model: kf2v.id, duration: 5, mode: 'keyframes' });
    assert.deepEqual(modelPatch(segment, plus, plus.id), { model: plus.id, resolution: '720P', duration: 5, mode: 'keyframes' });
    assert.deepEqual(modelPatch({ ...segment, model: kf2v.id, duration: 5, mode: 'keyframes' }, wan27, wan27.id), { model: wan27.id });
    assert.deepEqual(modelPatch(segment, undefined, 'unknown'), { model: 'unknown' });
  });

  it('durations are whole seconds within the model’s range', () => {
    assert.equal(clampDuration(20, wan27), 15);
    assert.equal(clampDuration(0, wan27), 2);
    assert.equal(clampDuration(6.4, wan27), 6);
    assert.equal(clampDuration(Number.NaN, wan27), 2);
  });

  it('only a later segment with a model that continues clips may continue', () => {
    assert.equal(mayContinue(0, wan27), false);
    assert.equal(mayContinue(1, wan27), true);
    assert.equal(mayContinue(1, kf2v), false);
  });

  it('moves by keyboard within the list, and not past its ends', () => {
    assert.equal(movedTo(0, 3, 'ArrowDown'), 1);
    assert.equal(movedTo(0, 3, 'ArrowUp'), undefined);
    assert.equal(movedTo(2, 3, 'ArrowDown'), undefined);
    assert.equal(movedTo(2, 3, 'ArrowLeft'), 1);
    assert.equal(movedTo(1, 3, 'Enter'), undefined);
    assert.deepEqual(moved(['a', 'b', 'c'], 0, 2), ['b', 'c', 'a']);
    assert.deepEqual(moved(['a', 'b', 'c'], 2, 0), ['c', 'a', 'b']);
  });
});
