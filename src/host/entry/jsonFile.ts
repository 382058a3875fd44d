import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * A small JSON file the extension host writes itself. Mementos and webview state are flushed by the workbench
 * lazily (VS Code for the Web writes them to the browser's storage every few seconds, and a reload can drop the
 * last of them); a file written here is on disk at once. Writes are chained so an older value never lands after a
 * newer one, and each is atomic (temp file + rename). A failed write is the caller's to report: nothing is swallowed.
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

  /** Writes `value`; rejects when it could not (a full disk, a read-only folder), and the next write still runs. */
  write(value: unknown): Promise<void> {
    const attempt = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, this.file);
    });
    this.writing = attempt.catch(() => undefined);
    return attempt;
  }
}
