import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import { DEFAULT_TEST_KEY, Simulator, type SimulatorOptions } from '../sandbox/simulator';
import { Workbench, type WorkbenchOptions } from './workbench';
import { makeSampleWorkspace } from './workspace';

/** Set by the package tier: the suites then run against the installed .vsix instead of the development folder. */
export const VSIX = process.env.WK_E2E_VSIX;
export const BUILD_LABEL = VSIX ? 'installed .vsix' : 'development build';

export interface SessionOptions extends Partial<Omit<WorkbenchOptions, 'workspace' | 'screenshotPrefix' | 'userSettings'>> {
  /** Names the screenshots and logs: `dev-<name>-…` or `vsix-<name>-…`. */
  name: string;
  simulator?: SimulatorOptions;
  /** DASHSCOPE_API_KEY for the extension host; '' for none. */
  key?: string;
  /** Settings beyond the simulator's base URL and 480P. */
  userSettings?: Record<string, unknown>;
  /** Appended to the simulator's origin for `wanKeyframes.baseUrl` (e.g. `/ws/llm-…`, a workspace-shaped base). */
  basePath?: string;
  /** The workspace folder's name as the workbench shows it (default: a random temporary name). */
  workspaceName?: string;
  /** Runs after the sample workspace is made and before the workbench opens. */
  prepare?: (workspace: string, simulator: Simulator) => Promise<void>;
}

/** One e2e suite's world: a simulator, the sample workspace (shots/dawn.png, dusk.png, notes.txt) and a workbench. */
export interface Session {
  simulator: Simulator;
  workspace: string;
  shots: string;
  workbench: Workbench;
  /** Runs a test body; a failure carries the extension's log, so CI output says what the extension did. */
  explain(body: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const { name, simulator: simulatorOptions, key, userSettings, prepare, basePath, workspaceName, ...workbenchOptions } = options;
  const simulator = await Simulator.start({ pendingMs: 300, runningMs: 1000, fps: 5, ...simulatorOptions });
  const workspace = await makeSampleWorkspace(undefined, workspaceName);
  let workbench: Workbench | undefined;
  const close = async () => {
    await workbench?.close();
    await simulator.stop();
    await rm(workspaceName ? path.dirname(workspace) : workspace, { recursive: true, force: true });
  };
  try {
    await prepare?.(workspace, simulator);
    workbench = await Workbench.open({
      vsix: VSIX,
      ...workbenchOptions,
      workspace,
      screenshotPrefix: `${VSIX ? 'vsix' : 'dev'}-${name}`,
      env: { DASHSCOPE_API_KEY: key ?? DEFAULT_TEST_KEY, ...workbenchOptions.env },
      userSettings: { 'wanKeyframes.baseUrl': `${simulator.baseUrl}${basePath ?? ''}`, 'wanKeyframes.defaultResolution': '480P', ...userSettings },
    });
    await workbench.expandFolder('shots');
    const opened = workbench;
    const explain = async (body: () => Promise<void>) => {
      try {
        await body();
      } catch (error) {
        await opened.screenshot(`failed-${Date.now()}`).catch(() => undefined);
        const log = await opened.extensionLog();
        if (error instanceof Error) {
          error.message += `\n\nextension log:\n${log}`;
          error.stack = `${error.stack ?? ''}\n\nextension log:\n${log}`;
        }
        throw error;
      }
    };
    return { simulator, workspace, shots: path.join(workspace, 'shots'), workbench, explain, close };
  } catch (error) {
    await close();
    throw error;
  }
}
