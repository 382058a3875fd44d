import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { planStoryboard, sumEstimates } from '../../../../src/core/storyboard/storyboardPlan';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { tempDir } from '../../../support/files';
import { writeStoryboardIn, writeTakeBeside, writeVideo } from './storyboardFixtures';

const close = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('the plan of a storyboard', () => {
  it('makes each segment without a usable take from keyframe i to keyframe i + 1, and estimates the whole and what is left', async () => {
    const dir = await tempDir('wk-sbp-');
    await writeVideo(dir, 'first.mp4');
    await writeVideo(dir, 'bad.mp4');
    await writeTakeBeside(path.join(dir, 'bad.mp4'), { verdict: 'rejected' });
    const { parsed } = await writeStoryboardIn(dir, 5, [{ take: 'first.mp4' }, {}, { take: 'gone.mp4' }, { take: 'bad.mp4' }]);
    const plan = await planStoryboard(parsed, { region: 'cn-beijing' });
    assert.deepEqual(plan.segments.map((segment) => segment.needs), ['has-take', 'no-take', 'take-missing', 'take-rejected']);
    assert.deepEqual(plan.toGenerate, [1, 2, 3]);
    assert.equal(plan.joinable, false);
    const second = plan.segments[1];
    assert.deepEqual(second?.request.inputs, { [ROLE.first]: path.join(dir, 'k1.png'), [ROLE.last]: path.join(dir, 'k2.png') });
    assert.equal(second?.request.model, 'wan2.7-i2v');
    assert.equal(second?.request.duration, 5);
    // wan2.7-i2v 720P in Beijing: ¥0.6 a second, 5 s a segment.
    close(plan.estimate.all.total?.min, 12);
    close(plan.estimate.toGenerate.total?.max, 9);
    assert.deepEqual(plan.estimate.all.seconds, { min: 20, max: 20 });
    assert.equal(plan.estimate.toGenerate.segments, 3);
  });

  it('is joinable when every segment has a take', async () => {
    const dir = await tempDir('wk-sbp-');
    await writeVideo(dir, 'a.mp4');
    const { parsed } = await writeStoryboardIn(dir, 2, [{ take: 'a.mp4' }]);
    const plan = await planStoryboard(parsed, { region: 'cn-beijing' });
    assert.ok(plan.joinable);
    assert.deepEqual(plan.toGenerate, []);
    assert.deepEqual(plan.estimate.toGenerate.total, { min: 0, max: 0 });
  });

  it('continues the previous take: first_clip = that take, last_frame = the next keyframe, within the total', async () => {
    const dir = await tempDir('wk-sbp-');
    const previous = await writeVideo(dir, 'a.mp4', { seconds: 3 });
    const { parsed } = await writeStoryboardIn(dir, 4, [{ take: 'a.mp4' }, { mode: 'continue', duration: 10 }, { mode: 'continue', duration: 5 }]);
    const plan = await planStoryboard(parsed, { region: 'cn-beijing' });
    const [, second, third] = plan.segments;
    assert.deepEqual(second?.request.inputs, { [ROLE.clip]: previous, [ROLE.last]: path.join(dir, 'k2.png') });
    assert.equal(second?.clip?.kind, 'whole');
    close(second?.newSeconds, 7);
    assert.equal(second?.chainStop, undefined);
    // The third waits for the second (10 s expected): 5 s in all leaves no room, and the plan says so.
    assert.deepEqual(third?.request.inputs, { [ROLE.last]: path.join(dir, 'k3.png') });
    assert.deepEqual(third?.clip, { kind: 'waits', segment: 1, expectedSeconds: 10 });
    assert.equal(third?.chainStop?.code, 'no-room');
  });

  it('makes a first segment marked continue from its keyframes, saying so', async () => {
    const { parsed } = await writeStoryboardIn(await tempDir('wk-sbp-'), 2, [{ mode: 'continue' }]);
    const [first] = (await planStoryboard(parsed, { region: 'cn-beijing' })).segments;
    assert.equal(first?.mode, 'keyframes');
    assert.ok(first?.request.inputs[ROLE.first]);
    assert.match(first?.notes[0]?.en ?? '', /nothing before it/);
  });

  it('keeps unknown prices unknown and ranges as ranges', async () => {
    const { parsed } = await writeStoryboardIn(await tempDir('wk-sbp-'), 4, [{ model: 'wan9-imaginary' }, { model: 'wan3.0-video', duration: -1 }, {}]);
    const plan = await planStoryboard(parsed, { region: 'cn-beijing' });
    assert.deepEqual(plan.segments[0]?.problems, [{ code: 'model-unknown', model: 'wan9-imaginary' }]);
    assert.equal(plan.segments[0]?.estimate, undefined);
    const all = plan.estimate.all;
    assert.equal(all.total, null, 'one segment without a price makes the total unknown');
    assert.deepEqual(all.unpriced, [0]);
    // wan3.0-video 720P choosing its length: 2–30 s at ¥0.6; wan2.7 720P 5 s at ¥0.6.
    close(all.priced.min, 2 * 0.6 + 3);
    close(all.priced.max, 30 * 0.6 + 3);
    const custom = await planStoryboard(parsed, { region: undefined });
    assert.deepEqual(custom.estimate.all.unpriced, [0, 1, 2]);
    assert.deepEqual(sumEstimates([]).total, { min: 0, max: 0 });
  });

  it("names what the model does not take: a resolution, a duration, a region", async () => {
    const { parsed } = await writeStoryboardIn(await tempDir('wk-sbp-'), 3, [{ resolution: '480P' }, { duration: 40 }]);
    const plan = await planStoryboard(parsed, { region: 'us-east-1' });
    assert.deepEqual(plan.segments[0]?.problems.map((problem) => problem.code), ['resolution-unsupported', 'model-not-in-region']);
    assert.deepEqual(plan.segments[1]?.problems.map((problem) => problem.code), ['duration-invalid', 'model-not-in-region']);
  });
});
