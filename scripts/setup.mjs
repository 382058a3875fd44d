// The set-up `npm test` and `npm run demo` do by themselves on a fresh clone, so a newcomer needs no other command:
// the machine packages (apt as root on Debian/Ubuntu; otherwise one line saying what to run, exit 2), `npm ci` when
// node_modules is missing or older than package-lock.json, and code-server built into the cache.
// Plain Node only: it runs before any dependency is installed.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where `npm run package` (vsce's default name) puts the .vsix of the version in package.json. */
export function vsixPath() {
  const { name, version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  return path.join(REPO_ROOT, `${name}-${version}.vsix`);
}

/** Exit code of a set-up that needs the user to do one thing first (like the CLI's "invalid input"). */
const NEEDS_USER = 2;

/**
 * What each purpose needs from the machine, and how to tell it is there without asking a package manager (so the
 * check means the same for any user and on any distribution): a command on PATH, or a file.
 * `codeServerBuild` packages are needed only while code-server is not yet in the cache.
 */
const MACHINE_PACKAGES = [
  { name: 'chromium', command: process.env.CHROMIUM_PATH ?? 'chromium', purposes: ['test', 'demo'] },
  { name: 'ffmpeg', command: 'ffmpeg', purposes: ['test', 'demo', 'plain'] },
  { name: 'unzip', command: 'unzip', purposes: ['test'] },
  { name: 'fonts-wqy-zenhei', file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', purposes: ['test'] },
  { name: 'ripgrep', command: 'rg', codeServerBuild: true },
  { name: 'build-essential', command: 'g++', codeServerBuild: true },
  { name: 'python3', command: 'python3', codeServerBuild: true },
  { name: 'pkg-config', command: 'pkg-config', codeServerBuild: true },
  { name: 'libkrb5-dev', file: '/usr/include/krb5.h', codeServerBuild: true },
  { name: 'libx11-dev', file: '/usr/include/X11/Xlib.h', codeServerBuild: true },
  { name: 'libxkbfile-dev', file: '/usr/include/X11/extensions/XKBfile.h', codeServerBuild: true },
  { name: 'libsecret-1-dev', file: '/usr/include/libsecret-1/libsecret/secret.h', codeServerBuild: true },
];

function onPath(command) {
  if (command.includes('/')) return isExecutable(command);
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, command)));
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

const log = (line) => console.log(`setup: ${line}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], ...options });
  return result.status ?? 1;
}

/** The line to print when the user must act, and the exit code: thrown, so callers print it and nothing else. */
class SetupNeedsUser extends Error {}

function codeServerCached() {
  const probe = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-code-server.sh'), '--cached'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim().split('\n').pop() : undefined;
}

/** 'plain' is the unit and core tiers alone: Node and the simulator's ffmpeg, no browser and no code-server. */
const needsCodeServer = (purpose) => purpose !== 'plain';

const isPresent = (machinePackage) => (machinePackage.command ? onPath(machinePackage.command) : existsSync(machinePackage.file));

function missingPackages(purpose, { codeServerReady }) {
  return MACHINE_PACKAGES.filter((p) => (p.codeServerBuild ? needsCodeServer(purpose) && !codeServerReady : p.purposes.includes(purpose))).filter((p) => !isPresent(p));
}

function installCommand(names) {
  return `apt-get install -y --no-install-recommends ${names.join(' ')}`;
}

function installMachinePackages(missing, rerun) {
  const names = missing.map((p) => p.name);
  const debian = existsSync('/etc/debian_version') && isExecutable('/usr/bin/apt-get');
  const root = process.getuid?.() === 0;
  // CI machines that run as a user with password-less sudo (as .ci/run always allowed); a person is asked instead.
  const ciSudo = !root && process.env.CI === 'true' && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (debian && (root || ciSudo)) {
    log(`installing machine packages with apt: ${names.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', PATH: `${process.env.PATH ?? ''}:/usr/sbin:/usr/bin:/sbin:/bin` };
    const apt = (args) => (root ? run('/usr/bin/apt-get', args, { env }) : run('sudo', ['-E', '/usr/bin/apt-get', ...args], { env }));
    if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', '--no-install-recommends', ...names]) !== 0) {
      throw new SetupNeedsUser(`setup: apt-get could not install ${names.join(' ')}; run \`${installCommand(names)}\` and then \`${rerun}\` again.`);
    }
    const still = missing.filter((p) => !isPresent(p));
    if (still.length) throw new SetupNeedsUser(`setup: installed ${names.join(' ')}, but ${still.map((p) => p.command ?? p.file).join(', ')} is still not found; put it on PATH and run \`${rerun}\` again.`);
    return;
  }
  if (debian) throw new SetupNeedsUser(`setup: missing machine packages; run \`sudo ${installCommand(names)}\` and then \`${rerun}\` again.`);
  const what = missing.map((p) => (p.command ? `${p.name} (${p.command})` : p.name)).join(', ');
  throw new SetupNeedsUser(`setup: missing ${what}; install them with your system's package manager and run \`${rerun}\` again.`);
}

function nodeModulesCurrent() {
  const installed = path.join(REPO_ROOT, 'node_modules', '.package-lock.json');
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync(path.join(REPO_ROOT, 'package-lock.json')).mtimeMs;
}

/**
 * Makes the machine and the clone ready for `purpose` ('test', 'demo', or 'plain' for the unit and core tiers); returns the code-server folder, which it
 * also puts in CODE_SERVER_HOME for the processes started afterwards. Throws SetupNeedsUser when only the user can help.
 */
function setUp(purpose, rerun = purpose === 'demo' ? 'npm run demo' : 'npm test') {
  // Native builds (code-server's modules) against the machine's own Node headers: nothing to download.
  if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) process.env.npm_config_nodedir = '/usr';
  let codeServerHome = needsCodeServer(purpose) ? codeServerCached() : undefined;
  const missing = missingPackages(purpose, { codeServerReady: codeServerHome !== undefined });
  if (missing.length) installMachinePackages(missing, rerun);
  else log('machine packages present');

  if (nodeModulesCurrent()) log('node_modules matches package-lock.json');
  else {
    log('node_modules is missing or older than package-lock.json: npm ci');
    if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) throw new Error('npm ci failed (its output is above)');
  }

  if (!needsCodeServer(purpose)) return undefined;
  if (!codeServerHome) {
    log('building code-server into the cache (once per machine, a few minutes)');
    const built = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'install-code-server.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (built.status !== 0) throw new Error('building code-server failed (its output is above)');
    codeServerHome = built.stdout.trim().split('\n').pop();
  }
  log(`code-server: ${codeServerHome}`);
  process.env.CODE_SERVER_HOME = codeServerHome;
  return codeServerHome;
}

/** Runs setUp and turns what it throws into one line and an exit code, never a stack trace. */
export function setUpOrExit(purpose, rerun) {
  try {
    return setUp(purpose, rerun);
  } catch (error) {
    if (error instanceof SetupNeedsUser) {
      console.log(error.message);
      process.exit(NEEDS_USER);
    }
    console.log(`setup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  setUpOrExit(process.argv[2] === 'demo' ? 'demo' : 'test');
}
