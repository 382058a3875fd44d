import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher } from '../../../src/core/net/transport';
import { bufferSource } from '../../../src/core/inputs/imageProbe';
import { probeAudio } from '../../../src/core/inputs/audioProbe';
import { startJob } from '../../../src/core/job/job';
import { jobDeps } from '../../../src/core/job/jobDeps';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { mp3Frames, wavTone } from '../../support/fixtures/audio';
import { readMp4 } from '../../support/fixtures/mp4';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastPoll, simulatorWithFrames } from '../../support/simulator';
import { recordingClock } from '../../support/clocks';
import { frames, jobOptions } from '../../support/jobs';
import { ROLE } from '../../../src/shared/mediaRoles';
import { CreateGate } from '../../../src/core/service/createGate';

describe('driving audio', () => {
  let simulator: Simulator;
  let dir: string;
  let first: string;
  let last: string;
  before(async () => {
    ({ simulator, dir, first, last } = await simulatorWithFrames('wk-audio-'));
  });
  after(() => simulator.stop());

  it('reads WAV and MP3 durations from headers and frames', async () => {
    const wav = await probeAudio(bufferSource(wavTone(3)));
    assert.equal(wav.format, 'wav');
    assert.ok(Math.abs((wav.seconds ?? 0) - 3) < 0.01);
    const mp3 = await probeAudio(bufferSource(mp3Frames(200)));
    assert.equal(mp3.format, 'mp3');
    assert.ok(Math.abs((mp3.seconds ?? 0) - (200 * 1152) / 44100) < 0.01);
    assert.equal((await probeAudio(bufferSource(Buffer.from('OggS\0\x02')))).format, 'unknown');
    assert.equal((await probeAudio(bufferSource(Buffer.alloc(0)))).corrupt, 'empty');
  });

  async function problems(name: string, bytes: Buffer, model = 'wan2.7-i2v') {
    const file = path.join(dir, name);
    await writeFile(file, bytes);
    const result = await planGeneration({ inputs: frames(first, last, file), model, resolution: '720P', duration: model === 'wan2.7-i2v' ? 2 : undefined }, endpointFor('cn-beijing', simulator.baseUrl));
    return result.problems.map((problem) => problem.code);
  }

  it('refuses audio that is too short, too long, of the wrong type, or for a model without audio', async () => {
    assert.deepEqual(await problems('short.wav', wavTone(1)), ['audio-too-short']);
    assert.deepEqual(await problems('long.wav', wavTone(31)), ['audio-too-long']);
    assert.deepEqual(await problems('song.ogg', Buffer.from('OggS\0\x02 not supported')), ['audio-format']);
    assert.deepEqual(await problems('ok.wav', wavTone(3), 'wan2.2-kf2v-flash'), ['audio-not-supported']);
    assert.deepEqual(await problems('ok.mp3', mp3Frames(120)), []);
    assert.equal(simulator.requests.length, 0, 'nothing was sent for any of them');
  });

  it('sends a driving_audio media item through OSS and gets a video with sound', async () => {
    const audio = path.join(dir, 'voice.wav');
    await writeFile(audio, wavTone(3, 16000));
    const { plan } = await planGeneration({ inputs: frames(first, last, audio), model: 'wan2.7-i2v', resolution: '720P', duration: 2 }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(plan);
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    // base64 for the frames; audio still goes through OSS (data URLs are documented for frames only).
    const result = await startJob(plan, jobDeps('test', { client, dispatcher, clock: recordingClock().clock, options: jobOptions('base64'), gate: new CreateGate(), pollDelayMs: fastPoll }));
    const body = simulator.requestsFor('create')[0]?.json as { input: { media: Array<{ type: string; url: string }> } };
    const driving = body.input.media.find((item) => item.type === 'driving_audio');
    assert.match(driving?.url ?? '', /^oss:\/\/.*voice\.wav$/);
    assert.equal(simulator.requestsFor('create')[0]?.headers['x-dashscope-ossresourceresolve'], 'enable');
    const mp4 = await readMp4(result.videoPath);
    assert.ok(mp4.tracks.some((track) => track.handler === 'soun' && track.codec === 'mp4a'));
    assert.equal(result.record.inputs?.[ROLE.audio]?.name, 'voice.wav');
    await client.close();
    await dispatcher.close();
  });
});
