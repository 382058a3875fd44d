import * as assert from 'node:assert/strict';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher } from '../../../src/core/net/transport';
import { downloadToPart } from '../../../src/core/delivery/download';
import type { JobResult } from '../../../src/core/job/jobDeps';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastSimulator, tempDir } from '../../support/simulator';
import { recordingClock } from '../../support/clocks';
import { runJob } from '../../support/jobHarness';

describe('a part file left by a process killed mid-download', () => {
  let simulator: Simulator;
  let saved: JobResult;
  let videoUrl: string;
  const dispatcher = createDispatcher({ environment: {} });

  before(async () => {
    simulator = await fastSimulator();
    const run = await runJob(simulator);
    assert.ok(run.result, String(run.error));
    saved = run.result;
    const client = clientFor(simulator);
    videoUrl = (await client.getTask(saved.taskId)).output.video_url as string;
    await client.close();
  });
  after(async () => {
    await dispatcher.close();
    await simulator.stop();
  });

  const ranges = () => simulator.requests.filter((request) => request.path.includes('/oss-result/')).map((request) => request.headers.range ?? 'whole');
  const options = () => ({ dispatcher, clock: recordingClock().clock, userAgent: 'wan-keyframes/test' });

  it('is resumed with Range from where it stopped, and the result is the whole video', async () => {
    const video = await readFile(saved.videoPath);
    const part = path.join(await tempDir('wk-part-'), 'clip.abcd1234.mp4.part');
    await writeFile(part, video.subarray(0, Math.floor(video.length / 2)));
    const before = ranges().length;
    const { bytes } = await downloadToPart(videoUrl, part, options());
    assert.equal(bytes, video.length);
    assert.deepEqual(await readFile(part), video);
    assert.deepEqual(ranges().slice(before), [`bytes=${Math.floor(video.length / 2)}-`]);
  });

  it('already whole: kept as it is, nothing downloaded again', async () => {
    const part = path.join(await tempDir('wk-part-'), 'clip.abcd1234.mp4.part');
    await copyFile(saved.videoPath, part);
    const { bytes } = await downloadToPart(videoUrl, part, options());
    assert.equal(bytes, (await readFile(saved.videoPath)).length);
    assert.deepEqual(await readFile(part), await readFile(saved.videoPath));
  });

  it('longer than the video (not its beginning): started over, and the result is the video', async () => {
    const video = await readFile(saved.videoPath);
    const part = path.join(await tempDir('wk-part-'), 'clip.abcd1234.mp4.part');
    await writeFile(part, Buffer.concat([video, Buffer.alloc(1000, 7)]));
    const before = ranges().length;
    await downloadToPart(videoUrl, part, { ...options(), random: () => 0 });
    assert.deepEqual(await readFile(part), video);
    assert.deepEqual(ranges().slice(before), [`bytes=${video.length + 1000}-`, 'whole']);
  });
});
