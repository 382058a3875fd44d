import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO } from '../support/files';

const run = promisify(execFile);

/**
 * A minimal Simplified Chinese language pack for VS Code. Without one, VS Code resolves any display language
 * to English and extensions never see zh-cn; the real pack comes from a marketplace these machines cannot
 * reach. Its core translations are empty (the workbench stays English); what it proves is our own zh-cn strings.
 */
export async function chineseLanguagePack(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wk-langpack-'));
  const vsix = path.join(dir, 'zh-hans-test-pack.vsix');
  if (existsSync(vsix)) return vsix;
  await mkdir(path.join(dir, 'pack', 'translations'), { recursive: true });
  await writeFile(
    path.join(dir, 'pack', 'package.json'),
    JSON.stringify({
      name: 'test-language-pack-zh-hans',
      displayName: 'Test language pack (zh-cn)',
      publisher: 'wan-keyframes-tests',
      version: '1.99.0',
      license: 'MIT',
      engines: { vscode: '^1.99.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [{ languageId: 'zh-cn', languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)', translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
      },
    }),
  );
  await writeFile(path.join(dir, 'pack', 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  await writeFile(path.join(dir, 'pack', 'README.md'), 'A test fixture: an empty zh-cn language pack.\n');
  await writeFile(path.join(dir, 'pack', 'LICENSE'), 'MIT\n');
  const vsce = path.join(REPO, 'node_modules', '.bin', 'vsce');
  await run(vsce, ['package', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: path.join(dir, 'pack') });
  return vsix;
}
