import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MODELS } from '../../../src/core/catalog/models';
import { endpointFor } from '../../../src/core/catalog/regions';
import type { UploadMode } from '../../../src/core/delivery/media';
import { isWanError } from '../../../src/core/errors/wanError';
import { problemMessage } from '../../../src/core/inputs/problems';
import { type GenerationRequest, planGeneration } from '../../../src/core/inputs/request';
import { startJob } from '../../../src/core/job/job';
import { jobDeps } from '../../../src/core/job/jobDeps';
import { readMediaInfo } from '../../../src/core/media/mediaInfo';
import { createDispatcher } from '../../../src/core/net/transport';
import type { CreateBody } from '../../../src/core/service/schemas';
import { CreateGate } from '../../../src/core/service/createGate';
import { type Inputs, ROLE } from '../../../src/shared/mediaRoles';
import type { Simulator } from '../../sandbox/simulator';
import { recordingClock } from '../../support/clocks';
import { wavTone } from '../../support/fixtures/audio';
import { jobOptions } from '../../support/jobs';
import { clientFor, fastPoll, fastSimulator, tempDir, writePng } from '../../support/simulator';
import { ffmpegClip, sha256 } from '../media/ffmpegClips';

/** wan2.7-i2v continuing a clip (`first_clip`, dashscope-api.md §4.2, addendum §A6), end to end against the simulator. */
describe('continue a clip (first_clip)', () => {
  let simulator: Simulator;
  let dir: string;
  let clip: string;
  let shortClip: string;
  let longClip: string;
  let last: string;
  let voice: string;
  before(async () => {
    simulator = await fastSimulator();
    dir = await tempDir('wk-continue-');
    [clip, shortClip, longClip] = await Promise.all([
      ffmpegClip(path.join(dir, 'take.mp4'), { seconds: 3, width: 640, height: 360, fps: 15, tone: 440, bFrames: false }),
      ffmpegClip(path.join(dir, 'blink.mp4'), { seconds: 1.5, width: 640, height: 360, fps: 15, bFrames: false }),
      ffmpegClip(path.join(dir, 'saga.mp4'), { seconds: 12, width: 640, height: 360, fps: 15, gop: 15, bFrames: false }),
    ]);
    last = await writePng(dir, 'end.png', { width: 640, height: 360, from: [200, 40, 40], to: [40, 40, 200] });
    voice = path.join(dir, 'voice.wav');
    await writeFile(voice, wavTone(3));
  });
  after(() => simulator.stop());

  const plan = (inputs: Inputs<string>, extra: Partial<GenerationRequest> = {}) =>
    planGeneration({ inputs, model: 'wan2.7-i2v', resolution: '720P', prompt: 'the camera keeps moving', ...extra }, endpointFor('cn-beijing', simulator.baseUrl));

  async function run(inputs: Inputs<string>, duration: number, mode: UploadMode) {
    const planned = await plan(inputs, { duration });
    assert.ok(planned.plan, JSON.stringify(planned.problems));
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    try {
      return await startJob(planned.plan, jobDeps('test', { client, dispatcher, clock: recordingClock().clock, options: jobOptions(mode), gate: new CreateGate(), pollDelayMs: fastPoll }));
    } finally {
      await client.close();
      await dispatcher.close();
    }
  }

  it('a 3 s clip continued to 6 s: the clip goes through OSS even in base64 mode, the video is 6 s, the take names the clip', async () => {
    const createsBefore = simulator.requestsFor('create').length;
    const result = await run({ [ROLE.clip]: clip }, 6, 'base64');
    const create = simulator.requestsFor('create')[createsBefore];
    const media = (create?.json as { input: { media: Array<{ type: string; url: string }> }; parameters: { duration: number } }).input.media;
    assert.deepEqual(media.map((item) => item.type), [ROLE.clip]);
    assert.match(media[0]?.url ?? '', /^oss:\/\/.*take\.mp4$/, 'never base64');
    assert.equal((create?.json as { parameters: { duration: number } }).parameters.duration, 6, 'duration is the whole output');
    const info = await readMediaInfo(result.videoPath);
    assert.ok(info.kind === 'media', info.kind);
    assert.ok(Math.abs((info.duration ?? 0) - 6) < 0.25, `the saved video lasts ${info.duration} s`);
    assert.ok(result.sidecarPath);
    const take = JSON.parse(await readFile(result.sidecarPath, 'utf8')) as { inputs: Record<string, { path?: string; sha256?: string; seconds?: number }>; usage?: Record<string, unknown> };
    assert.equal(take.inputs[ROLE.clip]?.path, 'take.mp4');
    assert.equal(take.inputs[ROLE.clip]?.sha256, await sha256(clip));
    assert.ok(Math.abs((take.inputs[ROLE.clip]?.seconds ?? 0) - 3) < 0.1);
    assert.ok(Math.abs(Number(take.usage?.input_video_duration) - 3) < 0.1, 'the service reports the clip as input');
  });

  it('a clip and a last frame, with the API answering chunked (no Content-Length) and usage in floats: saved, 5 s', async () => {
    simulator.setChunkedAnswers(true);
    try {
      const createsBefore = simulator.requestsFor('create').length;
      const result = await run({ [ROLE.clip]: clip, [ROLE.last]: last }, 5, 'oss');
      const media = (simulator.requestsFor('create')[createsBefore]?.json as { input: { media: Array<{ type: string }> } }).input.media;
      assert.deepEqual(media.map((item) => item.type), [ROLE.clip, ROLE.last], 'the documented order: first_clip + last_frame');
      const info = await readMediaInfo(result.videoPath);
      assert.ok(info.kind === 'media' && Math.abs((info.duration ?? 0) - 5) < 0.25, `lasts ${info.kind === 'media' ? info.duration : '?'} s`);
      assert.equal(result.usage?.output_video_duration, 5);
      assert.equal(simulator.requestsFor('query').at(-1)?.headers['content-length'], undefined);
    } finally {
      simulator.setChunkedAnswers(false);
    }
  });

  it('each problem is found before any request: nothing reaches the simulator', async () => {
    const before = simulator.requests.length;
    const codes = async (inputs: Inputs<string>, extra: Partial<GenerationRequest> = {}) => (await plan(inputs, extra)).problems;
    const withAudio = await codes({ [ROLE.clip]: clip, [ROLE.audio]: voice });
    assert.deepEqual(withAudio.map((problem) => problem.code), ['clip-with-audio']);
    const tooShortOutput = await codes({ [ROLE.clip]: clip }, { duration: 3 });
    assert.deepEqual(tooShortOutput.map((problem) => problem.code), ['clip-duration']);
    assert.match(problemMessage(tooShortOutput[0] as (typeof tooShortOutput)[number]).en, /the clip is 3(\.0\d*)? s long/);
    assert.deepEqual((await codes({ [ROLE.clip]: clip }, { duration: 16 })).map((problem) => problem.code), ['duration-invalid']);
    assert.deepEqual((await codes({ [ROLE.clip]: shortClip }, { duration: 5 })).map((problem) => problem.code), ['clip-too-short']);
    assert.deepEqual((await codes({ [ROLE.clip]: longClip }, { duration: 15 })).map((problem) => problem.code), ['clip-too-long']);
    const kf2v = await planGeneration({ inputs: { [ROLE.clip]: clip }, model: 'wan2.2-kf2v-flash' }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.deepEqual(kf2v.problems.map((problem) => problem.code), ['role-not-supported']);
    assert.equal(simulator.requests.length, before, 'no upload, no create');
  });

  describe('the simulator enforces every first_clip rule of the contract on its own', () => {
    async function upload(file: string): Promise<string> {
      const client = clientFor(simulator);
      try {
        const policy = await client.getUploadPolicy('wan2.7-i2v');
        return await client.uploadToOss(policy, { path: file, objectName: path.basename(file), contentType: 'video/mp4' });
      } finally {
        await client.close();
      }
    }

    async function refused(body: object, model: keyof typeof MODELS = 'wan2.7-i2v'): Promise<{ status?: number; code?: string; message: string }> {
      const tasks = simulator.tasks.size;
      const client = clientFor(simulator);
      try {
        await client.createTask(MODELS[model], body as CreateBody);
      } catch (error) {
        assert.ok(isWanError(error));
        assert.equal(simulator.tasks.size, tasks, 'no task was made');
        return { status: error.status, code: error.code, message: error.serviceMessage ?? '' };
      } finally {
        await client.close();
      }
      assert.fail('the create was accepted');
    }

    const body = (media: Array<{ type: string; url: string }>, duration = 6, model = 'wan2.7-i2v') => ({ model, input: { prompt: 'p', media }, parameters: { resolution: '720P', duration } });

    it('a first_clip for a model that does not continue clips, and a clip with a driving audio', async () => {
      const url = await upload(clip);
      const kf2v = await refused(body([{ type: ROLE.clip, url }], 5, 'wan2.2-kf2v-flash'), 'wan2.2-kf2v-flash');
      assert.deepEqual([kf2v.status, kf2v.code], [400, 'InvalidParameter']);
      assert.match(kf2v.message, /first_clip is not supported by the model wan2\.2-kf2v-flash/);
      const audio = await refused(body([{ type: ROLE.clip, url }, { type: ROLE.audio, url: await upload(voice) }]));
      assert.deepEqual([audio.status, audio.code], [400, 'InvalidParameter']);
      assert.match(audio.message, /combination is not supported: driving_audio\+first_clip/);
    });

    it('a duration shorter than the clip, a clip too short or too long, and a clip sent as base64', async () => {
      const short = await refused(body([{ type: ROLE.clip, url: await upload(clip) }], 2));
      assert.match(short.message, /duration \(2\) must be longer than the first_clip \(3\.\d+ s\)/);
      const blink = await refused(body([{ type: ROLE.clip, url: await upload(shortClip) }], 5));
      assert.match(blink.message, /between 2 and 10 seconds, got 1\.5/);
      const saga = await refused(body([{ type: ROLE.clip, url: await upload(longClip) }], 15));
      assert.match(saga.message, /between 2 and 10 seconds, got 12\.0/);
      const inline = await refused(body([{ type: ROLE.clip, url: `data:video/mp4;base64,${(await readFile(clip)).toString('base64')}` }]));
      assert.deepEqual([inline.status, inline.code], [400, 'InvalidParameter']);
      assert.match(inline.message, /base64 is not supported for video/);
    });

    it('a clip too small on a side, and one narrower than 1:8', async () => {
      const [tiny, strip] = await Promise.all([
        ffmpegClip(path.join(dir, 'tiny.mp4'), { seconds: 3, width: 200, height: 240, fps: 15, bFrames: false }),
        ffmpegClip(path.join(dir, 'strip.mp4'), { seconds: 3, width: 2000, height: 240, fps: 15, bFrames: false }),
      ]);
      assert.match((await refused(body([{ type: ROLE.clip, url: await upload(tiny) }]))).message, /size of the first_clip is not match the requirement: 200x240/);
      assert.match((await refused(body([{ type: ROLE.clip, url: await upload(strip) }]))).message, /aspect ratio of the first_clip is out of range/);
    });
  });
});
