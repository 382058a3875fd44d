import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Makes a folder refuse new files, even for root (CI runs as root, and root ignores mode bits: the immutable
 * attribute it is). Returns the undo.
 */
export async function makeReadOnly(dir: string): Promise<() => Promise<void>> {
  if (process.getuid?.() !== 0) {
    await chmod(dir, 0o555);
    return () => chmod(dir, 0o755);
  }
  await run('chattr', ['+i', dir]);
  return async () => {
    await run('chattr', ['-i', dir]);
  };
}
