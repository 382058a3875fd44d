import * as assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readMediaInfo } from '../../../src/core/media/mediaInfo';
import { ROLE } from '../../../src/shared/mediaRoles';
import type { Simulator } from '../../sandbox/simulator';
import { cli } from '../../support/cli';
import { simulatorWithFrames, tempDir, writePng } from '../../support/simulator';
import { takeAt } from '../../support/takes';
import { ffmpegClip, ffprobe } from '../media/ffmpegClips';

interface FilmLine {
  video: string;
  sidecar: string;
  segments: Array<{ video: string; sidecar: string; taskId: string; seed: number }>;
  durationSeconds: number;
}

const createsOf = (simulator: Simulator) => simulator.requestsFor('create');
const mediaOf = (request: { json?: unknown } | undefined) => (request?.json as { input: { media: Array<{ type: string; url: string }> } }).input.media;

async function secondsOf(file: string): Promise<number> {
  const info = await readMediaInfo(file);
  assert.ok(info.kind === 'media', `${file}: ${info.kind}`);
  return info.duration ?? 0;
}

/** `continue`, `storyboard` (making its segments) and `join`: the built CLI against the simulator, over real HTTP. */
describe('wan-keyframes continue, storyboard and join (CLI against the simulator)', () => {
  let simulator: Simulator;
  let dir: string;
  let a: string;
  let b: string;
  let c: string;

  before(async () => {
    ({ simulator, dir, first: a, last: b } = await simulatorWithFrames('wk-cli-film-'));
    c = await writePng(dir, 'c.png', { width: 640, height: 360, from: [30, 160, 60], to: [200, 200, 40] });
  });
  after(() => simulator.stop());

  const base = () => ['--base-url', simulator.baseUrl];

  it('continue: media = [first_clip (oss://…), last_frame], the saved video lasts the total, its take names the take it continues', async () => {
    const out = await tempDir('wk-cli-continue-');
    const made = await cli(['generate', '--first', a, '--last', b, '--model', 'wan2.7-i2v', '--resolution', '720P', '--duration', '3', '--out', out, '--json', ...base()]);
    assert.equal(made.code, 0, made.stderr);
    const parent = JSON.parse(made.stdout) as { video: string; taskId: string };
    const creates = createsOf(simulator).length;
    const result = await cli(['continue', parent.video, '--last', c, '--duration', '6', '--prompt', 'on and on', '--out', out, '--json', ...base()]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr.split('\n')[0] ?? '', /^Estimate: /, 'the estimate before anything is sent');
    const sent = createsOf(simulator).slice(creates);
    assert.equal(sent.length, 1);
    const media = mediaOf(sent[0]);
    assert.deepEqual(media.map((item) => item.type), [ROLE.clip, ROLE.last]);
    assert.match(media[0]?.url ?? '', /^oss:\/\//, 'the clip goes through the temporary upload');
    assert.equal((sent[0]?.json as { parameters: { duration: number } }).parameters.duration, 6, 'duration is the total');
    const line = JSON.parse(result.stdout) as { video: string; sidecar: string };
    assert.ok(Math.abs((await secondsOf(line.video)) - 6) < 0.3, 'the video lasts the total, the clip included');
    const { take } = await takeAt(line.sidecar);
    assert.deepEqual(take.parent, { kind: 'take', id: parent.taskId }, 'the take names its parent take');
  });

  it('continue: a clip over 10 s is continued from its last ≤ 10 s cut at a keyframe (the start said), the original untouched', async () => {
    const folder = await tempDir('wk-cli-continue-long-');
    const long = await ffmpegClip(path.join(folder, 'saga.mp4'), { seconds: 12, width: 640, height: 360, fps: 15, gop: 15, bFrames: false });
    const before = await readFile(long);
    const creates = createsOf(simulator).length;
    const result = await cli(['continue', long, '--duration', '12', ...base()]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /cut without re-encoding at its keyframe at 2 s into saga\.last10s\.mp4/);
    assert.deepEqual(await readFile(long), before, 'the original is only read');
    assert.ok(Math.abs((await secondsOf(path.join(folder, 'saga.last10s.mp4'))) - 10) < 0.1);
    assert.match(mediaOf(createsOf(simulator)[creates])[0]?.url ?? '', /saga\.last10s\.mp4$/);
  });

  it('continue: a total that leaves no new video is refused before anything is sent (exit 2)', async () => {
    const folder = await tempDir('wk-cli-continue-bad-');
    const clip = await ffmpegClip(path.join(folder, 'three.mp4'), { seconds: 3, width: 640, height: 360, fps: 15, bFrames: false });
    const requests = simulator.requests.length;
    const result = await cli(['continue', clip, '--duration', '3', ...base()]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /3(\.0\d*)? s long/);
    assert.equal(simulator.requests.length, requests, 'no upload, no create');
  });

  it('storyboard A B C: 2 creates, 2 takes recorded, 1 joined mp4, one JSON object; run again, nothing is created', async () => {
    const out = await tempDir('wk-cli-storyboard-');
    const args = ['storyboard', a, b, c, '--prompt', 'dawn', '--prompt', 'dusk', '--resolution', '720P', '--duration', '2', '--out', out, '--json', ...base()];
    const creates = createsOf(simulator).length;
    const result = await cli(args);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^Estimate for 2 of 2 segment\(s\) to make: /m, 'the estimate of the whole storyboard');
    const sent = createsOf(simulator).slice(creates);
    assert.equal(sent.length, 2, 'one create per segment');
    assert.deepEqual(sent.map((request) => (request.json as { input: { prompt: string } }).input.prompt).sort(), ['dawn', 'dusk'], 'a prompt per segment');
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 1, `exactly one object:\n${result.stdout}`);
    const film = JSON.parse(lines[0] as string) as FilmLine;
    assert.deepEqual(Object.keys(film).sort(), ['durationSeconds', 'segments', 'sidecar', 'video']);
    assert.equal(film.segments.length, 2);
    for (const segment of film.segments) {
      assert.deepEqual(Object.keys(segment).sort(), ['seed', 'sidecar', 'taskId', 'video']);
      const { take } = await takeAt(segment.sidecar);
      assert.equal(take.taskId, segment.taskId);
      assert.equal(take.seed, segment.seed);
      assert.equal(take.parent?.kind, 'chain');
    }
    const storyboardFile = path.join(out, 'a-to-c-film.storyboard.json');
    const storyboard = JSON.parse(await readFile(storyboardFile, 'utf8')) as { segments: Array<{ take?: string }> };
    assert.deepEqual(storyboard.segments.map((segment) => segment.take && path.resolve(out, segment.take)), film.segments.map((segment) => segment.video), 'each take recorded in the storyboard');
    assert.equal(film.video, path.join(out, 'a-to-c-film.mp4'));
    assert.ok((await stat(film.video)).size > 0);
    assert.ok(Math.abs((await secondsOf(film.video)) - film.durationSeconds) < 0.05);

    const again = await cli(args);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(createsOf(simulator).length, creates + 2, 'nothing created the second time');
    assert.deepEqual(JSON.parse(again.stdout) as FilmLine, film, 'the same film, its takes the same');
    const byFile = await cli(['storyboard', storyboardFile, '--json', ...base()]);
    assert.equal(byFile.code, 0, byFile.stderr);
    assert.equal(createsOf(simulator).length, creates + 2, 'nor from the file');
  });

  it('storyboard <file> resumes: only the segment without a take is made', async () => {
    const out = await tempDir('wk-cli-storyboard-resume-');
    const file = path.join(out, 'trip.storyboard.json');
    const made = await cli(['storyboard', 'new', a, b, c, '--out', file, '--resolution', '720P', '--duration', '2']);
    assert.equal(made.code, 0, made.stderr);
    const first = await cli(['generate', '--first', a, '--last', b, '--model', 'wan2.7-i2v', '--resolution', '720P', '--duration', '2', '--out', out, '--json', ...base()]);
    assert.equal(first.code, 0, first.stderr);
    const chosen = await cli(['storyboard', 'take', file, '1', (JSON.parse(first.stdout) as { video: string }).video]);
    assert.equal(chosen.code, 0, chosen.stderr);
    const creates = createsOf(simulator).length;
    const result = await cli(['storyboard', file, '--json', ...base()]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /^Estimate for 1 of 2 segment\(s\) to make: .*; the whole storyboard /m, 'what is left, and the whole');
    const sent = createsOf(simulator).slice(creates);
    assert.equal(sent.length, 1, 'segment 1 already had its take');
    assert.match(mediaOf(sent[0]).map((item) => item.url).join(' '), /b\.png.*c\.png|c\.png.*b\.png/);
    assert.ok((await readdir(out)).includes('trip.mp4'));
  });

  it('storyboard with a continued segment: it waits for the take before it, continues it toward the next keyframe, and the film holds the continuation', async () => {
    const out = await tempDir('wk-cli-storyboard-chain-');
    const frames = await Promise.all(['k0', 'k1', 'k2'].map((name, index) => writePng(out, `${name}.png`, { width: 640, height: 360, from: [index * 90, 40, 40], to: [40, 40, 200 - index * 60] })));
    const file = path.join(out, 'chain.storyboard.json');
    const segment = { prompt: '', model: 'wan2.7-i2v', resolution: '720P' };
    await writeFile(file, JSON.stringify({ version: 1, keyframes: frames.map((frame) => path.basename(frame)), segments: [{ ...segment, duration: 3 }, { ...segment, duration: 6, mode: 'continue' }] }, null, 2));
    const creates = createsOf(simulator).length;
    const result = await cli(['storyboard', file, '--json', ...base()]);
    assert.equal(result.code, 0, result.stderr);
    const sent = createsOf(simulator).slice(creates);
    assert.equal(sent.length, 2);
    assert.deepEqual(mediaOf(sent[0]).map((item) => item.type), [ROLE.first, ROLE.last]);
    const continued = mediaOf(sent[1]);
    assert.deepEqual(continued.map((item) => item.type), [ROLE.clip, ROLE.last], 'segment 2 continues segment 1’s take toward k2');
    assert.match(continued[0]?.url ?? '', /^oss:\/\//);
    const film = JSON.parse(result.stdout) as FilmLine;
    assert.equal(film.segments.length, 2);
    const { take } = await takeAt(film.segments[1]?.sidecar as string);
    assert.equal(take.inputs[ROLE.clip]?.path, path.basename(film.segments[0]?.video as string), 'the clip sent is segment 1’s take');
    assert.ok(Math.abs(film.durationSeconds - 6) < 0.3, `the film is the continuation, which holds segment 1 (${film.durationSeconds} s)`);
  });

  it('storyboard --dry-run says the estimate and sends nothing', async () => {
    const out = await tempDir('wk-cli-storyboard-dry-');
    const requests = simulator.requests.length;
    const result = await cli(['storyboard', a, b, c, '--resolution', '720P', '--duration', '2', '--out', out, '--dry-run', ...base()], { DASHSCOPE_API_KEY: '' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^Estimate for 2 of 2 segment\(s\) to make: /m);
    assert.equal(simulator.requests.length, requests);
  });

  describe('join', () => {
    let folder: string;
    let one: string;
    let two: string;
    before(async () => {
      folder = await tempDir('wk-cli-join-');
      [one, two] = await Promise.all([
        ffmpegClip(path.join(folder, 'one.mp4'), { seconds: 2, width: 640, height: 360, fps: 15, bFrames: false }),
        ffmpegClip(path.join(folder, 'two.mp4'), { seconds: 3, width: 640, height: 360, fps: 15, bFrames: false }),
      ]);
    });

    it('joins two clips without re-encoding: one video track of their codec, their lengths summed', async () => {
      const target = path.join(folder, 'both.mp4');
      const result = await cli(['join', one, two, '--out', target, '--json'], { DASHSCOPE_API_KEY: '' });
      assert.equal(result.code, 0, result.stderr);
      const line = JSON.parse(result.stdout) as { video: string; seconds: number };
      assert.equal(line.video, target);
      const probed = await ffprobe(target);
      const video = probed.streams.filter((stream) => stream.codec_type === 'video');
      assert.equal(video.length, 1);
      assert.equal(video[0]?.codec_name, 'h264');
      assert.ok(Math.abs(probed.duration - 5) < 0.15, `lasts ${probed.duration} s`);
    });

    it('never replaces an existing --out (exit 2, its bytes unchanged)', async () => {
      const target = path.join(folder, 'taken.mp4');
      await writeFile(target, 'mine');
      const result = await cli(['join', one, two, '--out', target], { DASHSCOPE_API_KEY: '' });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /already exists: it is never replaced/);
      assert.equal(await readFile(target, 'utf8'), 'mine');
    });

    it('clips of different sizes: names the one that differs, and writes nothing', async () => {
      const wide = await ffmpegClip(path.join(folder, 'wide.mp4'), { seconds: 2, width: 480, height: 270, fps: 15, bFrames: false });
      const target = path.join(folder, 'mixed.mp4');
      const result = await cli(['join', one, wide, '--out', target], { DASHSCOPE_API_KEY: '' });
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, /^wide\.mp4 \(input 2\) cannot be joined: its picture size differs/m);
      assert.ok(!(await readdir(folder)).some((name) => name.startsWith('mixed') || name.includes('.mixed.mp4')), 'nothing at the target, nothing left beside it');
    });
  });
});
