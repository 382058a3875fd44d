import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodePng } from '../support/fixtures/png';

/**
 * A throw-away workspace with two frames and a text file, as a user's folder would have. With `name`, the folder
 * the workbench shows is called that (inside a fresh temporary folder) instead of a random one.
 */
export async function makeSampleWorkspace(prefix = 'wk-ws-', name?: string): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), prefix));
  const root = name ? path.join(scratch, name) : scratch;
  await mkdir(path.join(root, 'shots'), { recursive: true });
  await writeFile(path.join(root, 'shots', 'dawn.png'), encodePng({ width: 480, height: 320, from: [20, 30, 90], to: [250, 170, 60] }));
  await writeFile(path.join(root, 'shots', 'dusk.png'), encodePng({ width: 480, height: 320, from: [250, 120, 40], to: [40, 10, 60] }));
  await writeFile(path.join(root, 'shots', 'notes.txt'), 'Shot list: dawn → dusk\n');
  return root;
}
