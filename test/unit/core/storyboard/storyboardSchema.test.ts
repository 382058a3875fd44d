import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoryboardSchema, storyboardStem } from '../../../../src/core/storyboard/storyboardSchema';

const segment = { prompt: 'walks', model: 'wan2.7-i2v', resolution: '720P', duration: 5 };

describe('the storyboard schema', () => {
  it('takes version 1, keyframes and segments, and keeps fields it does not know', () => {
    const parsed = StoryboardSchema.parse({ version: 1, keyframes: ['a.png', 'b.png'], segments: [{ ...segment, mode: 'continue', take: 'a-to-b.mp4', colour: 'warm' }], title: 'x' });
    assert.equal(parsed.segments[0]?.mode, 'continue');
    assert.equal((parsed.segments[0] as Record<string, unknown>).colour, 'warm');
    assert.equal((parsed as Record<string, unknown>).title, 'x');
  });

  it('refuses another version, a mode it does not know, a fractional duration and an empty take', () => {
    const base = { version: 1, keyframes: ['a.png', 'b.png'], segments: [segment] };
    assert.ok(!StoryboardSchema.safeParse({ ...base, version: 2 }).success);
    assert.ok(!StoryboardSchema.safeParse({ ...base, segments: [{ ...segment, mode: 'morph' }] }).success);
    assert.ok(!StoryboardSchema.safeParse({ ...base, segments: [{ ...segment, duration: 5.5 }] }).success);
    assert.ok(!StoryboardSchema.safeParse({ ...base, segments: [{ ...segment, take: '' }] }).success);
    assert.ok(StoryboardSchema.safeParse(base).success);
  });

  it('names the film after the storyboard', () => {
    assert.equal(storyboardStem('/x/film.storyboard.json'), 'film');
    assert.equal(storyboardStem('C:\\x\\Trip.Storyboard.JSON'), 'Trip');
    assert.equal(storyboardStem('plan.json'), 'plan');
  });
});
