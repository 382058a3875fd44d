import { lstat, stat } from 'node:fs/promises';

export type PathKind = 'file' | 'folder' | 'other' | 'missing';

/**
 * What is at a path, following links: a file, a folder, something else (a device, a link to nothing, a path this
 * cannot look at), or nothing at all. A link to nothing is not "missing": a new file cannot be published there.
 */
export async function pathKind(file: string): Promise<PathKind> {
  try {
    const info = await stat(file);
    return info.isFile() ? 'file' : info.isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return 'other';
    return lstat(file).then(
      () => 'other',
      () => 'missing',
    );
  }
}
