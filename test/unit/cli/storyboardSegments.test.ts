import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { onSegment, planWave, type WaveOptions } from '../../../src/cli/storyboardSegments';
import { endpointFor } from '../../../src/core/catalog/regions';
import { chooseTake } from '../../../src/core/storyboard/storyboardWrite';
import { ROLE } from '../../../src/shared/mediaRoles';
import type { Segment } from '../../../src/core/storyboard/storyboardSchema';
import { writeStoryboardFile } from '../../../src/core/storyboard/storyboardWrite';
import { tempDir, writePng } from '../../support/files';
import { SEGMENT, writeTakeBeside, writeVideo } from '../core/storyboard/storyboardFixtures';

/** `count` keyframes large enough for the models (k0.png…) and a storyboard over them. */
async function writeStoryboardIn(dir: string, count: number, segments: Array<Partial<Segment>> = []): Promise<{ file: string }> {
  const keyframes = await Promise.all(Array.from({ length: count }, (_, index) => writePng(dir, `k${index}.png`, { width: 640, height: 360, from: [index * 30, 0, 0], to: [0, 0, index * 30] })));
  const file = path.join(dir, 'film.storyboard.json');
  await writeStoryboardFile(file, { version: 1, keyframes: keyframes.map((keyframe) => path.basename(keyframe)), segments: Array.from({ length: count - 1 }, (_, index) => ({ ...SEGMENT, ...segments[index] })) });
  return { file };
}

const options = (dryRun = false): WaveOptions => ({ endpoint: endpointFor('cn-beijing'), dryRun });

describe('planWave: the segments a storyboard can send now', () => {
  it('keyframe segments are all ready at once, each from its keyframe to the next', async () => {
    const dir = await tempDir('wk-cli-wave-');
    const { file } = await writeStoryboardIn(dir, 3);
    const wave = await planWave(file, options());
    assert.ok(wave.kind === 'planned', JSON.stringify(wave));
    assert.deepEqual(wave.ready.map((segment) => segment.index), [0, 1]);
    assert.deepEqual(wave.waiting, []);
    const second = wave.ready[1]?.plan.inputs;
    assert.equal(second?.[ROLE.first]?.path, path.join(dir, 'k1.png'));
    assert.equal(second?.[ROLE.last]?.path, path.join(dir, 'k2.png'));
  });

  it('a continued segment waits for the take before it, then continues it toward the next keyframe', async () => {
    const dir = await tempDir('wk-cli-wave-');
    const { file } = await writeStoryboardIn(dir, 3, [{ duration: 3 }, { duration: 6, mode: 'continue' }]);
    const first = await planWave(file, options());
    assert.ok(first.kind === 'planned');
    assert.deepEqual(first.ready.map((segment) => segment.index), [0]);
    assert.deepEqual(first.waiting, [1]);
    const take = await writeVideo(dir, 'k0-to-k1.mp4', { width: 640, height: 360, seconds: 3 });
    await writeTakeBeside(take);
    await chooseTake(file, 0, take);
    const next = await planWave(file, options());
    assert.ok(next.kind === 'planned', JSON.stringify(next));
    assert.deepEqual(next.ready.map((segment) => segment.index), [1]);
    assert.equal(next.ready[0]?.plan.inputs[ROLE.clip]?.path, take);
    assert.equal(next.ready[0]?.plan.inputs[ROLE.last]?.path, path.join(dir, 'k2.png'));
  });

  it('a continued segment with no room after its clip, a setting the model refuses, a broken file: refused, each said', async () => {
    const dir = await tempDir('wk-cli-wave-');
    const { file } = await writeStoryboardIn(dir, 3, [{ duration: 5, resolution: '240P' }, { duration: 5, mode: 'continue' }]);
    const wave = await planWave(file, options());
    assert.ok(wave.kind === 'refused');
    const text = wave.messages.map((message) => message.en).join('\n');
    assert.match(text, /^Segment 1: .*240P/m);
    assert.match(text, /Segment 2 cannot continue segment 1/);
    await writeFile(file, '{ "version": 1,');
    const broken = await planWave(file, options());
    assert.ok(broken.kind === 'refused' && /film\.storyboard\.json/.test(broken.messages[0]?.en ?? ''));
  });

  it('names the segment in both languages', () => {
    assert.deepEqual(onSegment(1, [{ en: 'why', zh: '原因' }]), [{ en: 'Segment 2: why', zh: '第 2 段：原因' }]);
  });
});
