import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROLE } from '../../../src/shared/mediaRoles';
import { takeAt } from '../../support/takes';
import { GIF, pngClaiming } from '../../support/fixtures/badImages';
import { readMp4 } from '../../support/fixtures/mp4';
import { encodePng } from '../../support/fixtures/png';
import type { Simulator } from '../../sandbox/simulator';
import { fastSimulator, KEY, simulatorWithFrames, tempDir, writeJpeg, writePng } from '../../support/simulator';
import { cli } from '../../support/cli';

const sha = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

describe('wan-keyframes generate (CLI against the simulator)', () => {
  let simulator: Simulator;
  let dir: string;
  let first: string;
  let last: string;

  before(async () => {
    ({ simulator, dir, first, last } = await simulatorWithFrames('wk-cli-', {}, async (folder: string) => ({
      first: await writePng(folder, 'sunrise.png', { width: 640, height: 400, from: [10, 20, 80], to: [250, 180, 60] }),
      last: await writeJpeg(folder, 'sunset.jpg', { width: 600, height: 400, from: [240, 90, 30], to: [30, 10, 60] }),
    })));
  });
  after(() => simulator.stop());

  // 640×400 keeps its 1.6 aspect; sides = sqrt(tier pixels × 1.6) and that ÷ 1.6, each rounded down to 16.
  const cases = [
    { model: 'wan2.2-kf2v-flash', resolution: '480P', duration: undefined, size: [784, 496], seconds: 5, sound: false },
    { model: 'wanx2.1-kf2v-plus', resolution: '720P', duration: undefined, size: [1200, 752], seconds: 5, sound: false },
    { model: 'wan2.7-i2v', resolution: '720P', duration: '3', size: [1200, 752], seconds: 3, sound: true },
  ];

  for (const c of cases) {
    it(`${c.model}: saves a playable mp4 and its sidecar beside the first image`, async () => {
      const args = ['generate', '--first', first, '--last', last, '--model', c.model, '--resolution', c.resolution, '--prompt', 'the sun crosses the sky', '--base-url', simulator.baseUrl, '--json'];
      if (c.duration) args.push('--duration', c.duration);
      const before = new Set(await readdir(dir));
      const result = await cli(args);
      assert.equal(result.code, 0, result.stderr);
      const summary = JSON.parse(result.stdout.trim().split('\n').pop() as string) as { video: string; sidecar: string; taskId: string; model: string };
      assert.equal(path.dirname(summary.video), dir);
      assert.equal(summary.model, c.model);
      const mp4 = await readMp4(summary.video);
      const video = mp4.tracks.find((track) => track.handler === 'vide');
      assert.equal(video?.codec, 'avc1', 'H.264');
      assert.deepEqual([video?.width, video?.height], c.size);
      assert.ok(Math.abs(mp4.durationSeconds - c.seconds) < 0.3, `duration ${mp4.durationSeconds}`);
      assert.equal(mp4.tracks.some((track) => track.handler === 'soun'), c.sound, 'wan2.7 dubs, kf2v is silent');
      const { take: sidecar, inputs } = await takeAt(summary.sidecar);
      assert.equal(sidecar.taskId, summary.taskId);
      assert.equal(sidecar.inputs[ROLE.first]?.sha256, await sha(first));
      assert.equal(path.basename(inputs[ROLE.last]?.path ?? ''), 'sunset.jpg');
      assert.equal(inputs[ROLE.last]?.path, path.join(dir, 'sunset.jpg'), 'the take finds its input again (a path relative to it)');
      assert.equal(sidecar.prompt, 'the sun crosses the sky');
      assert.ok(!(await readFile(summary.sidecar, 'utf8')).includes(KEY), 'no key in the sidecar');
      const added = (await readdir(dir)).filter((name) => !before.has(name));
      assert.deepEqual(added.sort(), [path.basename(summary.sidecar), path.basename(summary.video)].sort(), 'only the video and its sidecar were added');
    });
  }

  it('a second identical run saves -2 and leaves the first untouched', async () => {
    const out = await tempDir('wk-cli-out-');
    const args = ['generate', '--first', first, '--last', last, '--model', 'wan2.2-kf2v-flash', '--resolution', '480P', '--base-url', simulator.baseUrl, '--out', out, '--json'];
    const one = await cli(args);
    assert.equal(one.code, 0, one.stderr);
    const firstVideo = path.join(out, 'sunrise-to-sunset.mp4');
    const hash = await sha(firstVideo);
    const two = await cli(args);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(JSON.parse(two.stdout.trim()).video, path.join(out, 'sunrise-to-sunset-2.mp4'));
    assert.equal(await sha(firstVideo), hash);
    assert.deepEqual((await readdir(out)).sort(), ['sunrise-to-sunset-2.json', 'sunrise-to-sunset-2.mp4', 'sunrise-to-sunset.json', 'sunrise-to-sunset.mp4']);
  });

  for (const lang of ['en_US.UTF-8', 'zh_CN.UTF-8']) {
    it(`a download that fails after the task succeeded exits 5, says the video was generated and how to get it (${lang})`, async () => {
      simulator.faults.add({ route: 'download', kind: { type: 'redirect-loop' } });
      const before = new Set(await readdir(dir));
      const result = await cli(['generate', '--first', first, '--last', last, '--base-url', simulator.baseUrl, '--prompt', 'dusk'], { LANG: lang });
      assert.equal(result.code, 5, result.stderr);
      const taskId = [...simulator.tasks.keys()].pop() as string;
      const zh = lang.startsWith('zh');
      assert.match(result.stderr, zh ? /下载失败：/ : /Download failed: /);
      assert.match(result.stderr, zh ? /视频已生成/ : /The video was generated/);
      assert.ok(result.stderr.includes(`wan-keyframes resume ${taskId} --out DIR`), `the resume command with the task id:\n${result.stderr}`);
      assert.doesNotMatch(result.stderr, /could not generate|未能生成/);
      assert.deepEqual((await readdir(dir)).filter((name) => !before.has(name)), [], 'no file and no .part left');
    });
  }

  it('base64 mode sends data: URLs and no upload', async () => {
    const out = await tempDir('wk-cli-b64-');
    const uploadsBefore = simulator.requestsFor('upload').length;
    const result = await cli(['generate', '--first', first, '--last', last, '--model', 'wan2.7-i2v', '--resolution', '720P', '--duration', '2', '--upload', 'base64', '--base-url', simulator.baseUrl, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(simulator.requestsFor('upload').length, uploadsBefore);
    const create = simulator.requestsFor('create').pop();
    assert.equal(create?.headers['x-dashscope-ossresourceresolve'], undefined);
    assert.match(JSON.stringify(create?.json), /data:image\/png;base64,/);
  });
});

describe('wan-keyframes rejects bad input before any request (exit 2)', () => {
  let simulator: Simulator;
  let dir: string;
  let good: string;

  before(async () => {
    simulator = await fastSimulator();
    dir = await tempDir('wk-cli-bad-');
    good = await writePng(dir, 'good.png', { width: 640, height: 400 });
  });
  after(() => simulator.stop());

  const bad: Array<{ name: string; bytes: () => Buffer; message: RegExp }> = [
    { name: 'alpha.png', bytes: () => encodePng({ width: 640, height: 400, alpha: true }), message: /transparency \(alpha\)/ },
    { name: 'tiny.png', bytes: () => encodePng({ width: 200, height: 120 }), message: /too small; each side needs at least 240 px/ },
    { name: 'huge.png', bytes: () => Buffer.concat([encodePng({ width: 640, height: 400 }), Buffer.alloc(11 * 1024 * 1024)]), message: /over this model's 10\.0 MB limit/ },
    { name: 'magic.png', bytes: () => Buffer.from('this is not an image at all, whatever its name says'), message: /not a PNG, JPEG, WEBP or BMP image/ },
    { name: 'cut.png', bytes: () => encodePng({ width: 640, height: 400 }).subarray(0, 20), message: /header is cut short/ },
    { name: 'anim.gif', bytes: () => GIF, message: /GIF is not accepted/ },
    { name: 'absurd.png', bytes: () => pngClaiming(100_000, 100_000), message: /claims 100000×100000 px/ },
  ];

  for (const c of bad) {
    it(`${c.name}: its own message, nothing sent`, async () => {
      const file = path.join(dir, c.name);
      await writeFile(file, c.bytes());
      const requests = simulator.requests.length;
      const result = await cli(['generate', '--first', file, '--last', good, '--base-url', simulator.baseUrl]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, c.message);
      assert.match(result.stderr, /^First frame: /m);
      assert.equal(simulator.requests.length, requests, 'no request reached the service');
    });
  }

  it('speaks Chinese when LANG is zh_CN', async () => {
    const file = path.join(dir, 'alpha-zh.png');
    await writeFile(file, encodePng({ width: 640, height: 400, alpha: true }));
    const result = await cli(['generate', '--first', good, '--last', file, '--base-url', simulator.baseUrl], { LANG: 'zh_CN.UTF-8' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /尾帧：图片含透明通道/);
  });

  it('refuses parameters the model lacks, and a missing key', async () => {
    const wrong = await cli(['generate', '--first', good, '--last', good, '--model', 'wan2.7-i2v', '--resolution', '480P', '--duration', '20', '--seed=-3', '--base-url', simulator.baseUrl]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /wan2\.7-i2v has no 480P/);
    assert.match(wrong.stderr, /from 2 to 15/);
    assert.match(wrong.stderr, /Seed “-3”/);
    const noKey = await cli(['generate', '--first', good, '--last', good, '--base-url', simulator.baseUrl], { DASHSCOPE_API_KEY: '' });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /DASHSCOPE_API_KEY/);
    assert.equal(simulator.requests.length, 0);
  });
});
