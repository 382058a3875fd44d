import * as assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DashScopeClient } from '../../../src/core/service/client';
import { createDispatcher } from '../../../src/core/net/transport';
import { systemClock } from '../../../src/core/base/clock';
import { startJob } from '../../../src/core/job/job';
import { jobDeps } from '../../../src/core/job/jobDeps';
import { endpointFor } from '../../../src/core/catalog/regions';
import { planGeneration } from '../../../src/core/inputs/request';
import { fastPoll, KEY, REPO, tempDir, writePng } from '../../support/simulator';
import { frames, jobOptions } from '../../support/jobs';
import { CreateGate } from '../../../src/core/service/createGate';

const SIZE = 200 * 1024 * 1024;
const LIMIT = 64 * 1024 * 1024;

describe('download memory', () => {
  let child: ChildProcess;
  let baseUrl: string;

  before(async () => {
    // The simulator runs in its own process, so only the downloader's memory is measured here.
    child = spawn(process.execPath, [path.join(REPO, 'out', 'test', 'sandbox', 'main.js'), '--pending-ms', '10', '--running-ms', '10', '--fps', '2', '--video-bytes', String(SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] });
    baseUrl = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /SIMULATOR_BASE_URL=(\S+)/.exec(text);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', () => reject(new Error('simulator exited')));
    });
  });
  after(() => {
    child.kill('SIGTERM');
  });

  it(`streams a ${SIZE / 1048576} MB video with RSS growth under ${LIMIT / 1048576} MB`, async () => {
    const dir = await tempDir('wk-mem-');
    const first = await writePng(dir, 'a.png', { width: 320, height: 240 });
    const last = await writePng(dir, 'b.png', { width: 320, height: 240 });
    const { plan } = await planGeneration({ inputs: frames(first, last), model: 'wan2.2-kf2v-flash', resolution: '480P' }, endpointFor('cn-beijing', baseUrl));
    assert.ok(plan);
    const dispatcher = createDispatcher({ environment: {} });
    const client = new DashScopeClient({ baseUrl, apiKey: KEY, userAgent: 'wan-keyframes/test', dispatcher });
    global.gc?.();
    let baseline = 0;
    let peak = 0;
    let sampling = false;
    const sample = () => {
      if (!sampling) return;
      peak = Math.max(peak, process.memoryUsage.rss());
      setTimeout(sample, 20);
    };
    const result = await startJob(plan, jobDeps('test', {
      client,
      dispatcher,
      clock: systemClock,
      options: jobOptions('base64'),
      gate: new CreateGate(),
      pollDelayMs: fastPoll,
      onEvent: (event) => {
        if (event.type === 'phase' && event.phase === 'downloading') {
          baseline = process.memoryUsage.rss();
          peak = baseline;
          sampling = true;
          sample();
        }
        if (event.type === 'phase' && event.phase === 'saving') sampling = false;
      },
    }));
    sampling = false;
    await dispatcher.close();
    assert.equal((await stat(result.videoPath)).size, SIZE);
    const growth = peak - baseline;
    console.log(`download memory: ${SIZE / 1048576} MB streamed, RSS growth ${(growth / 1048576).toFixed(1)} MB (baseline ${(baseline / 1048576).toFixed(1)} MB, peak ${(peak / 1048576).toFixed(1)} MB)`);
    assert.ok(growth < LIMIT, `RSS grew ${(growth / 1048576).toFixed(1)} MB`);
  });
});
