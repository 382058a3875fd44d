import * as assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sha256File } from '../../../../src/core/inputs/inspect';
import { inputStates, replayRequest } from '../../../../src/core/job/replay';
import { TAKE_SCHEMA } from '../../../../src/core/output/take';
import { type FoundTake, parseTake } from '../../../../src/core/output/takeReader';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { tempDir, writeFramePair } from '../../../support/files';

async function takeOf(extra: Record<string, unknown> = {}, folder?: string): Promise<FoundTake> {
  const dir = folder ?? (await tempDir('wk-replay-'));
  const { first, last } = await writeFramePair(dir);
  const take = {
    schema: TAKE_SCHEMA,
    tool: { name: 'wan-keyframes', version: '0.1.0' },
    video: { file: 'a-to-b.mp4', bytes: 1 },
    taskId: 't-1',
    requestIds: [],
    model: 'wan2.2-kf2v-flash',
    family: 'wan2.2-kf2v-flash',
    endpoint: 'https://dashscope.aliyuncs.com',
    inputs: { [ROLE.first]: { path: 'a.png', sha256: await sha256File(first), bytes: 1, format: 'png' }, [ROLE.last]: { path: 'b.png', sha256: await sha256File(last), bytes: 1, format: 'png' } },
    inputsKey: 'k',
    parameters: { resolution: '480P', duration: 5, promptExtend: true, watermark: true, seed: 42 },
    seed: 42,
    prompt: 'dawn to dusk',
    negativePrompt: 'blur',
    actualPrompt: 'dawn to dusk, the camera glides',
    times: { savedAt: '2026-12-01T00:00:00.000Z' },
    ...extra,
  };
  const read = parseTake(JSON.stringify(take), path.join(dir, 'a-to-b.json'));
  assert.ok('found' in read);
  return read.found;
}

describe('making a take again', () => {
  it('exactly: same inputs, model, parameters and seed, the prompt the service used, rewriting off', async () => {
    const found = await takeOf();
    const replay = replayRequest(found, 'exact');
    assert.equal(replay.exact, true);
    assert.deepEqual(replay.notExact, []);
    assert.equal(replay.request.prompt, 'dawn to dusk, the camera glides');
    assert.equal(replay.request.promptExtend, false);
    assert.deepEqual([replay.request.model, replay.request.seed, replay.request.resolution, replay.request.duration, replay.request.watermark, replay.request.negativePrompt], ['wan2.2-kf2v-flash', 42, '480P', 5, true, 'blur']);
    assert.equal(replay.request.inputs[ROLE.first], found.inputs[ROLE.first]?.path);
  });

  it('a take made with rewriting on and no rewritten prompt cannot be exact: same settings, and says why', async () => {
    const replay = replayRequest(await takeOf({ actualPrompt: undefined }), 'exact');
    assert.equal(replay.exact, false);
    assert.deepEqual(replay.notExact, ['rewritten-prompt-unknown']);
    assert.deepEqual([replay.request.prompt, replay.request.promptExtend, replay.request.seed], ['dawn to dusk', true, 42]);
  });

  it('rewriting off in the take: the same prompt is exact as it is', async () => {
    const replay = replayRequest(await takeOf({ actualPrompt: undefined, parameters: { resolution: '480P', duration: 5, promptExtend: false, watermark: false, seed: 7 }, seed: 7 }), 'exact');
    assert.deepEqual([replay.exact, replay.request.prompt, replay.request.promptExtend], [true, 'dawn to dusk', false]);
  });

  it('a take that never recorded its seed (version 1, random) cannot be exact', async () => {
    const replay = replayRequest(await takeOf({ seed: undefined, parameters: { resolution: '480P', duration: 5, promptExtend: true, watermark: false } }), 'exact');
    assert.deepEqual(replay.notExact, ['seed-unknown']);
    assert.equal(replay.request.seed, undefined);
  });

  it('with changes: the take\'s own prompt and settings, to edit', async () => {
    const replay = replayRequest(await takeOf(), 'changes');
    assert.deepEqual([replay.exact, replay.request.prompt, replay.request.promptExtend, replay.request.seed], [false, 'dawn to dusk', true, 42]);
  });

  it('each input is the same, changed (its hash differs) or gone', async () => {
    const dir = await tempDir('wk-replay-states-');
    const found = await takeOf({}, dir);
    assert.deepEqual(await inputStates(found), { [ROLE.first]: 'same', [ROLE.last]: 'same' });
    await writeFile(path.join(dir, 'a.png'), 'another picture');
    await rm(path.join(dir, 'b.png'));
    assert.deepEqual(await inputStates(found), { [ROLE.first]: 'changed', [ROLE.last]: 'missing' });
  });
});
