import * as assert from 'node:assert/strict';
import { realpath, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MockAgent } from 'undici';
import { endpointFor } from '../../../../src/core/catalog/regions';
import type { Problem } from '../../../../src/core/inputs/problems';
import { type GenerationRequest, planFrames, planGeneration } from '../../../../src/core/inputs/request';
import { type Inputs, ROLE, rolesOf } from '../../../../src/shared/mediaRoles';
import { wavTone } from '../../../support/fixtures/audio';
import { encodePng } from '../../../support/fixtures/png';
import { tempDir } from '../../../support/files';
import { writeClip } from '../media/mp4Fixtures';

const BEIJING = endpointFor('cn-beijing');
const WORKSPACE = endpointFor('cn-beijing', undefined, 'llm-test');

/** The files of these tests, written once: good frames and audio, and one of each that breaks a limit. */
const FILES = (async () => {
  const dir = await tempDir();
  const write = async (name: string, bytes: Buffer) => {
    await writeFile(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  return {
    dir,
    first: await write('first.png', encodePng({ width: 480, height: 320 })),
    last: await write('last.png', encodePng({ width: 480, height: 320, from: [90, 10, 10], to: [10, 90, 10] })),
    small: await write('small.png', encodePng({ width: 100, height: 100 })),
    alpha: await write('alpha.png', encodePng({ width: 480, height: 320, alpha: true })),
    wide: await write('wide.png', encodePng({ width: 2000, height: 240 })),
    voice: await write('voice.wav', wavTone(3)),
    short: await write('short.wav', wavTone(1)),
    missing: path.join(dir, 'missing.png'),
    clip: await writeClip(path.join(dir, 'take.mp4'), { width: 480, height: 320, seconds: 3, audio: {} }),
    notes: await write('notes.mp4', Buffer.from('not a video\n')),
  };
})();

const plan = (model: string, inputs: Inputs<string>, extra: Partial<GenerationRequest> = {}, endpoint = BEIJING) => planGeneration({ model, inputs, ...extra }, endpoint);
const codes = (problems: Problem[]) => problems.map((problem) => problem.code).sort().join(',');

describe('planning a generation', () => {
  it('turns a valid request into a plan whose inputs are what was read of each role', async () => {
    const f = await FILES;
    const { plan: made, problems } = await plan('wan2.7-i2v', { [ROLE.audio]: f.voice, [ROLE.last]: f.last, [ROLE.first]: f.first }, { seed: '42' });
    assert.deepEqual(problems, []);
    assert.ok(made);
    assert.equal(made.inputs[ROLE.first]?.path, f.first);
    assert.equal(made.inputs[ROLE.last]?.path, f.last);
    const audio = made.inputs[ROLE.audio];
    assert.ok(audio?.kind === 'audio' && audio.probe.seconds === 3);
    assert.equal(rolesOf(made.inputs).length, 3);
    assert.equal(planFrames(made).map((frame) => frame.path).join(' '), `${f.first} ${f.last}`);
    assert.equal(made.seed, 42);
    assert.equal(made.resolution, made.spec.defaultResolution);
  });

  it('checks each role against that model’s limits for it', async () => {
    const f = await FILES;
    const bad = await plan('wan2.7-i2v', { [ROLE.first]: f.small, [ROLE.last]: f.alpha, [ROLE.audio]: f.short });
    assert.equal(bad.plan, undefined);
    assert.deepEqual(bad.problems.map((problem) => `${problem.code}:${'role' in problem ? problem.role : '-'}`).sort(), ['audio-too-short:-', 'image-alpha:last_frame', 'image-too-small:first_frame']);
    // 2000×240 is wider than wan2.7's 8:1; the kf2v models document no aspect limit.
    assert.equal(codes((await plan('wan2.7-i2v', { [ROLE.first]: f.wide })).problems), 'image-aspect');
    assert.ok((await plan('wan2.2-kf2v-flash', { [ROLE.first]: f.wide })).plan);
  });

  it('refuses a role the model does not take before reading any file', async () => {
    const f = await FILES;
    assert.deepEqual((await plan('wan2.2-kf2v-flash', { [ROLE.first]: f.first, [ROLE.audio]: f.missing })).problems, [{ code: 'audio-not-supported', model: 'wan2.2-kf2v-flash' }]);
    assert.deepEqual((await plan('wan3.0-video', { [ROLE.first]: f.first, [ROLE.clip]: f.missing }, {}, WORKSPACE)).problems, [
      { code: 'role-not-supported', role: ROLE.clip, model: 'wan3.0-video' },
    ]);
  });

  it('refuses a set of roles the model does not list, naming the sets it does', async () => {
    const f = await FILES;
    const [problem] = (await plan('wan2.7-i2v', { [ROLE.last]: f.last, [ROLE.audio]: f.voice })).problems;
    assert.ok(problem?.code === 'inputs-combination', JSON.stringify(problem));
    assert.equal(problem.roles, 'last+audio');
    assert.match(problem.allowed, /(^|, )first\+last\+audio(,|$)/);
    assert.equal(codes((await plan('wan2.2-kf2v-flash', {})).problems), 'inputs-combination');
  });

  it('checks a first clip from its own boxes: a clip plans, with a last frame too; text renamed to .mp4 is a problem', async () => {
    const f = await FILES;
    const { plan: made, problems } = await plan('wan2.7-i2v', { [ROLE.clip]: f.clip, [ROLE.last]: f.last });
    assert.deepEqual(problems, []);
    const clip = made?.inputs[ROLE.clip];
    assert.ok(clip?.kind === 'video' && clip.probe.format === 'mp4' && clip.probe.width === 480);
    assert.deepEqual((await plan('wan2.7-i2v', { [ROLE.clip]: f.notes })).problems, [{ code: 'clip-not-a-video', role: ROLE.clip, text: true }]);
    assert.deepEqual((await plan('wan2.7-i2v', { [ROLE.clip]: f.missing })).problems, [{ code: 'file-missing', role: ROLE.clip }]);
  });

  it('a continuation: duration counts the clip (too short names the clip), and a driving audio with a clip is its own problem', async () => {
    const f = await FILES;
    assert.deepEqual((await plan('wan2.7-i2v', { [ROLE.clip]: f.clip }, { duration: '3' })).problems, [{ code: 'clip-duration', role: ROLE.clip, seconds: 3.008, duration: 3, min: 4, max: 15 }]);
    assert.deepEqual((await plan('wan2.7-i2v', { [ROLE.clip]: f.clip }, { duration: '4' })).problems, []);
    assert.equal(codes((await plan('wan2.7-i2v', { [ROLE.clip]: f.clip }, { duration: '16' })).problems), 'duration-invalid', 'refused once, on its own');
    assert.deepEqual((await plan('wan2.7-i2v', { [ROLE.clip]: f.clip, [ROLE.audio]: f.voice })).problems, [{ code: 'clip-with-audio', model: 'wan2.7-i2v' }]);
  });

  it('reports parameter problems together with the inputs’ problems', async () => {
    const f = await FILES;
    const result = await plan('wan2.7-i2v', { [ROLE.first]: f.missing }, { duration: '20', resolution: '480P', seed: '-1', prompt: 'x'.repeat(5001) });
    assert.equal(result.plan, undefined);
    assert.equal(codes(result.problems), 'duration-invalid,file-missing,prompt-too-long,resolution-unsupported,seed-invalid');
    const wan3 = await plan('wan3.0-video', { [ROLE.first]: f.first }, { negativePrompt: 'blur', ratio: '2:1' }, WORKSPACE);
    assert.equal(codes(wan3.problems), 'negative-prompt-not-supported,ratio-unsupported');
  });

  it('gives Wan 3.0 its automatic duration, default ratio and sound', async () => {
    const f = await FILES;
    const { plan: made } = await plan('wan3.0-video', { [ROLE.first]: f.first, [ROLE.last]: f.last }, { duration: 'auto' }, WORKSPACE);
    assert.equal(made?.duration, -1);
    assert.equal(made?.ratio, made?.spec.shape?.defaultRatio);
    assert.equal(made?.sound, true);
  });

  it('stops at the model and endpoint before touching any input', async () => {
    const f = await FILES;
    assert.deepEqual((await plan('wan3.0-video', { [ROLE.first]: f.missing })).problems, [{ code: 'model-needs-workspace', model: 'wan3.0-video' }]);
    assert.equal(codes((await plan('sora', { [ROLE.first]: f.missing })).problems), 'model-unknown');
  });

  it('checks an image URL frame only when given a way to reach it, and keys it by its role', async () => {
    const f = await FILES;
    const url = 'https://images.example.com/dusk.png';
    assert.deepEqual((await plan('wan2.2-kf2v-flash', { [ROLE.first]: f.first, [ROLE.last]: url })).problems, [{ code: 'url-invalid', role: ROLE.last, value: url }]);
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent.get('https://images.example.com').intercept({ path: '/dusk.png', method: 'GET' }).reply(200, encodePng({ width: 480, height: 320 }));
    const request = { model: 'wan2.2-kf2v-flash', inputs: { [ROLE.first]: f.first, [ROLE.last]: url } };
    const { plan: made } = await planGeneration(request, BEIJING, { remote: { dispatcher: agent, userAgent: 'wk-test' }, allowedRoots: [path.join(f.dir, 'none')] });
    const last = made?.inputs[ROLE.last];
    assert.ok(last?.kind === 'image' && last.remote === true && last.path === url);
    assert.equal(made?.inputs[ROLE.first]?.path, f.first);
  });

  it('refuses a frame that links outside the allowed folders, but not one the user picked directly', async () => {
    const f = await FILES;
    const project = await tempDir();
    const link = path.join(project, 'linked.png');
    await symlink(f.first, link);
    const options = { allowedRoots: [project] };
    const outside = await planGeneration({ model: 'wan2.2-kf2v-flash', inputs: { [ROLE.first]: link } }, BEIJING, options);
    assert.deepEqual(outside.problems, [{ code: 'file-outside-workspace', role: ROLE.first, target: await realpath(f.first) }]);
    assert.ok((await planGeneration({ model: 'wan2.2-kf2v-flash', inputs: { [ROLE.first]: f.first } }, BEIJING, options)).plan);
    assert.ok((await planGeneration({ model: 'wan2.2-kf2v-flash', inputs: { [ROLE.first]: link } }, BEIJING, { allowedRoots: [f.dir] })).plan);
  });

  it('blank text is no value: a blank negative prompt for Wan 3.0 and a blank resolution are not problems', async () => {
    const f = await FILES;
    const workspace = endpointFor('cn-beijing', undefined, 'llm-abc');
    const wan3 = await planGeneration({ model: 'wan3.0-video', inputs: { [ROLE.first]: f.first, [ROLE.last]: f.last }, negativePrompt: '  ', resolution: ' ' }, workspace);
    assert.deepEqual(wan3.problems, []);
    assert.equal(wan3.plan?.resolution, '1080P', 'the model\'s default');
  });
});

