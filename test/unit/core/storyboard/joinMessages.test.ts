import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutMessage, storyboardJoinMessage } from '../../../../src/core/storyboard/joinMessages';
import type { StoryboardJoin } from '../../../../src/core/storyboard/storyboardJoin';

const OUTCOMES: StoryboardJoin[] = [
  { kind: 'joined', film: '/w/film.mp4', sidecar: '/w/film.json', seconds: 5.8, segments: [], cuts: [] },
  { kind: 'up-to-date', film: '/w/film.mp4', sidecar: '/w/film.json' },
  { kind: 'problems', problems: [{ code: 'too-few-frames', line: 3, field: 'keyframes', count: 1 }] },
  { kind: 'not-ready', segments: [{ index: 1, needs: 'no-take' }, { index: 3, needs: 'take-missing' }] },
  { kind: 'refused', segment: 2, file: '/w/c.mp4', reason: 'dimensions', detail: 'it is 1280×720 where the first segment is 640×360' },
  { kind: 'target-exists', file: '/w/film.mp4' },
];

describe('what a join says', () => {
  it('one message per outcome, in both languages, naming what the user needs', () => {
    const texts = OUTCOMES.map((outcome) => storyboardJoinMessage(outcome, 'film.storyboard.json'));
    for (const text of texts) assert.match(text.zh, /[\u4e00-\u9fff]/);
    assert.equal(new Set(texts.map((text) => text.en)).size, OUTCOMES.length);
    assert.match(texts[2]?.en ?? '', /film\.storyboard\.json, line 3/);
    assert.match(texts[3]?.en ?? '', /segment 2 \(no take chosen\), segment 4 \(its take's video is missing\)/);
    assert.match(texts[4]?.en ?? '', /Segment 3 \(c\.mp4\) cannot be joined: it is 1280×720/);
    assert.match(texts[4]?.zh ?? '', /画面尺寸不同/);
  });

  it('says what the join did at a cut', () => {
    assert.match(cutMessage({ after: 0, before: 1, at: 4.9, frame: 'hid-last-frame', hidden: 0.1 }).en, /Cut 1→2 at 4\.900 s: the shared keyframe shows once/);
    assert.match(cutMessage({ after: 1, before: 2, at: 9.8, frame: 'kept-both', why: 'reordered-frames', hidden: 0 }).en, /shows twice.*B-frames/);
    const trimmed = cutMessage({ after: 0, before: 1, at: 5, frame: 'trimmed-head-at', trimmedAt: 5, hidden: 0 });
    assert.match(trimmed.en, /Cut 1→2 at 5\.000 s: segment 2 continued segment 1 from its keyframe at 5\.000 s, so segment 1 ends there/);
    assert.match(trimmed.zh, /5\.000 s 关键帧/);
  });
});
