import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the compiled file's place in out/test/harness. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/** The .vsix `npm run package` writes: vsce's default name, which carries the version. */
export function packagedVsix(): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
}
