import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../support/files';

const SRC = path.join(REPO, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const relative = (file: string) => path.relative(REPO, file).split(path.sep).join('/');
const SOURCES = tsFiles(SRC).map((file) => ({ file, rel: relative(file), text: readFileSync(file, 'utf8') }));

/** Every relative import of a module (values and types), resolved to a file under src/. */
function importsOf(source: { file: string; text: string }, valuesOnly = false): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'(\.[^']+)'|require\('(\.[^']+)'\)/g;
  for (const match of source.text.matchAll(pattern)) {
    const typeOnly = Boolean(match[2]) || /^\s*import\s+type\b/.test(match[0]);
    if (valuesOnly && typeOnly) continue;
    const target = path.resolve(path.dirname(source.file), (match[3] ?? match[4]) as string);
    for (const candidate of [`${target}.ts`, path.join(target, 'index.ts')]) if (existsSync(candidate)) found.push(candidate);
  }
  return found;
}

describe('the shape of src/', () => {
  it('no file over 300 lines (one concept per file)', () => {
    const long = SOURCES.map((source) => [source.rel, source.text.split('\n').length] as const).filter(([, lines]) => lines > 300);
    assert.deepEqual(long, []);
  });

  it('no import cycle, counting type imports too', () => {
    const graph = new Map(SOURCES.map((source) => [source.file, importsOf(source)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((item) => relative(item)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('the API\'s role names are spelled in one module (shared/mediaRoles.ts)', () => {
    const spelled = SOURCES.filter((source) => /first_frame|last_frame|driving_audio|first_clip/.test(source.text)).map((source) => source.rel);
    assert.deepEqual(spelled, ['src/shared/mediaRoles.ts']);
    const oldRoles = SOURCES.filter((source) => /'first' \| 'last'|type Role =|FrameSelection/.test(source.text)).map((source) => source.rel);
    assert.deepEqual(oldRoles, []);
  });
});

/**
 * Files that run only with VS Code or in a browser page, and the test that exercises each there: they are not loaded
 * in plain Node, so test/unit cannot hold their test.
 */
const COVERED_ELSEWHERE: Record<string, string> = {
  'src/host/entry/storyboardEditorProvider.ts': 'test/e2e/storyboardEditor.e2e.test.ts',
  'src/host/engine/storyboardEditor/editorSession.ts': 'test/e2e/storyboardEditor.e2e.test.ts',
  'src/webview/storyboard/main.ts': 'test/e2e/storyboardEditor.e2e.test.ts',
  'src/webview/storyboard/storyboardEditor.ts': 'test/e2e/storyboardEditor.e2e.test.ts',
  'src/webview/storyboard/frameCard.ts': 'test/e2e/storyboardEditor.e2e.test.ts',
  'src/webview/storyboard/segmentPanel.ts': 'test/e2e/storyboardEditor.e2e.test.ts',
  'src/extension.ts': 'test/integration/activation.test.ts',
  'src/cli/index.ts': 'test/core/cli/generate.test.ts',
  'src/host/engine/engine.ts': 'test/e2e/generate.e2e.test.ts',
  'src/host/engine/settings.ts': 'test/e2e/generate.e2e.test.ts',
  'src/host/engine/workspaceCommand.ts': 'test/e2e/wan3.e2e.test.ts',
  'src/host/engine/jobs/errorActionRunner.ts': 'test/e2e/wan3.e2e.test.ts',
  'src/host/engine/jobs/jobViews.ts': 'test/e2e/generate.e2e.test.ts',
  'src/host/engine/jobs/notifications.ts': 'test/e2e/generate.e2e.test.ts',
  'src/host/engine/jobs/statusBar.ts': 'test/e2e/generate.e2e.test.ts',
  'src/host/engine/panel/formDefaults.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/engine/panel/formModel.ts': 'test/e2e/restart.e2e.test.ts',
  'src/host/engine/panel/generate.ts': 'test/e2e/generate.e2e.test.ts',
  'src/host/engine/panel/imageUrlPrompt.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/engine/panel/inputFacts.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/engine/panel/panel.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/engine/panel/panelHtml.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/engine/panel/panelStrings.ts': 'test/e2e/chinese.e2e.test.ts',
  'src/host/engine/panel/resourceRoots.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/entry/activeImage.ts': 'test/e2e/explorer.e2e.test.ts',
  'src/host/entry/commands.ts': 'test/integration/activation.test.ts',
  'src/host/entry/frameCommands.ts': 'test/e2e/explorer.e2e.test.ts',
  'src/host/entry/inputSelection.ts': 'test/e2e/restart.e2e.test.ts',
  'src/host/entry/keyCommands.ts': 'test/e2e/apiKey.e2e.test.ts',
  'src/host/entry/log.ts': 'test/e2e/generate.e2e.test.ts',
  'src/host/entry/secrets.ts': 'test/e2e/apiKey.e2e.test.ts',
  'src/host/entry/walkthrough.ts': 'test/e2e/walkthrough.e2e.test.ts',
  'src/host/engine/panel/formReading.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/engine/panel/inputPickers.ts': 'test/e2e/panel.e2e.test.ts',
  'src/host/engine/panel/promptHistory.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/takes/frameSaver.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/takes/panelTakes.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/takes/replayTake.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/takes/takeActions.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/takes/takeLibrary.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/takes/takeViews.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/takes/takesFeed.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/entry/verdictDecorations.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/entry/videoCommands.ts': 'test/e2e/takes.e2e.test.ts',
  'src/webview/takes/compareView.ts': 'test/e2e/takes.e2e.test.ts',
  'src/webview/takes/extractView.ts': 'test/e2e/takes.e2e.test.ts',
  'src/webview/takes/takeCard.ts': 'test/e2e/takes.e2e.test.ts',
  'src/webview/batchCard.ts': 'test/e2e/takes.e2e.test.ts',
  'src/host/engine/panel/continuation.ts': 'test/e2e/film.e2e.test.ts',
  'src/host/engine/storyboards/storyboards.ts': 'test/e2e/film.e2e.test.ts',
  'src/host/entry/storyboardCommands.ts': 'test/e2e/film.e2e.test.ts',
  'src/webview/formView.ts': 'test/e2e/panel.e2e.test.ts',
  'src/webview/jobCard.ts': 'test/e2e/generate.e2e.test.ts',
  'src/webview/main.ts': 'test/e2e/fuzz.e2e.test.ts',
  'src/webview/panel.ts': 'test/e2e/panel.e2e.test.ts',
};

/** A file with no function, arrow or class is declarations only (schemas, tables, types): nothing to run. */
const hasLogic = (text: string) => /\bfunction\b|=>|\bclass\b/.test(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''));

describe('test/unit mirrors src/', () => {
  const bySource = new Map(SOURCES.map((source) => [source.file, source]));
  /** Needs VS Code or a page at run time: it imports vscode or lit, itself or through what it imports (types aside). */
  const needsHost = new Map<string, boolean>();
  const hosted = (file: string, seen = new Set<string>()): boolean => {
    if (needsHost.has(file)) return needsHost.get(file) as boolean;
    if (seen.has(file)) return false;
    seen.add(file);
    const source = bySource.get(file);
    if (!source) return false;
    const direct = /^import (?!type\b)[^;]*from '(vscode|lit[^']*|@vscode-elements[^']*)';/m.test(source.text) || /^import '@vscode-elements/m.test(source.text);
    const result = direct || importsOf(source, true).some((next) => hosted(next, seen));
    needsHost.set(file, result);
    return result;
  };

  it('every file with logic that runs in plain Node has test/unit/<same path>.test.ts', () => {
    const missing = SOURCES.filter((source) => hasLogic(source.text) && !hosted(source.file) && !COVERED_ELSEWHERE[source.rel])
      .map((source) => source.rel)
      .filter((rel) => !existsSync(path.join(REPO, 'test', 'unit', rel.replace(/^src\//, '').replace(/\.ts$/, '.test.ts'))));
    assert.deepEqual(missing, []);
  });

  it('every file that needs VS Code or a page names the test that runs it there, and that test exists', () => {
    const hostedFiles = SOURCES.filter((source) => hasLogic(source.text) && hosted(source.file)).map((source) => source.rel);
    const unnamed = hostedFiles.filter((rel) => !COVERED_ELSEWHERE[rel] && !existsSync(path.join(REPO, 'test', 'unit', rel.replace(/^src\//, '').replace(/\.ts$/, '.test.ts'))));
    assert.deepEqual(unnamed, []);
    for (const [rel, test] of Object.entries(COVERED_ELSEWHERE)) {
      assert.ok(existsSync(path.join(REPO, rel)), `${rel} exists`);
      assert.ok(existsSync(path.join(REPO, test)), `${test} exists`);
    }
  });

  it('no unit test is left without its file', () => {
    const orphans = tsFiles(path.join(REPO, 'test', 'unit'))
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => path.relative(path.join(REPO, 'test', 'unit'), file).split(path.sep).join('/'))
      .filter((rel) => !existsSync(path.join(SRC, rel.replace(/\.test\.ts$/, '.ts'))));
    assert.deepEqual(orphans, []);
  });
});
