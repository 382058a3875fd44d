import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { cli } from '../support/cli';
import { readMp4 } from '../support/fixtures/mp4';
import { takeAt } from '../support/takes';
import { REPO, writePng } from '../support/files';
import { BUILD_LABEL, openSession, type Session } from '../harness/session';
import { until } from '../harness/wait';
import type { Workbench } from '../harness/workbench';
import type { Simulator } from '../sandbox/simulator';

const run = promisify(execFile);

/** The parts of an HTMLVideoElement the film's playback reads (the test compiles without the DOM's types). */
interface FilmVideo {
  muted: boolean;
  currentTime: number;
  duration: number;
  ended: boolean;
  paused: boolean;
  error: { code: number } | null;
  play(): Promise<void>;
  addEventListener(type: string, listener: () => void, options?: { once: boolean }): void;
  requestVideoFrameCallback(callback: () => void): number;
  getVideoPlaybackQuality(): { totalVideoFrames: number; droppedVideoFrames: number };
}
interface Played {
  ended: boolean;
  currentTime: number;
  duration: number;
  totalVideoFrames: number;
  droppedVideoFrames: number;
  presented: number;
  error: number | null;
}

/** The film's streams as ffprobe reads them: codecs, and its video samples (every frame) and frames shown (edit list applied). */
async function probeFilm(file: string): Promise<{ video: string; audio: string | undefined; samples: number; shown: number; fps: number }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,codec_name,nb_frames,nb_read_frames,avg_frame_rate', '-of', 'json', file]);
  const streams = (JSON.parse(stdout) as { streams: Array<{ codec_type: string; codec_name: string; nb_frames?: string; nb_read_frames?: string; avg_frame_rate?: string }> }).streams;
  const video = streams.find((stream) => stream.codec_type === 'video');
  assert.ok(video, 'the film has a video stream');
  const [num, den] = (video.avg_frame_rate ?? '0/1').split('/').map(Number);
  return { video: video.codec_name, audio: streams.find((stream) => stream.codec_type === 'audio')?.codec_name, samples: Number(video.nb_frames), shown: Number(video.nb_read_frames), fps: (num ?? 0) / (den || 1) };
}
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/**
 * Issue 21 in the extension: continuing a clip from the Explorer (the clip in the form's first-clip slot with
 * wan2.7-i2v, checked before anything is sent, uploaded, continued toward a last frame; a clip over 10 s cut at a
 * keyframe into a new file beside it, the original untouched), and a storyboard made from three selected images,
 * generated segment by segment and joined into one mp4 without re-encoding.
 */
describe(`from a take to a film: continue a clip, a storyboard joined (${BUILD_LABEL})`, () => {
  let session: Session;
  let workbench: Workbench;
  let simulator: Simulator;
  let shots: string;
  let source = '';

  before(async () => {
    session = await openSession({ name: 'film', simulator: { pendingMs: 200, runningMs: 600, fps: 10 }, userSettings: { 'wanKeyframes.defaultModel': 'wan2.2-kf2v-flash' } });
    ({ workbench, simulator, shots } = session);
  });

  after(async () => {
    await session?.close();
  });

  const view = () => workbench.webview();

  it('Continue this Video… puts a take in the first-clip slot; Generate continues it to the last frame', () =>
    session.explain(async () => {
      const made = await cli(['generate', '--first', path.join(shots, 'dawn.png'), '--last', path.join(shots, 'dusk.png'), '--base-url', simulator.baseUrl, '--model', 'wan2.2-kf2v-flash', '--resolution', '720P', '--seed', '3', '--prompt', 'dawn', '--json']);
      assert.equal(made.code, 0, made.stderr);
      source = JSON.parse(made.stdout.trim().split('\n').pop() ?? '{}').video as string;
      const clipSeconds = (await readMp4(source)).durationSeconds;
      const name = path.basename(source);
      await until(async () => (await workbench.explorerRow(name).count()) > 0, `${name} in the Explorer`, 30_000);
      const clipCard = view().locator('[data-testid="clip-frame"]');
      await workbench.menuCommand([name], 'Continue this Video…', clipCard);
      await clipCard.locator('.frame-name', { hasText: name }).waitFor({ timeout: 20_000 });
      await until(async () => /s ·/.test((await clipCard.locator('[data-testid="clip-facts"]').textContent()) ?? ''), 'the clip\'s length in its facts', 20_000);
      assert.equal(await view().locator('#model').evaluate((element) => (element as unknown as { value: string }).value), 'wan2.7-i2v');
      const duration = Number(await view().locator('#duration').evaluate((element) => (element as unknown as { value: string }).value));
      assert.ok(duration >= clipSeconds + 1 && duration <= 15, `a total duration past the clip (${duration} for ${clipSeconds} s)`);
      assert.equal(await clipCard.locator('[data-testid="clip-problems"] li').count(), 0, 'a 5 s take is a clip the model takes');
      await workbench.setFrame('dusk.png', 'Set as Last Frame', 'Last frame: dusk.png');
      await workbench.screenshot('01-continue-form');
      const createsBefore = simulator.requestsFor('create').length;
      await view().locator('[data-testid="generate"]').click();
      await workbench.jobsSettled(120_000);
      const creates = simulator.requestsFor('create').slice(createsBefore);
      assert.equal(creates.length, 1);
      const body = creates[0]?.json as { model: string; input: { media: Array<{ type: string; url: string }> }; parameters: { duration: number } };
      assert.equal(body.model, 'wan2.7-i2v');
      assert.deepEqual(body.input.media.map((item) => item.type).sort(), ['first_clip', 'last_frame']);
      assert.match(body.input.media.find((item) => item.type === 'first_clip')?.url ?? '', /^oss:\/\//, 'the clip goes through the temporary upload');
      assert.equal(body.parameters.duration, duration);
      const takes = await Promise.all((await readdir(shots)).filter((file) => file.endsWith('.json')).map((file) => takeAt(path.join(shots, file))));
      const continued = takes.filter((found) => found.take.inputs.first_clip !== undefined);
      assert.equal(continued.length, 1, 'one take continues the clip');
      const take = continued[0]?.take;
      assert.ok(take);
      const saved = path.join(shots, take.video.file);
      assert.equal(take.inputs.first_clip?.sha256, await sha256(source), 'the take records the clip by its hash');
      assert.equal(take.inputs.first_frame, undefined, 'the first frame in the form was not sent');
      const sourceTake = (await takeAt(source.replace(/\.mp4$/, '.json'))).take;
      assert.deepEqual({ kind: take.parent?.kind, id: take.parent?.id }, { kind: 'take', id: sourceTake.taskId }, 'the new take names the take it continues');
      assert.ok(Math.abs((await readMp4(saved)).durationSeconds - duration) < 0.5, 'the output is the whole duration, clip included');
    }));

  it('a clip over 10 s offers its last 10 s, cut at a keyframe into a new file; the original is untouched', () =>
    session.explain(async () => {
      const long = path.join(shots, 'long-shot.mp4');
      // 12 s, a keyframe every second: the last 10 s start at 2 s.
      await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=480x320:rate=10:duration=12', '-c:v', 'libx264', '-g', '10', '-pix_fmt', 'yuv420p', long]);
      const before = await sha256(long);
      await until(async () => (await workbench.explorerRow('long-shot.mp4').count()) > 0, 'long-shot.mp4 in the Explorer', 30_000);
      const clipCard = view().locator('[data-testid="clip-frame"]');
      await workbench.menuCommand(['long-shot.mp4'], 'Continue this Video…', clipCard.locator('.frame-name', { hasText: 'long-shot.mp4' }));
      const cut = clipCard.locator('[data-testid="cut-clip"]');
      await cut.waitFor({ timeout: 20_000 });
      assert.match((await clipCard.locator('[data-testid="clip-problems"]').textContent()) ?? '', /10/);
      assert.match((await cut.getAttribute('title')) ?? '', /2\.000/, 'the cut starts at the keyframe at 2 s');
      await view().locator('[data-testid="generate"][aria-disabled="true"]').waitFor({ timeout: 10_000 });
      await workbench.screenshot('02-clip-too-long');
      await cut.click();
      await clipCard.locator('.frame-name', { hasText: 'long-shot.last10s.mp4' }).waitFor({ timeout: 30_000 });
      assert.equal(await sha256(long), before, 'the original is unchanged');
      const cutSeconds = (await readMp4(path.join(shots, 'long-shot.last10s.mp4'))).durationSeconds;
      assert.ok(Math.abs(cutSeconds - 10) < 0.2, `the cut keeps 10 s (${cutSeconds})`);
      await until(async () => (await clipCard.locator('[data-testid="cut-clip"]').count()) === 0, 'no cut offered for the cut clip', 20_000);
      await workbench.screenshot('03-clip-cut');
    }));

  it('New Storyboard from Selection, Generate Storyboard: every segment made, chosen, and joined into one mp4', () =>
    session.explain(async () => {
      await writePng(shots, 'noon.png', { width: 480, height: 320, from: [240, 220, 120], to: [90, 140, 220] });
      await until(async () => (await workbench.explorerRow('noon.png').count()) > 0, 'noon.png in the Explorer', 30_000);
      const storyboardFile = path.join(shots, 'dawn-to-dusk-film.storyboard.json');
      const tab = workbench.page.locator('.tabs-container .tab', { hasText: 'dawn-to-dusk-film.storyboard.json' });
      await workbench.menuCommand(['dawn.png', 'noon.png', 'dusk.png'], 'New Storyboard from Selection', tab);
      const written = JSON.parse(await readFile(storyboardFile, 'utf8')) as { version: number; keyframes: string[]; segments: Array<{ model: string; take?: string }> };
      assert.deepEqual(written.keyframes, ['dawn.png', 'noon.png', 'dusk.png'], 'keyframes in selection order, relative to the storyboard');
      assert.equal(written.segments.length, 2);
      await workbench.screenshot('04-storyboard-new');
      const createsBefore = simulator.requestsFor('create').length;
      const storyboardRow = workbench.explorerRow('dawn-to-dusk-film.storyboard.json');
      await storyboardRow.waitFor({ timeout: 20_000 });
      await workbench.menuCommand(['dawn-to-dusk-film.storyboard.json'], 'Generate Storyboard', view().locator('[data-testid="job"]').first());
      await workbench.jobsSettled(180_000);
      assert.equal(simulator.requestsFor('create').length - createsBefore, 2, 'one create per segment');
      const film = path.join(shots, 'dawn-to-dusk-film.mp4');
      await until(async () => (await readdir(shots)).includes('dawn-to-dusk-film.mp4'), 'the joined film beside the storyboard', 120_000);
      const chosen = JSON.parse(await readFile(storyboardFile, 'utf8')) as { segments: Array<{ take?: string }> };
      const takes = chosen.segments.map((segment) => segment.take ?? '');
      assert.ok(takes.every((take) => take.endsWith('.mp4')), `every segment has its take (${takes.join(', ')})`);
      const seconds = await Promise.all(takes.map(async (take) => (await readMp4(path.join(shots, take))).durationSeconds));
      const filmSeconds = (await readMp4(film)).durationSeconds;
      const sum = seconds.reduce((a, b) => a + b, 0);
      assert.ok(filmSeconds <= sum + 0.05 && filmSeconds > sum - 0.5, `the film is the segments joined (${filmSeconds} of ${sum})`);
      const sidecar = JSON.parse(await readFile(path.join(shots, 'dawn-to-dusk-film.json'), 'utf8')) as { schema: string; segments: unknown[]; cuts: unknown[] };
      assert.match(sidecar.schema, /film/);
      assert.equal(sidecar.segments.length, 2);
      assert.equal(sidecar.cuts.length, 1, 'one cut between two segments, said in the sidecar');
      for (const take of takes) {
        const parent = (await takeAt(path.join(shots, take.replace(/\.mp4$/, '.json')))).take.parent;
        assert.equal(parent?.kind, 'chain', `${take} names its storyboard`);
      }
      await workbench.screenshot('05-storyboard-joined');
      // The README's picture: the storyboard beside its joined film, open in VS Code's own player.
      await workbench.clickNotificationButton(/Joined 2 segment/, 'Open');
      await workbench.page.locator('.tabs-container .tab', { hasText: 'dawn-to-dusk-film.mp4' }).waitFor({ timeout: 20_000 });
      // A picture, not a check: VS Code's player draws the film's first frame a moment after its tab opens.
      await workbench.page.locator('iframe.webview.ready').last().waitFor({ timeout: 20_000 });
      await workbench.page.waitForTimeout(2_000);
      await workbench.page.screenshot({ path: path.join(REPO, 'media', 'readme', 'storyboard-film.png') });
    }));

  it('the film shows among the takes of its first → last frames, marked as a film, and plays in the panel to its end', () =>
    session.explain(async () => {
      const film = path.join(shots, 'dawn-to-dusk-film.mp4');
      const probe = await probeFilm(film);
      const fileSeconds = (await readMp4(film)).durationSeconds;
      const cuts = (JSON.parse(await readFile(path.join(shots, 'dawn-to-dusk-film.json'), 'utf8')) as { cuts: unknown[] }).cuts.length;
      // Said in the output (addendum §A8.5): code-server's Chromium decodes more than desktop VS Code's Electron.
      console.log(`# film: video ${probe.video}, audio ${probe.audio ?? 'none'}, ${probe.samples} samples, ${probe.shown} shown, ${probe.fps} fps, ${fileSeconds.toFixed(3)} s`);
      assert.equal(probe.video, 'h264', 'an H.264 film: desktop VS Code plays it too');
      // The frames of the storyboard's ends: the film is found by them, as the files say (not by this window's memory).
      await workbench.useSelection('dawn.png', 'dusk.png');
      const removeClip = view().locator('[data-testid="remove-clip"]');
      if ((await removeClip.count()) > 0) await removeClip.click();
      const card = view().locator('[data-testid="take"][data-kind="film"]');
      await card.waitFor({ timeout: 30_000 });
      assert.equal(await card.count(), 1, 'one film of dawn → dusk');
      const badge = (await card.locator('[data-testid="take-film"]').textContent()) ?? '';
      assert.match(badge, /2/, `a film of two segments (${badge})`);
      assert.match(badge, /dawn-to-dusk-film\.storyboard\.json/);
      assert.equal(await card.locator('.take-name').textContent(), 'dawn-to-dusk-film.mp4');
      assert.equal(await card.locator('[data-testid="take-keep"]').count(), 0, 'a film has no verdict');
      assert.equal(await card.locator('[data-testid="take-replay"]').count(), 0, 'nor a request to replay');
      assert.deepEqual(await card.locator('.take-still figcaption').allTextContents(), ['dawn.png', 'dusk.png'], 'the storyboard\'s first and last keyframes beside it');
      assert.ok((await view().locator('[data-testid="take"][data-kind="take"]').count()) >= 1, 'beside the takes made straight from dawn to dusk');
      const video = card.locator('[data-testid="take-video"]');
      await card.evaluate((element) => (element as unknown as { scrollIntoView(options: { block: string }): void }).scrollIntoView({ block: 'start' }));
      await until(async () => (await video.evaluate((element) => (element as unknown as FilmVideo).duration)) > 0, 'the film\'s metadata in the panel', 20_000);
      // Played from its start, counting each frame the page presents, until the element says it ended.
      await video.evaluate((element) => {
        const played = element as unknown as FilmVideo & { wkPlayed?: Promise<Played> };
        let presented = 0;
        const count = () => {
          presented++;
          played.requestVideoFrameCallback(count);
        };
        played.requestVideoFrameCallback(count);
        played.wkPlayed = new Promise<Played>((resolve) => {
          const done = () => {
            const quality = played.getVideoPlaybackQuality();
            resolve({ ended: played.ended, currentTime: played.currentTime, duration: played.duration, totalVideoFrames: quality.totalVideoFrames, droppedVideoFrames: quality.droppedVideoFrames, presented, error: played.error?.code ?? null });
          };
          played.addEventListener('ended', done, { once: true });
          played.addEventListener('error', done, { once: true });
        });
        played.muted = true;
        played.currentTime = 0;
        void played.play();
      });
      await until(async () => (await video.evaluate((element) => (element as unknown as FilmVideo).currentTime)) > fileSeconds / 2, 'the film half played', 60_000);
      await workbench.screenshot('06-film-playing-in-panel');
      const played = await video.evaluate((element) => (element as unknown as { wkPlayed: Promise<Played> }).wkPlayed);
      console.log(`# film in the panel: ${JSON.stringify(played)}`);
      assert.equal(played.error, null, 'Chromium decoded the film without an error');
      assert.ok(played.ended, 'the ended event, at the end');
      const frame = 1 / probe.fps;
      assert.ok(Math.abs(played.currentTime - fileSeconds) <= frame, `stopped within a frame of the film's end (${played.currentTime} of ${fileSeconds})`);
      assert.ok(Math.abs(played.duration - fileSeconds) <= frame, `the panel's duration is the file's (${played.duration} of ${fileSeconds})`);
      // Each cut may hide one decoded frame (the shared keyframe): the frames decoded are the samples, give or take those.
      const slack = cuts + 1;
      assert.ok(Math.abs(played.totalVideoFrames - probe.samples) <= slack, `frames decoded ${played.totalVideoFrames} ≈ the film's ${probe.samples}`);
      await card.locator('[data-testid="take-open-storyboard"]').click();
      await workbench.page.locator('.tabs-container .tab.active', { hasText: 'dawn-to-dusk-film.storyboard.json' }).waitFor({ timeout: 20_000 });
      // Files are the database: a new window, which joined nothing, finds the film from its file and sidecar.
      await workbench.reloadWindow();
      await workbench.useSelection('dawn.png', 'dusk.png');
      await view().locator('[data-testid="take"][data-kind="film"] [data-testid="take-film"]').waitFor({ timeout: 30_000 });
      assert.match(await workbench.extensionLog(), /takes: \d+ take\(s\) in \d+ group\(s\), 1 film\(s\)/, 'indexed from the files on disk');
    }));
});
