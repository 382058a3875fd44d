import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO, RESULTS_DIR } from '../support/files';

const run = promisify(execFile);

/** Builds (or reuses from the cache) code-server 4.99.4 and returns its package folder. */
export async function codeServerHome(): Promise<string> {
  if (process.env.CODE_SERVER_HOME) return process.env.CODE_SERVER_HOME;
  const { stdout } = await run('bash', [path.join(REPO, 'scripts', 'install-code-server.sh')], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const home = stdout.trim().split('\n').pop();
  if (!home) throw new Error('install-code-server.sh printed no folder');
  return home;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServerOptions {
  workspace: string;
  /** Reuse a user-data-dir (e.g. across a restart); a fresh one otherwise. */
  userDataDir?: string;
  extensionsDir?: string;
  /** A .vsix to install before starting: the packaged build a user would get. */
  vsix?: string;
  /** Further .vsix files to install (e.g. a language pack). */
  extraVsix?: string[];
  env?: NodeJS.ProcessEnv;
  userSettings?: Record<string, unknown>;
  locale?: string;
  logName?: string;
  /** VS Code's log level (`--log`), e.g. 'trace' for the key-safety runs. */
  logLevel?: string;
  /** Listen on this port (a restart keeps the browser's origin, and with it the workbench's storage). */
  port?: number;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** Workbench URL for a folder, with an optional test payload. */
  url(folder: string, payload?: Array<[string, string]>): string;
  /** `vscode-remote://` URI for a path on this machine, as the web workbench's payload wants it. */
  remoteUri(absolutePath: string): string;
  stop(): Promise<void>;
}

const DEFAULT_SETTINGS = {
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Our Get Started walkthrough opens once on a fresh profile; only its own suite wants that.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
};

/** Settings VS Code registers with machine scope, so that only the machine's settings file counts in a remote window. */
const MACHINE_SCOPED = ['workbench.welcomePage.walkthroughs.openOnInstall'];

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const home = await codeServerHome();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'wk-cs-'));
  const userDataDir = options.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
  await mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  const settings = { ...DEFAULT_SETTINGS, ...options.userSettings };
  await writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // Machine-scoped settings of a remote window (code-server's is one) are read from the server machine's settings.
  const machine = Object.fromEntries(Object.entries(settings).filter(([key]) => MACHINE_SCOPED.includes(key)));
  await mkdir(path.join(userDataDir, 'Machine'), { recursive: true });
  await writeFile(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(machine, null, 2));
  if (options.locale) {
    await writeFile(path.join(userDataDir, 'User', 'argv.json'), JSON.stringify({ locale: options.locale }));
  }
  const emptyConfig = path.join(scratch, 'config.yaml');
  await writeFile(emptyConfig, '');
  const entry = path.join(home, 'out', 'node', 'entry.js');
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env };
  const common = ['--config', emptyConfig, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of [...(options.vsix ? [options.vsix] : []), ...(options.extraVsix ?? [])]) {
    await run(process.execPath, [entry, ...common, '--install-extension', vsix, '--force'], { env });
  }
  await registerLanguagePacks(extensionsDir, userDataDir);

  const port = options.port ?? (await freePort());
  await mkdir(RESULTS_DIR, { recursive: true });
  const logFile = path.join(RESULTS_DIR, `${options.logName ?? 'code-server'}-${port}.log`);
  const log = createWriteStream(logFile);
  const args = [
    entry,
    ...common,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    ...(options.locale ? ['--locale', options.locale] : []),
    ...(options.logLevel ? ['--log', options.logLevel] : []),
    options.workspace,
  ];
  const child: ChildProcess = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const origin = `http://127.0.0.1:${port}`;
  await waitForHealth(origin, child);

  const remoteUri = (absolutePath: string) => `vscode-remote://127.0.0.1:${port}${absolutePath}`;
  return {
    port,
    origin,
    userDataDir,
    extensionsDir,
    remoteUri,
    url(folder, payload) {
      const query = new URLSearchParams({ folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${origin}/?${query.toString()}`;
    },
    async stop() {
      await killGroup(child);
      log.end();
      if (!options.userDataDir) await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Desktop VS Code records installed language packs in languagepacks.json when it installs them; code-server's
 * CLI install does not, and without that file every display language resolves to English. Write it the same way.
 */
async function registerLanguagePacks(extensionsDir: string, userDataDir: string): Promise<void> {
  const packs: Record<string, unknown> = {};
  for (const folder of await readdir(extensionsDir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const root = path.join(extensionsDir, folder.name);
    let manifest: { publisher?: string; name?: string; version?: string; contributes?: { localizations?: Array<{ languageId: string; localizedLanguageName?: string; translations: Array<{ id: string; path: string }> }> } };
    try {
      manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const localization of manifest.contributes?.localizations ?? []) {
      const translations = Object.fromEntries(localization.translations.map((t) => [t.id, path.join(root, t.path)]));
      packs[localization.languageId] = {
        hash: createHash('md5').update(`${manifest.publisher}.${manifest.name}@${manifest.version}`).digest('hex'),
        extensions: [{ extensionIdentifier: { id: `${manifest.publisher}.${manifest.name}` }, version: manifest.version }],
        translations,
        label: localization.localizedLanguageName ?? localization.languageId,
      };
    }
  }
  if (Object.keys(packs).length > 0) await writeFile(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

async function waitForHealth(origin: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('code-server did not become healthy within 60 s');
}

/** Every descendant of a process (the extension host is forked into a process group of its own). */
async function descendants(pid: number): Promise<number[]> {
  try {
    const { stdout } = await run('ps', ['-e', '-o', 'pid=,ppid=']);
    const children = new Map<number, number[]>();
    for (const line of stdout.trim().split('\n')) {
      const [childPid, parentPid] = line.trim().split(/\s+/).map(Number) as [number, number];
      children.set(parentPid, [...(children.get(parentPid) ?? []), childPid]);
    }
    const found: number[] = [];
    const queue = [pid];
    while (queue.length > 0) {
      for (const child of children.get(queue.shift() as number) ?? []) {
        found.push(child);
        queue.push(child);
      }
    }
    return found;
  } catch {
    return [];
  }
}

/** Stops code-server and everything it started, extension hosts included, and checks that nothing is left. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const tree = await descendants(child.pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  for (const pid of tree) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const timer = setTimeout(() => {
    for (const pid of [child.pid as number, ...tree]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
  for (let attempt = 0; attempt < 50 && tree.some(alive); attempt++) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of tree.filter(alive)) process.kill(pid, 'SIGKILL');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
