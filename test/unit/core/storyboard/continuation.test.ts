import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS } from '../../../../src/core/catalog/models';
import { chainStopMessage, type ChainStop, planContinuation } from '../../../../src/core/storyboard/continuation';

const WAN27 = MODELS['wan2.7-i2v'];
const chosen = (seconds: number, keyframes: number[] = [0]) => ({ kind: 'chosen' as const, video: '/w/prev.mp4', seconds, keyframes });

describe('continuing the previous segment', () => {
  it('uses a take of at most 10 s whole, and adds what the total leaves after it', () => {
    assert.deepEqual(planContinuation(WAN27, 10, chosen(4), 0, 5), { clip: { kind: 'whole', video: '/w/prev.mp4', seconds: 4 }, newSeconds: 6 });
  });

  it('uses the last ≤ 10 s of a longer take, from its earliest keyframe that close to the end', () => {
    const planned = planContinuation(WAN27, 15, chosen(12, [0, 1, 2.5, 4, 6]), 0, 12);
    assert.deepEqual(planned.clip, { kind: 'tail', video: '/w/prev.mp4', seconds: 9.5, cutAt: 2.5, file: '/w/prev.last10s.mp4' });
    assert.equal(planned.newSeconds, 5.5);
    assert.equal(planned.stop, undefined);
  });

  it('stops the chain where the 15 s total leaves less than a second after the clip', () => {
    const planned = planContinuation(WAN27, 10, chosen(10), 0, 10);
    assert.deepEqual(planned.stop, { code: 'no-room', duration: 10, clipSeconds: 10, max: 15, expected: false });
    const message = chainStopMessage(planned.stop as ChainStop, 2);
    assert.match(message.en, /Segment 2 cannot continue segment 1: a 10 s total leaves no room after the 10 s clip; choose 11–15 s/);
    assert.match(message.zh, /11–15 秒/);
  });

  it('waits for a take not made yet, expecting its segment\'s length (at most 10 s)', () => {
    assert.deepEqual(planContinuation(WAN27, 15, { kind: 'none' }, 2, 12), { clip: { kind: 'waits', segment: 2, expectedSeconds: 10 }, newSeconds: 5 });
    const tight = planContinuation(WAN27, 5, { kind: 'missing', video: '/w/x.mp4' }, 0, 5);
    assert.ok(tight.stop?.code === 'no-room' && tight.stop.expected);
    assert.match(chainStopMessage(tight.stop, 2).en, /the expected 5 s clip/);
  });

  it('stops at a take too short to continue, a long take with no keyframe to cut at, and a model that cannot continue', () => {
    assert.deepEqual(planContinuation(WAN27, 10, chosen(1.5), 0, 5).stop, { code: 'clip-too-short', seconds: 1.5, min: 2 });
    assert.deepEqual(planContinuation(WAN27, 15, chosen(12, [0]), 0, 12).stop, { code: 'no-keyframe-to-cut', seconds: 12, max: 10, min: 2 });
    assert.deepEqual(planContinuation(MODELS['wan2.2-kf2v-flash'], 5, chosen(5), 0, 5).stop, { code: 'model-cannot-continue', model: 'wan2.2-kf2v-flash' });
  });

  it('says each stop in both languages, naming both segments', () => {
    const stops: ChainStop[] = [
      { code: 'model-cannot-continue', model: 'wan2.2-kf2v-flash' },
      { code: 'clip-too-short', seconds: 1.5, min: 2 },
      { code: 'no-keyframe-to-cut', seconds: 12, max: 10, min: 2 },
      { code: 'no-room', duration: 15, clipSeconds: 15, max: 15, expected: false },
    ];
    const texts = stops.map((stop) => chainStopMessage(stop, 3));
    for (const text of texts) {
      assert.match(text.en, /^Segment 3 cannot continue segment 2: /);
      assert.match(text.zh, /^片段 3 无法接续片段 2：/);
    }
    assert.match(texts[3]?.en ?? '', /chain stops here/);
    assert.equal(new Set(texts.map((text) => text.en)).size, stops.length);
  });
});
