import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { REPO } from '../support/files';

/**
 * One-line breaks of the rules the product stands on. Each must make the named unit test fail: a test that still
 * passes with its rule broken is not guarding it.
 */
const MUTANTS = [
  {
    name: 'lifecycle: an abort without a task is a stop too',
    file: 'src/core/job/lifecycle.ts',
    find: "if (error.kind === 'aborted' && record.taskId) return ended('stopped', error);",
    replace: "if (error.kind === 'aborted') return ended('stopped', error);",
    test: 'test/unit/core/job/lifecycle.test.ts',
    fails: 'aborted before any task → failed (nothing to resume)',
  },
  {
    name: 'create gate: a lane does not wait for the create before it',
    file: 'src/core/service/createGate.ts',
    find: 'const before = this.lanes.get(lane) ?? Promise.resolve();',
    replace: 'const before = Promise.resolve();',
    test: 'test/unit/core/service/createGate.test.ts',
    fails: 'a second create of the same lane waits until the first settles; another lane does not wait',
  },
  {
    name: 'take reader: input paths are not resolved against the take\'s folder',
    file: 'src/core/output/takeReader.ts',
    find: '{ ...input, path: path.resolve(folder, input.path) }',
    replace: '{ ...input, path: input.path }',
    test: 'test/unit/core/output/takeReader.test.ts',
    fails: 'a version-2 take: its video and inputs resolved against its own folder, URLs as they are',
  },
  {
    name: 'form state: a problem in an input does not turn Generate off',
    file: 'src/host/engine/panel/formState.ts',
    find: ': inputProblems || problems.length > 0 ?',
    replace: ': problems.length > 0 ?',
    test: 'test/unit/host/engine/panel/formState.test.ts',
    fails: 'a problem in an input, in the form or with the endpoint turns it off, before the key',
  },
] as const;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Transpiles the code and the unit tests with one line of `file` replaced, runs the one test file, returns its report. */
async function runMutant(mutant: (typeof MUTANTS)[number], index: number): Promise<{ code: number; output: string }> {
  const out = path.join(REPO, `out-mutant-${index}`);
  rmSync(out, { recursive: true, force: true });
  const target = path.join(REPO, mutant.file);
  const original = readFileSync(target, 'utf8');
  assert.equal(original.split(mutant.find).length, 2, `${mutant.file} holds the line to break exactly once`);
  try {
    await esbuild.build({
      entryPoints: ['src', 'test/unit', 'test/support'].flatMap((dir) => tsFiles(path.join(REPO, dir))),
      outdir: out,
      outbase: REPO,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [
        {
          name: 'mutant',
          setup(build) {
            build.onLoad({ filter: /\.ts$/ }, (args) => (args.path === target ? { contents: original.replace(mutant.find, mutant.replace), loader: 'ts' } : undefined));
          },
        },
      ],
    });
    const compiled = path.join(out, mutant.test.replace(/\.ts$/, '.js'));
    return await new Promise((resolve) => {
      // A test run inside a test run reports to its parent unless it is told it is a run of its own.
      const { NODE_TEST_CONTEXT: _parent, ...env } = process.env;
      const child = spawn(process.execPath, ['--test', '--test-reporter=spec', compiled], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (code) => resolve({ code: code ?? 1, output }));
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('mutation checks: each rule broken by one line makes its test fail', { timeout: 120_000 }, () => {
  MUTANTS.forEach((mutant, index) => {
    it(mutant.name, async () => {
      const { code, output } = await runMutant(mutant, index);
      assert.notEqual(code, 0, `${mutant.test} still passes with ${mutant.file} broken`);
      assert.ok(output.includes(`✖ ${mutant.fails}`), `the failing test is “${mutant.fails}”:\n${output.slice(0, 3000)}`);
    });
  });
});
