import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { type FormValues, FormValuesSchema } from '../shared/protocol';

/**
 * The form as the user left it, in a small file under the extension's workspace storage. Mementos and webview
 * state are flushed by the workbench lazily, and a browser reload of VS Code for the Web can drop the last
 * seconds of them; a file written by the extension host is on disk at once.
 */
export class FormStore {
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(storage: vscode.Uri) {
    this.file = path.join(storage.fsPath, 'form.json');
  }

  async load(): Promise<FormValues | undefined> {
    try {
      return FormValuesSchema.safeParse(JSON.parse(await readFile(this.file, 'utf8'))).data;
    } catch {
      return undefined;
    }
  }

  save(values: FormValues): Promise<void> {
    // Writes are chained so an older form never lands after a newer one; each is atomic (temp file + rename).
    this.writing = this.writing.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(values));
      await rename(temp, this.file);
    }).catch(() => undefined);
    return this.writing;
  }
}
