import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * A small JSON file the extension host writes itself. Mementos and webview state are flushed by the workbench
 * lazily (VS Code for the Web writes them to the browser's storage every few seconds, and a reload can drop the
 * last of them); a file written here is on disk at once. Writes are chained so an older value never lands after a
 * newer one, and each is atomic (temp file + rename).
 */
export class JsonFile {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  async read(): Promise<unknown> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  write(value: unknown): Promise<void> {
    this.writing = this.writing
      .then(async () => {
        await mkdir(path.dirname(this.file), { recursive: true });
        const temp = `${this.file}.${process.pid}.tmp`;
        await writeFile(temp, JSON.stringify(value));
        await rename(temp, this.file);
      })
      .catch(() => undefined);
    return this.writing;
  }
}
