import { randomBytes } from 'node:crypto';
import { link, lstat, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type Written<T> = { kind: 'written'; value: T } | { kind: 'target-exists' };

/** File systems without hard links (FAT, some network shares) answer link() with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Writes a new file at `target` through a hidden temporary file beside it, published only once `write` has finished:
 * a crash or an error leaves nothing at `target` (at most a `.…partial` file), and a file already at `target` — or
 * one that appears there meanwhile — is never replaced. The temporary file is always removed.
 */
export async function writeBeside<T>(target: string, write: (temporary: string) => Promise<T>): Promise<Written<T>> {
  if (await exists(target)) return { kind: 'target-exists' };
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const value = await write(temporary);
    return (await publish(temporary, target)) ? { kind: 'written', value } : { kind: 'target-exists' };
  } finally {
    await rm(temporary, { force: true });
  }
}

/** A hard link is an atomic "create only if absent"; rename is the fallback where links are not offered. */
async function publish(temporary: string, target: string): Promise<boolean> {
  try {
    await link(temporary, target);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
    if (await exists(target)) return false;
    await rename(temporary, target);
    return true;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return false;
    throw error;
  }
}
