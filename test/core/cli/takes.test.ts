import * as assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkFramePng } from '../../../src/core/output/framePng';
import type { Simulator } from '../../sandbox/simulator';
import { cli } from '../../support/cli';
import { readMp4 } from '../../support/fixtures/mp4';
import { simulatorWithFrames, tempDir, writePng } from '../../support/simulator';

interface Body {
  model: string;
  input: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

/** The create body minus its URLs (the same file uploaded twice may get another oss:// name). */
const withoutUrls = (body: Body) => ({ ...body, input: Object.fromEntries(Object.entries(body.input).filter(([key]) => !key.endsWith('_url'))) });

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('wan-keyframes takes, keep, reject, replay, extract (CLI against the simulator)', () => {
  let simulator: Simulator;
  let dir: string;
  let first: string;
  let last: string;
  let video: string;
  let sidecar: string;
  let original: Body;

  const generate = async (out: string, ...more: string[]) => {
    const result = await cli(['generate', '--first', first, '--last', last, '--model', 'wan2.2-kf2v-flash', '--resolution', '480P', '--prompt', 'the sun crosses the sky', '--base-url', simulator.baseUrl, '--out', out, '--json', ...more]);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout.trim().split('\n').pop() as string) as { video: string; sidecar: string; seed: number };
  };

  before(async () => {
    ({ simulator, dir, first, last } = await simulatorWithFrames('wk-cli-takes-'));
    ({ video, sidecar } = await generate(dir, '--seed', '4242'));
    original = simulator.requestsFor('create').pop()?.json as Body;
  });
  after(() => simulator.stop());

  it('takes --json lists the take with its video, model, seed, inputs key and no verdict; the text line says the same', async () => {
    const listed = await cli(['takes', dir, '--json'], { DASHSCOPE_API_KEY: '' });
    assert.equal(listed.code, 0, listed.stderr);
    const [take] = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    assert.equal(take?.video, video);
    assert.equal(take?.seed, 4242);
    assert.equal(take?.model, 'wan2.2-kf2v-flash');
    assert.equal(take?.verdict, null);
    assert.equal(typeof take?.inputsKey, 'string');
    const text = await cli(['takes', dir], { DASHSCOPE_API_KEY: '' });
    assert.match(text.stdout, new RegExp(`^${escaped(path.basename(first))} → ${escaped(path.basename(last))}  \\(1 take\\)$`, 'm'));
    assert.match(text.stdout, new RegExp(`^  ${escaped(video)}  wan2\\.2-kf2v-flash  480P  5 s  seed 4242`, 'm'));
  });

  it('keep writes the verdict into the sidecar and leaves every other field as it was; reject replaces it', async () => {
    const before = JSON.parse(await readFile(sidecar, 'utf8')) as Record<string, unknown>;
    const kept = await cli(['keep', video], { DASHSCOPE_API_KEY: '' });
    assert.equal(kept.code, 0, kept.stderr);
    assert.deepEqual(JSON.parse(await readFile(sidecar, 'utf8')), { ...before, verdict: 'kept' });
    const rejected = await cli(['reject', video], { DASHSCOPE_API_KEY: '' });
    assert.equal(rejected.code, 0, rejected.stderr);
    assert.deepEqual(JSON.parse(await readFile(sidecar, 'utf8')), { ...before, verdict: 'rejected' });
    const listed = JSON.parse((await cli(['takes', dir, '--json'], { DASHSCOPE_API_KEY: '' })).stdout) as Array<{ verdict: string }>;
    assert.equal(listed[0]?.verdict, 'rejected');
  });

  it('keep of a video without a take: exit 2, nothing written', async () => {
    const lonely = path.join(await tempDir('wk-cli-lonely-'), 'clip.mp4');
    await copyFile(video, lonely);
    const result = await cli(['keep', lonely], { DASHSCOPE_API_KEY: '' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /has no take beside it/);
    assert.deepEqual(await readdir(path.dirname(lonely)), ['clip.mp4']);
  });

  it('replay --exact sends the original create body except the prompt: the service’s actual_prompt, with prompt_extend false', async () => {
    const { take } = { take: JSON.parse(await readFile(sidecar, 'utf8')) as { actualPrompt: string } };
    assert.ok(take.actualPrompt, 'kf2v with rewriting on returns actual_prompt');
    const creates = simulator.requestsFor('create').length;
    const result = await cli(['replay', video, '--exact', '--base-url', simulator.baseUrl, '--json']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(simulator.requestsFor('create').length, creates + 1);
    const replayed = simulator.requestsFor('create').pop()?.json as Body;
    assert.deepEqual(withoutUrls(replayed), withoutUrls({ ...original, input: { ...original.input, prompt: take.actualPrompt }, parameters: { ...original.parameters, prompt_extend: false } }));
    assert.equal(replayed.parameters.seed, 4242);
    const saved = JSON.parse(result.stdout.trim()) as { video: string; seed: number };
    assert.equal(path.dirname(saved.video), dir, 'the replay lands beside the take');
    assert.equal(saved.seed, 4242);
  });

  it('replay refuses a changed input before anything is sent (exit 2)', async () => {
    const folder = await tempDir('wk-cli-changed-');
    const a = path.join(folder, 'a.png');
    await copyFile(first, a);
    const made = await cli(['generate', '--first', a, '--last', last, '--base-url', simulator.baseUrl, '--json']);
    assert.equal(made.code, 0, made.stderr);
    const madeVideo = (JSON.parse(made.stdout.trim()) as { video: string }).video;
    await writePng(folder, 'a.png', { width: 640, height: 400, from: [1, 2, 3], to: [200, 100, 50] });
    const creates = simulator.requestsFor('create').length;
    const result = await cli(['replay', madeVideo, '--base-url', simulator.baseUrl]);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /Cannot replay: the first frame .*a\.png\) changed since the take/);
    assert.equal(simulator.requestsFor('create').length, creates, 'nothing sent');
  });

  it('takes groups by the frames’ content: a replay and a take of the first frame renamed and moved join the first take’s group', async () => {
    const moved = path.join(dir, 'moved');
    await mkdir(moved);
    const renamed = path.join(moved, 'renamed-first.png');
    await copyFile(first, renamed);
    const made = await cli(['generate', '--first', renamed, '--last', last, '--base-url', simulator.baseUrl, '--out', moved, '--json']);
    assert.equal(made.code, 0, made.stderr);
    const newest = (JSON.parse(made.stdout.trim().split('\n').pop() as string) as { video: string }).video;
    const listed = JSON.parse((await cli(['takes', dir, '--json'], { DASHSCOPE_API_KEY: '' })).stdout) as Array<{ video: string; inputsKey: string }>;
    assert.equal(listed.length, 3, 'the take, its replay and the renamed frame’s take');
    assert.equal(new Set(listed.map((take) => take.inputsKey)).size, 1);
    assert.equal(listed[0]?.video, newest, '--json stays one array, newest first');
    const text = (await cli(['takes', dir], { DASHSCOPE_API_KEY: '' })).stdout;
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], `renamed-first.png → ${path.basename(last)}  (3 takes)`, 'one group, named as its newest take names its frames');
    assert.equal(lines.length, 4, text);
    assert.ok(lines[1]?.startsWith(`  ${newest}  `), 'newest first');
    assert.ok(lines.slice(1).some((line) => line.startsWith(`  ${video}  `)));
  });

  it('extract --out FILE writes the PNG there, whole, at the video’s size; an existing FILE or a missing folder: exit 2 before ffmpeg runs, nothing written', async () => {
    const folder = await tempDir('wk-cli-extract-out-');
    const target = path.join(folder, 'start.png');
    const one = await cli(['extract', video, '--first', '--out', target, '--json'], { DASHSCOPE_API_KEY: '' });
    assert.equal(one.code, 0, one.stderr);
    const written = JSON.parse(one.stdout) as { png: string; frame: number; width: number; height: number };
    assert.equal(written.png, target);
    assert.equal(written.frame, 0);
    const png = await checkFramePng(await readFile(target), { width: written.width, height: written.height });
    assert.equal(png.ok, true, 'a whole PNG of the size said');
    assert.deepEqual(await readdir(folder), ['start.png'], 'no temporary file left beside it');
    const before = await readFile(target);
    // No ffmpeg on PATH: were it run, it would say so; the --out check comes first.
    const again = await cli(['extract', video, '--last', '--out', target], { DASHSCOPE_API_KEY: '', PATH: folder });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^--out .*start\.png already exists: it is never replaced\. Nothing was written\.\n$/);
    assert.deepEqual(await readFile(target), before, 'the PNG is untouched');
    const nowhere = await cli(['extract', video, '--last', '--out', path.join(folder, 'missing', 'f.png')], { DASHSCOPE_API_KEY: '', PATH: folder });
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /the folder .*missing does not exist\. Nothing was written\./);
    assert.deepEqual(await readdir(folder), ['start.png']);
    assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.png')).sort(), [path.basename(first), path.basename(last)].sort(), 'nothing beside the video either');
  });

  it('extract --last writes <video>-last.png beside the video at its size, never over a file; --at picks the frame at that time', async () => {
    const mp4 = await readMp4(video);
    const track = mp4.tracks.find((item) => item.handler === 'vide');
    const one = await cli(['extract', video, '--last', '--json'], { DASHSCOPE_API_KEY: '' });
    assert.equal(one.code, 0, one.stderr);
    const written = JSON.parse(one.stdout) as { png: string; width: number; height: number; frame: number };
    assert.equal(written.png, video.replace(/\.mp4$/, '-last.png'));
    assert.deepEqual([written.width, written.height], [track?.width, track?.height]);
    const two = await cli(['extract', video, '--last', '--json'], { DASHSCOPE_API_KEY: '' });
    assert.equal((JSON.parse(two.stdout) as { png: string }).png, video.replace(/\.mp4$/, '-last-2.png'));
    const at = await cli(['extract', video, '--at', '0.5', '--json'], { DASHSCOPE_API_KEY: '' });
    assert.equal(at.code, 0, at.stderr);
    assert.equal((JSON.parse(at.stdout) as { frame: number }).frame, 2, 'at 5 fps, 0.5 s shows frame 2');
    assert.ok(written.frame > 2, 'the last frame comes after');
  });

  it('extract without ffmpeg, from a file that is not a video, or with no frame named: exit 2, one line, nothing written', async () => {
    const folder = await tempDir('wk-cli-extract-');
    const copy = path.join(folder, 'take.mp4');
    await copyFile(video, copy);
    const noFfmpeg = await cli(['extract', copy, '--first'], { DASHSCOPE_API_KEY: '', PATH: folder });
    assert.equal(noFfmpeg.code, 2);
    assert.match(noFfmpeg.stderr, /extract needs ffmpeg: install it/);
    const notVideo = path.join(folder, 'note.mp4');
    await writeFile(notVideo, 'not a video');
    const bad = await cli(['extract', notVideo, '--first'], { DASHSCOPE_API_KEY: '' });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /is not a video this can read/);
    const none = await cli(['extract', copy], { DASHSCOPE_API_KEY: '' });
    assert.equal(none.code, 2);
    assert.match(none.stderr, /extract needs one of --first, --last or --at/);
    assert.deepEqual((await readdir(folder)).sort(), ['note.mp4', 'take.mp4']);
  });
});
