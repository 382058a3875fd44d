import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { chosenVideo, sidecarOf, takeState } from '../../../../src/core/storyboard/segmentTake';
import { tempDir } from '../../../support/files';
import { writeStoryboardIn, writeTakeBeside, writeVideo } from './storyboardFixtures';

describe("a segment's chosen take", () => {
  it('is beside its sidecar', () => {
    assert.equal(sidecarOf('/w/takes/a-to-b.mp4'), path.join('/w/takes', 'a-to-b.json'));
  });

  it('is none, missing, rejected or chosen, as the files say', async () => {
    const dir = await tempDir('wk-sbt-');
    const kept = await writeVideo(dir, 'kept.mp4', { seconds: 3 });
    const rejected = await writeVideo(dir, 'rejected.mp4');
    await writeTakeBeside(rejected, { verdict: 'rejected' });
    const { parsed } = await writeStoryboardIn(dir, 5, [{ take: 'kept.mp4' }, { take: 'gone.mp4' }, { take: 'rejected.mp4' }]);
    assert.equal(chosenVideo(parsed, 0), kept);
    assert.deepEqual(await takeState(parsed, 0), { kind: 'chosen', video: kept });
    assert.deepEqual(await takeState(parsed, 1), { kind: 'missing', video: path.join(dir, 'gone.mp4') });
    assert.deepEqual(await takeState(parsed, 2), { kind: 'rejected', video: rejected });
    assert.deepEqual(await takeState(parsed, 3), { kind: 'none' });
  });

  it("reads the video's length and keyframes when asked", async () => {
    const dir = await tempDir('wk-sbt-');
    await writeVideo(dir, 'kept.mp4', { seconds: 3, keyEvery: 1 });
    const { parsed } = await writeStoryboardIn(dir, 2, [{ take: 'kept.mp4' }]);
    const state = await takeState(parsed, 0, true);
    assert.ok(state.kind === 'chosen');
    assert.ok(Math.abs((state.seconds ?? 0) - 3) < 0.01, String(state.seconds));
    assert.deepEqual(state.keyframes?.map((time) => Math.round(time)), [0, 1, 2]);
  });
});
