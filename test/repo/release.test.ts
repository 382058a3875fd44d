import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');

/** `npm version` as a maintainer runs it, in a scratch git repository holding this project's manifest and CHANGELOG. */
describe('npm version', () => {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'wk-release-'));
  after(() => rmSync(repo, { recursive: true, force: true }));
  mkdirSync(path.join(repo, 'scripts'));
  for (const file of ['package.json', 'package-lock.json', 'CHANGELOG.md', 'scripts/changelog-version.mjs']) copyFileSync(path.join(root, file), path.join(repo, file));
  const sh = (command: string, args: string[]) => spawnSync(command, args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  sh('git', ['init', '-q']);
  sh('git', ['add', '.']);
  sh('git', ['commit', '-q', '-m', 'start']);
  const current = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version as string;
  const [major, minor] = current.split('.').map(Number) as [number, number];
  const next = `${major}.${minor + 1}.0`;

  it('bumps the manifest and turns "Unreleased" into the version\'s heading, in one commit and tag', () => {
    const result = sh('npm', ['version', 'minor']);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version, next);
    assert.equal(JSON.parse(readFileSync(path.join(repo, 'package-lock.json'), 'utf8')).version, next);
    const changelog = readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8');
    const today = new Date().toISOString().slice(0, 10);
    assert.match(changelog, new RegExp(`^## \\[Unreleased\\]\\n\\n## \\[${next.replace(/\./g, '\\.')}\\] - ${today}\\n\\n### `, 'm'));
    assert.equal(changelog.match(/^## \[Unreleased\]/gm)?.length, 1);
    const committed = sh('git', ['show', '--name-only', '--format=%s', 'HEAD']).stdout.trim().split('\n');
    assert.equal(committed[0], next);
    for (const file of ['CHANGELOG.md', 'package.json', 'package-lock.json']) assert.ok(committed.includes(file), `${file} is in the version commit`);
    assert.equal(sh('git', ['tag', '--points-at', 'HEAD']).stdout.trim(), `v${next}`);
    assert.equal(sh('git', ['status', '--porcelain']).stdout.trim(), '', 'nothing left uncommitted');
  });

  it('refuses a release with nothing recorded under "Unreleased"', () => {
    const result = sh('npm', ['version', 'patch']);
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /nothing is recorded under "## \[Unreleased\]"/);
    assert.equal(sh('git', ['tag', '--list', `v${major}.${minor + 1}.1`]).stdout.trim(), '', 'no tag');
  });

  it('refuses a version the CHANGELOG already has', () => {
    sh('git', ['checkout', '-q', '--', '.']);
    const changelog = path.join(repo, 'CHANGELOG.md');
    writeFileSync(changelog, readFileSync(changelog, 'utf8').replace('## [Unreleased]\n', '## [Unreleased]\n\n### Fixed\n- something\n'));
    const result = spawnSync(process.execPath, ['scripts/changelog-version.mjs', 'CHANGELOG.md', next], { cwd: repo, encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`already has a section for ${next.replace(/\./g, '\\.')}`));
  });
});
