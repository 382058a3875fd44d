import { readdir } from 'node:fs/promises';
import { createDispatcher } from '../../src/core/net/transport';
import { startJob } from '../../src/core/job/job';
import type { JobEvent, JobResult } from '../../src/core/job/jobDeps';
import { recordingClock } from './clocks';
import { CreateGate } from '../../src/core/service/createGate';
import { frames, jobOptions } from './jobs';
import { jobDeps } from '../../src/core/job/jobDeps';
import type { UploadMode } from '../../src/core/delivery/media';
import { endpointFor } from '../../src/core/catalog/regions';
import { planGeneration } from '../../src/core/inputs/request';
import type { Simulator } from '../sandbox/simulator';
import { clientFor, fastPoll, tempDir, writeJpeg, writePng } from './simulator';

export interface JobRun {
  result?: JobResult;
  error?: unknown;
  events: JobEvent[];
  sleeps: number[];
  dir: string;
  elapsedMs: number;
  leftovers: string[];
}

/** Runs one real job (plan → upload → create → poll → download → sidecar) against the simulator. */
export async function runJob(
  simulator: Simulator,
  options: {
    model?: string;
    mode?: UploadMode;
    resolution?: string;
    duration?: number;
    headersTimeoutMs?: number;
    prompt?: string;
    negativePrompt?: string;
    /** A workspace-shaped base (`{origin}/ws/{id}`) instead of the simulator's shared one, and the id it declares. */
    baseUrl?: string;
    workspaceId?: string;
    uploadFallbackBaseUrl?: string;
    ratio?: string;
    sound?: boolean;
  } = {},
): Promise<JobRun> {
  const dir = await tempDir('wk-job-');
  const first = await writePng(dir, 'from.png', { width: 480, height: 320 });
  const last = await writeJpeg(dir, 'to.jpg', { width: 480, height: 320, from: [200, 40, 40], to: [40, 40, 200] });
  const baseUrl = options.baseUrl ?? simulator.baseUrl;
  const client = clientFor(simulator, { headersTimeoutMs: options.headersTimeoutMs ?? 1500, baseUrl, uploadFallbackBaseUrl: options.uploadFallbackBaseUrl });
  const dispatcher = createDispatcher({ headersTimeoutMs: options.headersTimeoutMs ?? 1500, bodyTimeoutMs: 2000, environment: {} });
  const { clock, sleeps } = recordingClock();
  const endpoint = endpointFor('cn-beijing', baseUrl, options.workspaceId);
  const { plan, problems } = await planGeneration(
    {
      inputs: frames(first, last),
      model: options.model ?? 'wan2.2-kf2v-flash',
      resolution: options.resolution ?? '480P',
      duration: options.duration,
      prompt: options.prompt ?? 'a slow pan',
      negativePrompt: options.negativePrompt,
      ratio: options.ratio,
      sound: options.sound,
    },
    endpoint,
  );
  if (!plan) throw new Error(`unexpected problems: ${JSON.stringify(problems)}`);
  const events: JobEvent[] = [];
  const started = Date.now();
  const run: JobRun = { events, sleeps, dir, elapsedMs: 0, leftovers: [] };
  try {
    run.result = await startJob(plan, jobDeps('test', {
      client,
      dispatcher,
      clock,
      options: jobOptions(options.mode ?? 'oss'),
      gate: new CreateGate(),
      pollDelayMs: fastPoll,
      random: () => 0.5,
      onEvent: (event) => events.push(event),
    }));
  } catch (error) {
    run.error = error;
  } finally {
    run.elapsedMs = Date.now() - started;
    run.leftovers = (await readdir(dir)).filter((name) => name.endsWith('.part'));
    await client.close();
    await dispatcher.close();
  }
  return run;
}
