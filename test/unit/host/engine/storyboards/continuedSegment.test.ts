import * as assert from 'node:assert/strict';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { endpointFor } from '../../../../../src/core/catalog/regions';
import { readStoryboard } from '../../../../../src/core/storyboard/storyboardRead';
import { planStoryboard, type SegmentPlan } from '../../../../../src/core/storyboard/storyboardPlan';
import type { Segment } from '../../../../../src/core/storyboard/storyboardSchema';
import { writeStoryboardFile } from '../../../../../src/core/storyboard/storyboardWrite';
import { onSegment, prepareSegment } from '../../../../../src/host/engine/storyboards/continuedSegment';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import { tempDir, writePng } from '../../../../support/files';
import { writeClip } from '../../../core/media/mp4Fixtures';

const SEGMENT: Segment = { prompt: 'drifts', model: 'wan2.7-i2v', resolution: '720P', duration: 5 };
const endpoint = endpointFor('cn-beijing');

/** Three keyframes, segment 1 made from `take` (a clip of `seconds`), segment 2 continuing it to `total` seconds. */
async function chainWithTake(seconds: number, total: number) {
  const dir = await tempDir('wk-contseg-');
  await Promise.all([0, 1, 2].map((index) => writePng(dir, `k${index}.png`, { width: 320, height: 240, from: [index * 80, 0, 0], to: [0, 0, 80] })));
  const take = await writeClip(path.join(dir, 'take.mp4'), { width: 320, height: 240, seconds, fps: 10, keyEvery: 1 });
  const file = path.join(dir, 'film.storyboard.json');
  await writeStoryboardFile(file, { version: 1, keyframes: ['k0.png', 'k1.png', 'k2.png'], segments: [{ ...SEGMENT, duration: Math.round(seconds), take: 'take.mp4' }, { ...SEGMENT, duration: total, mode: 'continue' }] });
  const read = await readStoryboard(file);
  assert.ok(read.ok);
  const plan = await planStoryboard(read.parsed, { region: 'cn-beijing' });
  return { dir, take, plan };
}

describe('a storyboard segment made ready to send', () => {
  it('names the segment in both languages', () => {
    assert.deepEqual(onSegment(2, [{ en: 'too long', zh: '太长' }]), [{ en: 'Segment 3: too long', zh: '第 3 段：太长' }]);
  });

  it('a continued segment: the previous take as first_clip, the next keyframe as last_frame, the total duration', async () => {
    const { dir, take, plan } = await chainWithTake(4, 9);
    const prepared = await prepareSegment(plan.segments[1] as SegmentPlan, endpoint, {});
    assert.ok('plan' in prepared, JSON.stringify(prepared));
    assert.equal(prepared.clip, take);
    assert.deepEqual(Object.keys(prepared.plan.inputs).sort(), [ROLE.clip, ROLE.last].sort());
    assert.equal(prepared.plan.inputs[ROLE.last]?.path, path.join(dir, 'k2.png'));
    assert.equal(prepared.plan.duration, 9);
  });

  it('a total that leaves no room after the clip: the chain stops here, said once, nothing read or cut', async () => {
    const { plan } = await chainWithTake(4, 4);
    const prepared = await prepareSegment(plan.segments[1] as SegmentPlan, endpoint, {});
    assert.ok('problems' in prepared);
    assert.equal(prepared.problems.length, 1);
    assert.match(prepared.problems[0]?.en ?? '', /^Segment 2 cannot continue segment 1: a 4 s total leaves no room after the 4 s clip; choose 5–15 s/);
  });

  it('a take over 10 s: its last ≤ 10 s cut at a keyframe beside it, the take itself unchanged; a cut already there and newer is used again', async () => {
    const { dir, take, plan } = await chainWithTake(12, 15);
    const before = await readFile(take);
    const prepared = await prepareSegment(plan.segments[1] as SegmentPlan, endpoint, {});
    assert.ok('plan' in prepared, JSON.stringify(prepared));
    assert.equal(prepared.clip, path.join(dir, 'take.last10s.mp4'));
    assert.deepEqual(await readFile(take), before, 'the take is only read');
    const made = await stat(path.join(dir, 'take.last10s.mp4'));
    const again = await prepareSegment(plan.segments[1] as SegmentPlan, endpoint, {});
    assert.ok('plan' in again);
    assert.equal(again.clip, path.join(dir, 'take.last10s.mp4'));
    assert.equal((await stat(path.join(dir, 'take.last10s.mp4'))).mtimeMs, made.mtimeMs, 'not written twice');
  });

  it('a cut beside the take that is older than it (other footage) is never sent in its place', async () => {
    const { dir, plan } = await chainWithTake(12, 15);
    const stale = path.join(dir, 'take.last10s.mp4');
    await writeFile(stale, 'an older cut');
    await utimes(stale, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const prepared = await prepareSegment(plan.segments[1] as SegmentPlan, endpoint, {});
    assert.ok('problems' in prepared);
    assert.match(prepared.problems[0]?.en ?? '', /^Segment 2: take\.last10s\.mp4 is older than take\.mp4/);
    assert.equal(await readFile(stale, 'utf8'), 'an older cut', 'left as it was');
  });

  it('a keyframe segment: its two keyframes', async () => {
    const { dir, plan } = await chainWithTake(4, 9);
    const first = plan.segments[0];
    assert.ok(first);
    const prepared = await prepareSegment({ ...first, needs: 'no-take' }, endpoint, {});
    assert.ok('plan' in prepared, JSON.stringify(prepared));
    assert.equal(prepared.clip, undefined);
    assert.equal(prepared.plan.inputs[ROLE.first]?.path, path.join(dir, 'k0.png'));
    assert.equal(prepared.plan.inputs[ROLE.last]?.path, path.join(dir, 'k1.png'));
  });
});
