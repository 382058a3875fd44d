import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');

/**
 * A newcomer without the machine packages: a PATH holding only node, a fresh HOME (no code-server in the cache) and,
 * when these tests run as root, the unprivileged `nobody` user, so apt is not an option and the set-up must say
 * what to run instead of installing it.
 */
describe('set-up on a machine without its packages, as a user who cannot install them', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'wk-setup-'));
  const bin = path.join(scratch, 'bin');
  // A clone of what runs before any dependency exists (the scripts and the manifests), where `nobody` may read it:
  // the real checkout can sit in a folder only its owner enters.
  const clone = path.join(scratch, 'clone');
  mkdirSync(bin);
  mkdirSync(path.join(scratch, 'home'));
  mkdirSync(path.join(clone, 'scripts'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(root, file), path.join(clone, file));
  for (const file of readdirSync(path.join(root, 'scripts'))) copyFileSync(path.join(root, 'scripts', file), path.join(clone, 'scripts', file));
  symlinkSync(process.execPath, path.join(bin, 'node'));
  chmodSync(scratch, 0o755);
  chmodSync(path.join(scratch, 'home'), 0o777);
  after(() => rmSync(scratch, { recursive: true, force: true }));
  const asRoot = process.getuid?.() === 0;

  function run(script: string, args: string[] = []) {
    return spawnSync(path.join(bin, 'node'), [path.join(clone, 'scripts', script), ...args], {
      cwd: clone,
      encoding: 'utf8',
      env: { PATH: bin, HOME: path.join(scratch, 'home') },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
  }

  function assertOneLineInstruction(result: ReturnType<typeof run>, rerun: string) {
    assert.equal(result.status, 2, `exit code 2 (stdout: ${result.stdout}, stderr: ${result.stderr})`);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.length, 1, `one line: ${result.stdout}`);
    assert.equal(result.stderr.trim(), '', 'nothing on stderr, no stack trace');
    const line = lines[0] as string;
    if (existsSync('/etc/debian_version')) {
      const command = /run `sudo apt-get install -y --no-install-recommends ([a-z0-9 .+-]+)` and then `(.+)` again\.$/.exec(line);
      assert.ok(command, line);
      const packages = (command[1] as string).split(' ');
      for (const needed of ['chromium', 'ffmpeg', 'ripgrep']) assert.ok(packages.includes(needed), `${needed} in ${line}`);
      assert.equal(command[2], rerun);
    } else {
      assert.match(line, /install them with your system's package manager/);
    }
    return line;
  }

  it('`npm test` prints the one apt command to run and exits 2', () => {
    const line = assertOneLineInstruction(run('test-all.mjs'), 'npm test');
    assert.ok(line.includes('unzip'), 'the tests also need unzip (the package check lists the .vsix)');
  });

  it('`npm run demo -- --check` does the same, asking only for what the demo needs', () => {
    const line = assertOneLineInstruction(run('demo.mjs', ['--check']), 'npm run demo -- --check');
    assert.ok(!line.includes('unzip') && !line.includes('fonts-wqy-zenhei'), line);
  });
});
