import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { COMMAND_IDS, CONTEXT_ONLY_COMMANDS } from '../../src/shared/commandIds';

const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const manifest = read('package.json');
const nlsEn = read('package.nls.json') as Record<string, string>;
const nlsZh = read('package.nls.zh-cn.json') as Record<string, string>;
const l10nZh = read('l10n/bundle.l10n.zh-cn.json') as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('package.json', () => {
  it('contributes exactly the command ids the code registers', () => {
    const contributed = (manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command);
    assert.deepEqual([...contributed].sort(), [...COMMAND_IDS].sort());
  });

  it('hides context-only commands from the Command Palette', () => {
    const hidden = (manifest.contributes.menus.commandPalette as Array<{ command: string; when: string }>)
      .filter((entry) => entry.when === 'false')
      .map((entry) => entry.command);
    assert.deepEqual([...hidden].sort(), [...CONTEXT_ONLY_COMMANDS].sort());
  });

  it('shows the video entries only for mp4 and mov, in any case, never on a folder', () => {
    const videoCommands = new Set(['wanKeyframes.extractFrame', 'wanKeyframes.continueVideo']);
    const entries = (manifest.contributes.menus['explorer/context'] as Array<{ command: string; when: string; group: string }>).filter((entry) => videoCommands.has(entry.command));
    assert.ok(entries.some((entry) => entry.command === 'wanKeyframes.extractFrame'));
    for (const entry of entries) {
      assert.match(entry.when, /!explorerResourceIsFolder/);
      const literal = /resourceExtname =~ \/(.+)\/(\w*)/.exec(entry.when);
      assert.ok(literal, `${entry.command} filters by extension`);
      const pattern = new RegExp(literal[1] as string, literal[2]);
      for (const ok of ['.mp4', '.MP4', '.mov']) assert.ok(pattern.test(ok), `${entry.command} ${ok}`);
      for (const no of ['.png', '.mkv', '.mp4x', '.json']) assert.ok(!pattern.test(no), `${entry.command} ${no}`);
    }
  });

  it('shows Explorer entries only for png, jpg, jpeg, webp and bmp, in any case', () => {
    const notForImages = new Set(['wanKeyframes.setDrivingAudio', 'wanKeyframes.extractFrame', 'wanKeyframes.continueVideo', 'wanKeyframes.generateStoryboard', 'wanKeyframes.joinStoryboard']);
    const entries = (manifest.contributes.menus['explorer/context'] as Array<{ command: string; when: string; group: string }>).filter((entry) => !notForImages.has(entry.command));
    assert.deepEqual(entries.map((entry) => entry.command).sort(), ['wanKeyframes.generateFromSelection', 'wanKeyframes.newStoryboard', 'wanKeyframes.setFirstFrame', 'wanKeyframes.setLastFrame']);
    for (const entry of entries) {
      assert.match(entry.group, /^7_wanKeyframes@\d$/);
      const literal = /resourceExtname =~ \/(.+)\/(\w*)/.exec(entry.when);
      assert.ok(literal, `${entry.command} filters by extension`);
      const pattern = new RegExp(literal[1] as string, literal[2]);
      for (const ok of ['.png', '.PNG', '.jpg', '.Jpeg', '.webp', '.BMP']) assert.ok(pattern.test(ok), `${entry.command} ${ok}`);
      for (const no of ['.gif', '.txt', '.tiff', '.pngx', '.svg']) assert.ok(!pattern.test(no), `${entry.command} ${no}`);
    }
    const generate = entries.find((entry) => entry.command === 'wanKeyframes.generateFromSelection');
    assert.match(generate?.when ?? '', /listDoubleSelection/);
    assert.match(entries.find((entry) => entry.command === 'wanKeyframes.newStoryboard')?.when ?? '', /listMultiSelection/);
  });

  it('keeps endpoint settings out of workspaces', () => {
    const properties = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
    assert.equal(properties['wanKeyframes.baseUrl']?.scope, 'application');
    assert.equal(properties['wanKeyframes.region']?.scope, 'application');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('wanKeyframes.baseUrl'));
  });

  it('targets the VS Code the tests run in', () => {
    assert.equal(manifest.engines.vscode, '^1.99.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.99.0');
  });
});

describe('localisation', () => {
  it('has every %key% of package.json in English and Chinese', () => {
    const keys = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((match) => match[1] as string);
    assert.ok(keys.length > 10);
    for (const key of keys) {
      assert.ok(nlsEn[key], `package.nls.json lacks ${key}`);
      assert.ok(nlsZh[key], `package.nls.zh-cn.json lacks ${key}`);
    }
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nlsEn).sort());
  });

  it('translates every runtime string passed to vscode.l10n.t', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(path.join(root, 'src'))) {
      const text = readFileSync(file, 'utf8');
      // vscode.l10n.t('…') directly, or through `const t = vscode.l10n.t` in the same file.
      const pattern = /const t = vscode\.l10n\.t/.test(text) ? /(?:l10n\.t|\bt)\(\s*'((?:[^'\\]|\\.)*)'/g : /l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g;
      for (const match of text.matchAll(pattern)) {
        const message = (match[1] as string).replace(/\\'/g, "'");
        if (!l10nZh[message]) missing.push(`${path.relative(root, file)}: ${message}`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
