import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';
import { REPO } from '../support/files';

/** The rules a source file breaks, by the line and rule id. */
async function broken(file: string, source: string, rule: string): Promise<number[]> {
  const eslint = new ESLint({ cwd: REPO });
  const [result] = await eslint.lintText(source, { filePath: path.join(REPO, file) });
  return [...new Set((result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.line))];
}
const layers = (file: string, source: string) => broken(file, source, 'local/layers');
const restricted = (file: string, source: string) => broken(file, source, 'no-restricted-imports');

/** src/core, bottom to top, as eslint-layers.mjs orders it. */
const CORE = ['base', 'errors', 'catalog', 'net', 'media', 'inputs', 'service', 'delivery', 'output', 'job', 'storyboard'];

describe('each folder of src/ imports only the folders below it (eslint-layers.mjs)', () => {
  it('every core folder may import the folders below it and itself, and no folder above it', async () => {
    for (const [index, folder] of CORE.entries()) {
      const below = CORE.slice(0, index + 1).map((other, line) => `import { a${line} } from '../${other}/x';`);
      assert.deepEqual(await layers(`src/core/${folder}/probe.ts`, below.join('\n')), [], `${folder} imports what is below it`);
      const above = CORE.slice(index + 1).map((other, line) => `import { b${line} } from '../${other}/x';`);
      if (above.length > 0) assert.equal((await layers(`src/core/${folder}/probe.ts`, above.join('\n'))).length, above.length, `${folder} imports nothing above it`);
    }
  });

  it('mediabunny is imported for its values only by core/media/mediabunnyExports.ts (its own lazy bundle), for types anywhere', async () => {
    const value = "import { Input } from 'mediabunny';\nexport const x = Input;\n";
    const types = "import type { Input } from 'mediabunny';\nexport type X = Input;\n";
    assert.deepEqual(await restricted('src/core/media/mediabunnyExports.ts', value), []);
    for (const file of ['src/core/media/mediaInfo.ts', 'src/core/storyboard/probe.ts', 'src/host/engine/takes/probe.ts', 'src/cli/probe.ts', 'src/extension.ts', 'src/webview/probe.ts']) {
      assert.deepEqual(await restricted(file, value), [1], `${file} may not take mediabunny's values`);
    }
    assert.deepEqual(await restricted('src/core/media/mediaInfo.ts', types), []);
  });

  it('shared imports only shared; core, cli and the engine may import it', async () => {
    assert.deepEqual(await layers('src/shared/probe.ts', "import { x } from '../core/base/clock';\nimport { y } from '../webview/format';\nimport { z } from './mediaRoles';\n"), [1, 2]);
    assert.deepEqual(await layers('src/core/base/probe.ts', "import { ROLE } from '../../shared/mediaRoles';\n"), []);
    assert.deepEqual(await layers('src/cli/probe.ts', "import { ROLE } from '../shared/mediaRoles';\nimport { startJob } from '../core/job/job';\n"), []);
  });

  it('the webview and the CLI never reach the host; the core never reaches the CLI', async () => {
    assert.deepEqual(await layers('src/webview/probe.ts', "import { x } from '../host/engine/panel/panel';\nimport { y } from '../core/base/clock';\n"), [1, 2]);
    assert.deepEqual(await layers('src/cli/probe.ts', "import { x } from '../host/engine/jobs/jobManager';\n"), [1]);
    assert.deepEqual(await layers('src/core/job/probe.ts', "import { x } from '../../cli/main';\n"), [1]);
  });

  it('the start-up bundle imports the engine and the core by their types only', async () => {
    const source = ["import type { Engine } from '../engine/engine';", "import type { JobRecord } from '../../core/job/jobRecord';", "import { createEngine } from '../engine/engine';", "import { readRecord } from '../../core/job/storedRecord';"].join('\n');
    assert.deepEqual(await layers('src/host/entry/probe.ts', source), [3, 4]);
    assert.deepEqual(await layers('src/extension.ts', "import { x } from './host/engine/engine';\nimport type { Engine } from './host/engine/engine';\n"), [1]);
  });
});

describe('what each part may not depend on at all', () => {
  it('no vscode in src/core or src/shared; no Node module or undici in src/webview or src/shared', async () => {
    assert.deepEqual(await restricted('src/core/base/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n"), [1]);
    assert.deepEqual(await restricted('src/shared/probe.ts', "import * as vscode from 'vscode';\nimport { readFile } from 'node:fs/promises';\nimport * as os from 'os';\nexport const x = [vscode, readFile, os];\n"), [1, 2, 3]);
    assert.deepEqual(await restricted('src/webview/probe.ts', "import * as path from 'path';\nimport { request } from 'undici';\nexport const x = [path, request];\n"), [1, 2]);
    assert.deepEqual(await restricted('src/host/engine/probe.ts', "import * as vscode from 'vscode';\nimport * as path from 'node:path';\nexport const x = [vscode, path];\n"), []);
  });

  it('zod and undici stay out of the start-up bundle (types aside)', async () => {
    const source = ["import { z } from 'zod';", "import { request } from 'undici';", "import type { Dispatcher } from 'undici';", "export const x = [z, request];", 'export type T = Dispatcher;'].join('\n');
    assert.deepEqual(await restricted('src/host/entry/probe.ts', source), [1, 2]);
  });
});
