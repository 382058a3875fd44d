import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { endpointFor } from '../../../src/core/catalog/regions';
import { uploadInputs } from '../../../src/core/delivery/uploadInputs';
import type { InputFiles } from '../../../src/core/inputs/inputFiles';
import { describeInput } from '../../../src/core/inputs/inputFiles';
import { planGeneration } from '../../../src/core/inputs/request';
import { startJob } from '../../../src/core/job/job';
import { jobDeps } from '../../../src/core/job/jobDeps';
import { readMediaInfo } from '../../../src/core/media/mediaInfo';
import { createDispatcher } from '../../../src/core/net/transport';
import { buildCreateBody } from '../../../src/core/service/body';
import { CreateGate } from '../../../src/core/service/createGate';
import { ROLE, rolesOf } from '../../../src/shared/mediaRoles';
import type { Simulator } from '../../sandbox/simulator';
import { recordingClock } from '../../support/clocks';
import { bmpHeader } from '../../support/fixtures/badImages';
import { frames, jobOptions } from '../../support/jobs';
import { clientFor, fastPoll, fastSimulator, KEY, REPO, tempDir } from '../../support/simulator';

/** An uncompressed 24-bit BMP: its size is its pixels, so ~9 MB frames are cheap to make and real to every reader. */
async function writeBmp(dir: string, name: string, width: number, height: number, tint: number): Promise<string> {
  const head = bmpHeader(width, height);
  const row = width * 3; // widths here are multiples of 4: no row padding
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) pixels.fill((y * 255) / height + tint, y * row, (y + 1) * row);
  head.writeUInt32LE(head.length + pixels.length, 2);
  const file = path.join(dir, name);
  await writeFile(file, Buffer.concat([head, pixels]));
  return file;
}

// Until job.ts takes its inputs through delivery/uploadInputs.ts (helper-C's file), the job still inlines every frame.
const JOB_WIRED = readFileSync(path.join(REPO, 'src', 'core', 'job', 'job.ts'), 'utf8').includes('uploadInputs(');

describe('the gateway body limit (addendum §A8.1): 16 MiB after base64 decoding', () => {
  let simulator: Simulator;
  let first: string;
  let last: string;
  before(async () => {
    simulator = await fastSimulator();
    const dir = await tempDir('wk-body-limit-');
    first = await writeBmp(dir, 'dawn.bmp', 1760, 1700, 0);
    last = await writeBmp(dir, 'dusk.bmp', 1760, 1700, 60);
  });
  after(() => simulator.stop());

  async function plan() {
    const planned = await planGeneration({ inputs: frames(first, last), model: 'wan2.7-i2v', resolution: '720P', duration: 2 }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(planned.plan, JSON.stringify(planned.problems));
    return planned.plan;
  }

  it('the simulator answers 413 to a create whose decoded base64 is over 16 MiB, and takes one under it', async () => {
    const dataUrl = (file: string) => `data:image/bmp;base64,${readFileSync(file).toString('base64')}`;
    const send = async (media: Array<{ type: string; url: string }>) => {
      const body = JSON.stringify({ model: 'wan2.7-i2v', input: { prompt: 'p', media }, parameters: { resolution: '720P', duration: 2 } });
      const answer = await request(`${simulator.baseUrl}/api/v1/services/aigc/video-generation/video-synthesis`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
        body,
      });
      return { status: answer.statusCode, json: (await answer.body.json()) as { code?: string } };
    };
    const creates = simulator.requestsFor('create').length;
    const over = await send([{ type: ROLE.first, url: dataUrl(first) }, { type: ROLE.last, url: dataUrl(last) }]);
    assert.equal(over.status, 413);
    assert.equal(simulator.tasks.size, 0, 'no task for a refused body');
    const under = await send([{ type: ROLE.first, url: dataUrl(first) }]);
    assert.notEqual(under.status, 413, 'one 9 MB frame inline is within the limit (refused here for another reason, or taken)');
    assert.equal(simulator.requestsFor('create').length, creates + 2);
  });

  it('uploadMode base64 with two ~9 MB frames: one goes inline, the other through OSS, and the create is accepted', async () => {
    const planned = await plan();
    const inputs: InputFiles = {};
    for (const role of rolesOf(planned.inputs)) inputs[role] = await describeInput(planned.inputs[role] as NonNullable<(typeof planned.inputs)[typeof role]>);
    const client = clientFor(simulator);
    try {
      const uploadsBefore = simulator.requestsFor('upload').length;
      const sent = await uploadInputs(planned, inputs, { client, wireModel: planned.wireModel, mode: 'base64', clock: recordingClock().clock });
      assert.ok(sent.urls[ROLE.first]?.startsWith('data:image/bmp;base64,'));
      assert.ok(sent.urls[ROLE.last]?.startsWith('oss://'));
      assert.equal(simulator.requestsFor('upload').length, uploadsBefore + 1);
      assert.equal(sent.notes.length, 1);
      assert.match(sent.notes[0]?.en ?? '', /Last frame: sent through the temporary upload.*16 MiB/);
      const created = await client.createTask(planned.spec, buildCreateBody(planned, sent.urls));
      assert.ok(created.output.task_id);
    } finally {
      await client.close();
    }
  });

  it('the job: two ~9 MB frames with uploadMode base64 save a video, with an OSS upload and no 413', { todo: JOB_WIRED ? undefined : 'job.ts does not call uploadInputs yet (diff in helper-E\'s report)' }, async () => {
    const planned = await plan();
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    const uploadsBefore = simulator.requestsFor('upload').length;
    const createsBefore = simulator.requestsFor('create').length;
    try {
      const result = await startJob(planned, jobDeps('test', { client, dispatcher, clock: recordingClock().clock, options: jobOptions('base64'), gate: new CreateGate(), pollDelayMs: fastPoll }));
      const info = await readMediaInfo(result.videoPath);
      assert.ok(info.kind === 'media' && (info.duration ?? 0) > 1.5, 'a real video was saved');
      assert.ok(simulator.requestsFor('upload').length > uploadsBefore, 'a frame went through OSS');
      const creates = simulator.requestsFor('create').slice(createsBefore);
      assert.equal(creates.length, 1, 'one create, accepted the first time (no 413)');
      const media = (creates[0]?.json as { input: { media: Array<{ type: string; url: string }> } }).input.media;
      assert.ok(media.some((item) => item.url.startsWith('data:')) && media.some((item) => item.url.startsWith('oss://')));
    } finally {
      await client.close();
      await dispatcher.close();
    }
  });

  it('frames that fit stay inline: no upload at all', async () => {
    const dir = await tempDir('wk-body-small-');
    const small = await writeBmp(dir, 'small.bmp', 640, 400, 20);
    const planned = await planGeneration({ inputs: frames(small, small), model: 'wan2.7-i2v', resolution: '720P', duration: 2 }, endpointFor('cn-beijing', simulator.baseUrl));
    assert.ok(planned.plan);
    const inputs: InputFiles = {};
    for (const role of rolesOf(planned.plan.inputs)) inputs[role] = await describeInput(planned.plan.inputs[role] as NonNullable<(typeof planned.plan.inputs)[typeof role]>);
    const client = clientFor(simulator);
    const uploadsBefore = simulator.requestsFor('upload').length;
    const sent = await uploadInputs(planned.plan, inputs, { client, wireModel: planned.plan.wireModel, mode: 'base64', clock: recordingClock().clock });
    await client.close();
    assert.ok(Object.values(sent.urls).every((url) => url.startsWith('data:')));
    assert.equal(simulator.requestsFor('upload').length, uploadsBefore);
    assert.deepEqual(sent.notes, []);
  });
});
