import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');

/** The source lines that broke a layer rule. */
async function restrictedImports(file: string, source: string): Promise<number[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  const lines = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.line);
  return [...new Set(lines)];
}

describe('layer rules (eslint)', () => {
  it('forbids vscode in src/core', async () => {
    assert.equal((await restrictedImports('src/core/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).length, 1);
  });
  it('forbids vscode and Node modules in src/shared', async () => {
    const source = "import * as vscode from 'vscode';\nimport { readFile } from 'node:fs/promises';\nimport * as os from 'os';\nexport const x = [vscode, readFile, os];\n";
    assert.equal((await restrictedImports('src/shared/probe.ts', source)).length, 3);
  });
  it('forbids Node modules and undici in src/webview', async () => {
    const source = "import * as path from 'path';\nimport { request } from 'undici';\nexport const x = [path, request];\n";
    assert.equal((await restrictedImports('src/webview/probe.ts', source)).length, 2);
  });
  it('lets the host use both', async () => {
    const source = "import * as vscode from 'vscode';\nimport * as path from 'node:path';\nexport const x = [vscode, path];\n";
    assert.deepEqual(await restrictedImports('src/host/engine/probe.ts', source), []);
  });
  it('keeps zod, undici, the API client and the engine out of the start-up bundle (types aside)', async () => {
    const source = [
      "import { z } from 'zod';",
      "import { request } from 'undici';",
      "import { DashScopeClient } from '../../core/api/client';",
      "import { createEngine } from '../engine/engine';",
      "import type { Dispatcher } from 'undici';",
      "import type { Engine } from '../engine/engine';",
      "import * as vscode from 'vscode';",
      'export const x = [z, request, DashScopeClient, createEngine, vscode];',
      'export type T = [Dispatcher, Engine];',
    ].join('\n');
    assert.deepEqual(await restrictedImports('src/host/entry/probe.ts', source), [1, 2, 3, 4]);
    assert.deepEqual(await restrictedImports('src/extension.ts', "import { z } from 'zod';\nexport const x = z;\n"), [1]);
  });
});
