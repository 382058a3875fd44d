import { constants } from 'node:fs';
import { access, copyFile, link, unlink } from 'node:fs/promises';
import * as path from 'node:path';

const MAX_STEM = 80;

/** A file-name stem safe on Windows, macOS and Linux: no separators, reserved characters or trailing dots. */
export function safeStem(name: string): string {
  const stem = path.basename(name).replace(/\.[^.]+$/, '');
  const cleaned = stem
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/[. ]+$/, '')
    .trim();
  const clipped = [...cleaned].slice(0, MAX_STEM).join('');
  return clipped === '' || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(clipped) ? `frame_${clipped}` : clipped;
}

/**
 * The base name of a result: `<first>-to-<last>` by default, or a template with {first}, {last}, {model}, {date}
 * and {time}.
 */
export function videoBaseName(firstPath: string, lastPath: string, template = '{first}-to-{last}', model = '', now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const values: Record<string, string> = {
    first: safeStem(firstPath),
    last: safeStem(lastPath),
    model,
    date: `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`,
    time: `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`,
  };
  const filled = template.replace(/\{(first|last|model|date|time)\}/g, (_, key: string) => values[key] ?? '');
  return safeStem(`${filled}.mp4`);
}

export function candidateName(base: string, index: number): string {
  return index === 1 ? base : `${base}-${index}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Moves a finished `.part` file to the first free `<base>.mp4`, `<base>-2.mp4`, … whose sidecar name is free too.
 * A hard link fails when the target exists, so a file that appears meanwhile is never overwritten; file systems
 * without hard links fall back to an exclusive copy.
 */
export async function publishFile(partPath: string, directory: string, base: string, extension = '.mp4', companions: string[] = ['.json']): Promise<{ path: string; name: string }> {
  for (let index = 1; index < 10_000; index++) {
    const name = candidateName(base, index);
    const target = path.join(directory, `${name}${extension}`);
    if (await exists(target)) continue;
    let taken = false;
    for (const companion of companions) taken ||= await exists(path.join(directory, `${name}${companion}`));
    if (taken) continue;
    try {
      await link(partPath, target);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      try {
        await copyFile(partPath, target, constants.COPYFILE_EXCL);
      } catch (copyError) {
        if ((copyError as { code?: string }).code === 'EEXIST') continue;
        throw copyError;
      }
    }
    await unlink(partPath);
    return { path: target, name };
  }
  throw new Error(`no free file name for ${base}${extension} in ${directory}`);
}
