import type { JobDeps } from './job';
import { TOOL_VERSION, userAgent } from './version';

/** Who runs the job: named in the User-Agent of every request and in the sidecar's tool version. */
export type JobRunner = 'vscode' | 'cli' | 'test';

/**
 * The one place a job's dependencies are put together — the extension, the CLI and the tests all call it — so what
 * every job carries (user agent, tool version, defaults) cannot differ between them.
 */
export function jobDeps(runner: JobRunner, deps: Omit<JobDeps, 'userAgent' | 'toolVersion'>): JobDeps {
  return { userAgent: userAgent(runner), toolVersion: TOOL_VERSION, writeSidecar: true, ...deps };
}
