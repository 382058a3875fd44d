import { readFileSync } from 'node:fs';
import * as path from 'node:path';

import { REPO } from '../support/files';

/** The ids of the Get Started walkthrough's steps, in order, as package.json contributes them. */
export function walkthroughStepIds(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { walkthroughs: Array<{ steps: Array<{ id: string }> }> } };
  return manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => step.id));
}
