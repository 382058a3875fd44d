import * as assert from 'node:assert/strict';
import { mkdir, symlink, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher } from '../../../src/core/net/transport';
import { isWanError } from '../../../src/core/errors/wanError';
import { startJob } from '../../../src/core/job/job';
import { jobDeps } from '../../../src/core/job/jobDeps';
import { problemMessage } from '../../../src/core/inputs/problems';
import { endpointFor } from '../../../src/core/catalog/regions';
import { type GenerationRequest, planGeneration } from '../../../src/core/inputs/request';
import { mp3Frames, wavTone } from '../../support/fixtures/audio';
import { bmpHeader, GIF, HEIC, jpegHeader, pngClaiming, TIFF, webpVp8l } from '../../support/fixtures/badImages';
import { encodePng } from '../../support/fixtures/png';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastSimulator, tempDir } from '../../support/simulator';
import { recordingClock } from '../../support/clocks';
import { recordCorpus } from '../../support/report';
import { frames, jobOptions } from '../../support/jobs';
import { CreateGate } from '../../../src/core/service/createGate';

type CaseRequest = Partial<Omit<GenerationRequest, 'inputs'>> & { first?: string; audio?: string };

interface Case {
  name: string;
  /** Writes what the case needs and returns the request to check (a first frame or a driving audio of its own). */
  make: (dir: string, good: string) => Promise<CaseRequest>;
  code: string;
}

const file = async (dir: string, name: string, bytes: Buffer | string) => {
  const target = path.join(dir, name);
  await writeFile(target, bytes);
  return target;
};
const first = (name: string, bytes: () => Buffer): Case['make'] => async (dir) => ({ first: await file(dir, name, bytes()) });
const audio = (name: string, bytes: () => Buffer): Case['make'] => async (dir) => ({ model: 'wan2.7-i2v', duration: 5, resolution: '720P', audio: await file(dir, name, bytes()) });
const png = (width: number, height: number, extra: Partial<Parameters<typeof encodePng>[0]> = {}) => () => encodePng({ width, height, ...extra });

const CASES: Case[] = [
  { name: 'PNG with an alpha channel', make: first('alpha.png', png(640, 400, { alpha: true })), code: 'image-alpha' },
  { name: 'PNG with tRNS transparency', make: first('trns.png', png(640, 400, { trns: true })), code: 'image-alpha' },
  { name: 'WEBP with alpha', make: first('alpha.webp', () => webpVp8l(640, 400, true)), code: 'image-alpha' },
  { name: 'BMP with an alpha mask', make: first('alpha.bmp', () => bmpHeader(640, 400, 32, 0xff000000)), code: 'image-alpha' },
  { name: 'side too small (200 px)', make: first('small.png', png(200, 400)), code: 'image-too-small' },
  { name: 'side too large (9000 px, JPEG header)', make: first('large.jpg', () => jpegHeader(9000, 3000)), code: 'image-too-large' },
  { name: 'too many bytes for kf2v (11 MB)', make: first('heavy.png', () => Buffer.concat([encodePng({ width: 640, height: 400 }), Buffer.alloc(11 * 1024 * 1024)])), code: 'image-too-many-bytes' },
  { name: 'too many bytes for wan2.7 (21 MB)', make: async (dir) => ({ model: 'wan2.7-i2v', resolution: '720P', first: await file(dir, 'heavier.png', Buffer.concat([encodePng({ width: 640, height: 400 }), Buffer.alloc(21 * 1024 * 1024)])) }), code: 'image-too-many-bytes' },
  { name: 'wrong magic (text named .png)', make: first('text.png', () => Buffer.from('just some text pretending to be a picture')), code: 'image-not-an-image' },
  { name: 'truncated PNG header', make: first('cut.png', () => encodePng({ width: 640, height: 400 }).subarray(0, 20)), code: 'image-truncated' },
  { name: 'truncated JPEG header', make: first('cut.jpg', () => jpegHeader(640, 400).subarray(0, 26)), code: 'image-truncated' },
  { name: 'JPEG whose pixels come before any frame header', make: first('odd.jpg', () => Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 4, 0, 0])), code: 'image-malformed' },
  { name: 'header claiming 100000×100000', make: first('absurd.png', () => pngClaiming(100_000, 100_000)), code: 'image-implausible-size' },
  { name: 'header claiming 0×0', make: first('zero.png', () => pngClaiming(0, 0)), code: 'image-implausible-size' },
  { name: 'GIF', make: first('anim.gif', () => GIF), code: 'image-format-unsupported' },
  { name: 'TIFF', make: first('scan.tiff', () => TIFF), code: 'image-format-unsupported' },
  { name: 'HEIC', make: first('phone.heic', () => HEIC), code: 'image-format-unsupported' },
  { name: 'empty file', make: first('empty.png', () => Buffer.alloc(0)), code: 'file-empty' },
  { name: 'frame deleted before Generate', make: async (dir) => ({ first: path.join(dir, 'gone.png') }), code: 'file-missing' },
  { name: 'a folder given as a frame', make: async (dir) => { await mkdir(path.join(dir, 'folder.png'), { recursive: true }); return { first: path.join(dir, 'folder.png') }; }, code: 'file-unreadable' },
  { name: 'aspect beyond 1:8 for wan2.7 (4000×400)', make: async (dir) => ({ model: 'wan2.7-i2v', resolution: '720P', first: await file(dir, 'strip.jpg', jpegHeader(4000, 400)) }), code: 'image-aspect' },
  { name: 'symlink pointing outside the workspace', make: async (dir) => { const outside = await tempDir('wk-outside-'); const target = await file(outside, 'secret.png', encodePng({ width: 640, height: 400 })); const link = path.join(dir, 'innocent.png'); await symlink(target, link).catch(async () => { await unlink(link); await symlink(target, link); }); return { first: link }; }, code: 'file-outside-workspace' },
  { name: 'audio too short (1 s)', make: audio('short.wav', () => wavTone(1)), code: 'audio-too-short' },
  { name: 'audio too long (31 s)', make: audio('long.wav', () => wavTone(31)), code: 'audio-too-long' },
  { name: 'audio too large (16 MB MP3)', make: audio('huge.mp3', () => Buffer.concat([mp3Frames(200), Buffer.alloc(16 * 1024 * 1024)])), code: 'audio-too-many-bytes' },
  { name: 'audio of the wrong type (OGG)', make: audio('song.ogg', () => Buffer.from('OggS\0\x02 pretend vorbis')), code: 'audio-format' },
  { name: 'damaged MP3', make: audio('broken.mp3', () => Buffer.from([0xff, 0xfb, 0xf0, 0x00, 1, 2, 3])), code: 'audio-malformed' },
  { name: 'audio for a model without audio', make: async (dir) => ({ audio: await file(dir, 'voice.wav', wavTone(3)) }), code: 'audio-not-supported' },
  { name: 'prompt over 800 characters (kf2v)', make: async () => ({ prompt: 'p'.repeat(801) }), code: 'prompt-too-long' },
  { name: 'prompt over 5000 characters (wan2.7)', make: async () => ({ model: 'wan2.7-i2v', resolution: '720P', prompt: '字'.repeat(5001) }), code: 'prompt-too-long' },
  { name: 'negative prompt over 500 characters', make: async () => ({ negativePrompt: 'n'.repeat(501) }), code: 'negative-prompt-too-long' },
  { name: 'seed above 2147483647', make: async () => ({ seed: '2147483648' }), code: 'seed-invalid' },
  { name: 'seed that is not a number', make: async () => ({ seed: '12ab' }), code: 'seed-invalid' },
  { name: 'duration 6 s for kf2v (fixed 5)', make: async () => ({ duration: 6 }), code: 'duration-invalid' },
  { name: 'duration 16 s for wan2.7', make: async () => ({ model: 'wan2.7-i2v', resolution: '720P', duration: 16 }), code: 'duration-invalid' },
  { name: 'resolution the model lacks (480P on wan2.7)', make: async () => ({ model: 'wan2.7-i2v', resolution: '480P' }), code: 'resolution-unsupported' },
  { name: 'resolution the model lacks (1080P on kf2v-plus)', make: async () => ({ model: 'wanx2.1-kf2v-plus', resolution: '1080P' }), code: 'resolution-unsupported' },
  { name: 'unknown model', make: async () => ({ model: 'wan9-magic' }), code: 'model-unknown' },
];

describe('bad-input corpus: each rejected before any request, with its own message', () => {
  let simulator: Simulator;
  let dir: string;
  let good: string;
  const rows: Array<{ input: string; code: string; message: string; requests: number }> = [];

  before(async () => {
    simulator = await fastSimulator();
    dir = await tempDir('wk-corpus-');
    good = await file(dir, 'good.png', encodePng({ width: 640, height: 400 }));
  });
  after(async () => {
    await recordCorpus(rows);
    await simulator.stop();
  });

  it(`has at least 30 cases (${CASES.length})`, () => assert.ok(CASES.length >= 30));

  for (const c of CASES) {
    it(c.name, async () => {
      const { first: frame, audio: sound, ...overrides } = await c.make(dir, good);
      const request: GenerationRequest = { inputs: frames(frame ?? good, good, sound), model: 'wan2.2-kf2v-flash', resolution: '720P', ...overrides };
      const before = simulator.requests.length;
      const { plan, problems } = await planGeneration(request, endpointFor('cn-beijing', simulator.baseUrl), { allowedRoots: [dir] });
      assert.equal(plan, undefined);
      assert.deepEqual(problems.map((p) => p.code), [c.code]);
      const message = problemMessage(problems[0] as never);
      assert.equal(simulator.requests.length, before, 'nothing was sent');
      rows.push({ input: c.name, code: c.code, message: message.en, requests: simulator.requests.length - before });
    });
  }

  it('a frame changed between the check and the upload stops the job before any request', async () => {
    const frame = await file(dir, 'moving.png', encodePng({ width: 640, height: 400 }));
    const { plan } = await planGeneration({ inputs: frames(frame, good), model: 'wan2.2-kf2v-flash', resolution: '720P' }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(plan);
    await writeFile(frame, encodePng({ width: 700, height: 400 }));
    const before = simulator.requests.length;
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    await assert.rejects(
      startJob(plan, jobDeps('test', { client, dispatcher, clock: recordingClock().clock, options: jobOptions('oss'), gate: new CreateGate() })),
      (error: unknown) => isWanError(error) && error.kind === 'invalid-input' && /changed/.test(error.message),
    );
    assert.equal(simulator.requests.length, before);
    rows.push({ input: 'frame changed between the check and the upload', code: 'changed', message: 'moving.png changed while the job was being prepared.', requests: 0 });
    await client.close();
    await dispatcher.close();
  });

});
