import { DashScopeClient } from '../../src/core/service/client';
import { createDispatcher } from '../../src/core/net/transport';
import { DEFAULT_TEST_KEY, Simulator, type SimulatorOptions } from '../sandbox/simulator';
import { tempDir, writeFramePair } from './files';

export * from './files';

export const KEY = DEFAULT_TEST_KEY;

/** A simulator fast enough for tests: tasks start after 30 ms and finish 80 ms later, videos at 5 fps. */
export function fastSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return Simulator.start({ pendingMs: 30, runningMs: 80, fps: 5, ...options });
}

/** A suite's world: a fast simulator and two frames (by default a.png → b.png) in a fresh folder. */
export async function simulatorWithFrames(
  prefix: string,
  options: SimulatorOptions = {},
  frames: (dir: string) => Promise<{ first: string; last: string }> = writeFramePair,
): Promise<{ simulator: Simulator; dir: string; first: string; last: string }> {
  const simulator = await fastSimulator(options);
  const dir = await tempDir(prefix);
  return { simulator, dir, ...(await frames(dir)) };
}

export function clientFor(simulator: Simulator, overrides: Partial<ConstructorParameters<typeof DashScopeClient>[0]> = {}): DashScopeClient {
  const dispatcher = createDispatcher({ headersTimeoutMs: overrides.headersTimeoutMs ?? 5_000, bodyTimeoutMs: 5_000, connectTimeoutMs: 2_000, environment: {} });
  return new DashScopeClient({ baseUrl: simulator.baseUrl, apiKey: KEY, userAgent: 'wan-keyframes/test', dispatcher, ...overrides });
}

/** Polls fast so tests do not wait on the SDK schedule. */
export const fastPoll = () => 40;
