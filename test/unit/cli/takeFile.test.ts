import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/cli/args';
import { requireVideo, sidecarOf, takeOfVideo } from '../../../src/cli/takeFile';
import { tempDir } from '../../support/files';
import { putTake } from './cliHarness';

describe('takeFile: the take beside a video', () => {
  it('a video’s take is <name>.json beside it; a take file names itself', () => {
    assert.equal(sidecarOf('/v/dawn.mp4'), '/v/dawn.json');
    assert.equal(sidecarOf('/v/dawn.v2.mp4'), '/v/dawn.v2.json');
    assert.equal(sidecarOf('/v/dawn.JSON'), '/v/dawn.JSON');
    assert.equal(sidecarOf('relative/dawn.mp4'), path.resolve('relative/dawn.json'));
  });

  it('finds the take, or says why not in the language asked', async () => {
    const root = await tempDir('wk-cli-takefile-');
    await putTake(root, 'dawn');
    const found = await takeOfVideo(path.join(root, 'dawn.mp4'), false);
    assert.ok('found' in found && found.found.take.taskId === 'task-dawn');
    const missing = await takeOfVideo(path.join(root, 'dusk.mp4'), true);
    assert.ok('problem' in missing && /旁边没有视频记录/.test(missing.problem));
  });

  it('no video named is a usage mistake', () => {
    assert.throws(() => requireVideo({ positionals: ['keep'], zh: false }, 'keep'), UsageError);
    assert.equal(requireVideo({ positionals: ['keep', 'a.mp4'], zh: false }, 'keep'), 'a.mp4');
  });
});
