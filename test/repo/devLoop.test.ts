import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../support/files';

/** VS Code's JSON with comments, as launch.json and tasks.json are written. */
async function jsonc(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(path.join(REPO, file), 'utf8');
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as Record<string, unknown>;
}

describe('F5 starts an Extension Development Host', () => {
  it('launch.json runs this folder as an extension after the watch task, which the build marks for its problem matcher', async () => {
    const launch = (await jsonc('.vscode/launch.json')) as { configurations: Array<Record<string, unknown>> };
    const run = launch.configurations.find((configuration) => configuration.type === 'extensionHost');
    assert.ok(run, 'an extensionHost configuration');
    assert.equal(run.request, 'launch');
    assert.ok((run.args as string[]).includes('--extensionDevelopmentPath=${workspaceFolder}'));
    const tasks = (await jsonc('.vscode/tasks.json')) as { tasks: Array<Record<string, unknown>> };
    const watch = tasks.tasks.find((task) => task.label === run.preLaunchTask);
    assert.ok(watch, `the pre-launch task ${String(run.preLaunchTask)} exists`);
    assert.equal(watch.type, 'npm');
    assert.equal(watch.isBackground, true);
    assert.equal(watch.problemMatcher, '$esbuild-watch');
    const manifest = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string>; main: string };
    assert.match(manifest.scripts[watch.script as string] ?? '', /esbuild\.mjs --watch/);
    assert.ok((run.outFiles as string[]).some((glob) => glob.includes('dist')) && manifest.main.startsWith('./dist/'), 'the debugger maps the bundles it runs');
    const build = await readFile(path.join(REPO, 'esbuild.mjs'), 'utf8');
    assert.ok(build.includes("'[watch] build started'") && build.includes('[watch] build finished'), 'the watch build prints what $esbuild-watch waits for');
    const recommended = ((await jsonc('.vscode/extensions.json')) as { recommendations: string[] }).recommendations;
    assert.ok(recommended.includes('connor4312.esbuild-problem-matchers'), 'the extension that defines $esbuild-watch is recommended');
  });
});
