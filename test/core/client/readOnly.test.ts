import * as assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { createDispatcher } from '../../../src/core/net/transport';
import { isWanError, type WanError } from '../../../src/core/errors/wanError';
import { continueJob, startJob } from '../../../src/core/job/job';
import type { JobRecord } from '../../../src/core/job/jobRecord';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { makeReadOnly } from '../../harness/readOnly';
import type { Simulator } from '../../sandbox/simulator';
import { clientFor, fastPoll, fastSimulator, tempDir, writePng } from '../../support/simulator';
import { recordingClock } from '../../support/clocks';
import { frames, jobOptions } from '../../support/jobs';
import { CreateGate } from '../../../src/core/service/createGate';

describe('a read-only output folder', () => {
  let simulator: Simulator;
  before(async () => {
    simulator = await fastSimulator();
  });
  after(() => simulator.stop());

  it('gives a clear file-system error, keeps the task resumable, and Save As elsewhere saves it once', async () => {
    const folder = await tempDir('wk-ro-frames-');
    const first = await writePng(folder, 'a.png', { width: 480, height: 320 });
    const last = await writePng(folder, 'b.png', { width: 480, height: 320 });
    const locked = await tempDir('wk-ro-out-');
    const unlock = await makeReadOnly(locked);
    const client = clientFor(simulator);
    const dispatcher = createDispatcher({ environment: {} });
    const records: JobRecord[] = [];
    const deps = { client, dispatcher, clock: recordingClock().clock, userAgent: 't', toolVersion: 't', options: jobOptions('oss'), gate: new CreateGate(), pollDelayMs: fastPoll, onEvent: (event: { type: string; record?: JobRecord }) => event.record && records.push(event.record) };
    try {
      const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', simulator.baseUrl));
      assert.ok(plan);
      let failure: WanError | undefined;
      await startJob(plan, { ...deps, outputDir: locked }).catch((error: unknown) => {
        failure = isWanError(error) ? error : undefined;
      });
      assert.equal(failure?.kind, 'file-system');
      assert.equal(failure?.retryable, true);
      assert.match(failure?.message ?? '', /could not be written/);
      assert.ok(failure?.message.endsWith(`(EACCES: ${locked})`) || failure?.message.endsWith(`(EPERM: ${locked})`), `names the folder, not the temporary file: ${failure?.message}`);
      assert.match(failure?.localized('zh-cn') ?? '', /无法将视频写入/);
      assert.ok(failure?.taskId, 'the error names the task to resume');
      assert.deepEqual(await readdir(locked), [], 'nothing half-written');
      const record = records[records.length - 1] as JobRecord;
      assert.notEqual(record.status, 'failed', 'the job stays resumable');

      const elsewhere = await tempDir('wk-ro-saveas-');
      const saved = await continueJob({ ...record, outputDir: elsewhere, baseName: 'my-cut' }, deps);
      assert.equal(saved.videoPath, `${elsewhere}/my-cut.mp4`);
      assert.deepEqual((await readdir(elsewhere)).sort(), ['my-cut.json', 'my-cut.mp4']);
      assert.equal(simulator.tasks.size, 1, 'one task, saved once');
    } finally {
      await unlock();
      await client.close();
      await dispatcher.close();
    }
  });
});
