import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DashScopeClient } from '../../src/core/api/client';
import { createDispatcher } from '../../src/core/api/transport';
import { type Clock, systemClock } from '../../src/core/clock';
import { encodePng, type PngOptions } from '../fixtures/png';
import { DEFAULT_TEST_KEY, Simulator, type SimulatorOptions } from '../sandbox/simulator';

export const run = promisify(execFile);
export const KEY = DEFAULT_TEST_KEY;
export const REPO = path.resolve(__dirname, '..', '..', '..');

/** A simulator fast enough for tests: tasks start after 30 ms and finish 80 ms later, videos at 5 fps. */
export function fastSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return Simulator.start({ pendingMs: 30, runningMs: 80, fps: 5, ...options });
}

export function clientFor(simulator: Simulator, overrides: Partial<ConstructorParameters<typeof DashScopeClient>[0]> = {}): DashScopeClient {
  const dispatcher = createDispatcher({ headersTimeoutMs: overrides.headersTimeoutMs ?? 5_000, bodyTimeoutMs: 5_000, connectTimeoutMs: 2_000, environment: {} });
  return new DashScopeClient({ baseUrl: simulator.baseUrl, apiKey: KEY, userAgent: 'wan-keyframes/test', dispatcher, ...overrides });
}

export async function tempDir(prefix = 'wk-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function writePng(dir: string, name: string, options: PngOptions): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, encodePng(options));
  return file;
}

/** A real JPEG made by ffmpeg from a PNG, as a camera or an editor would write it. */
export async function writeJpeg(dir: string, name: string, options: PngOptions): Promise<string> {
  const png = await writePng(await tempDir('wk-jpeg-src-'), `${name}.png`, options);
  const file = path.join(dir, name);
  await run('ffmpeg', ['-v', 'error', '-y', '-i', png, '-q:v', '3', file]);
  return file;
}

/** Polls fast so tests do not wait on the SDK schedule. */
export const fastPoll = () => 40;

/** The real clock with every wait shortened by `scale`; the requested waits are kept for assertions. */
export function recordingClock(scale = 20): { clock: Clock; sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => Date.now(),
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return systemClock.sleep(ms / scale, signal);
      },
    },
  };
}
