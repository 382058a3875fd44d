import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from the compiled file's place in out/test/harness. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

/** The ids of the Get Started walkthrough's steps, in order, as package.json contributes them. */
export function walkthroughStepIds(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { walkthroughs: Array<{ steps: Array<{ id: string }> }> } };
  return manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => step.id));
}
