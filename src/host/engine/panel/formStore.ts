import * as path from 'node:path';
import type * as vscode from 'vscode';
import { type FormValues, FormValuesSchema } from '../../../shared/protocol';
import { JsonFile } from '../../entry/jsonFile';

/** The form as the user left it, in a file under the extension's workspace storage (see JsonFile for why). */
export class FormStore {
  private readonly file: JsonFile;

  constructor(storage: vscode.Uri) {
    this.file = new JsonFile(path.join(storage.fsPath, 'form.json'));
  }

  async load(): Promise<FormValues | undefined> {
    return FormValuesSchema.safeParse(await this.file.read()).data;
  }

  save(values: FormValues): Promise<void> {
    return this.file.write(values);
  }
}
