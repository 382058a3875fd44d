import * as path from 'node:path';

/** The repository root, found from the compiled file's place in out/test/harness. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
