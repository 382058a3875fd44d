import * as vscode from 'vscode';
import type { Log } from './log';
import type { ApiKeyStore } from './secrets';

/** Set API Key / Clear API Key. The key is typed into a password box and goes straight to SecretStorage. */
export class KeyCommands {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
  ) {}

  async setKey(): Promise<boolean> {
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('DashScope API Key'),
      prompt: vscode.l10n.t('Paste your Model Studio (DashScope) API key. It is kept in VS Code secret storage.'),
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) =>
        value.trim().length < 8 || /\s/.test(value.trim())
          ? vscode.l10n.t('That does not look like an API key.')
          : undefined,
    });
    if (key === undefined) return false;
    await this.keys.set(key);
    this.log.setSecrets([key.trim()]);
    this.log.info('API key saved to secret storage');
    vscode.window.setStatusBarMessage(vscode.l10n.t('DashScope API key saved.'), 5000);
    return true;
  }

  async clearKey(): Promise<void> {
    await this.keys.clear();
    this.log.info('API key removed from secret storage');
    const fallback = (await this.keys.source()) === 'environment';
    vscode.window.showInformationMessage(
      fallback
        ? vscode.l10n.t('API key removed. DASHSCOPE_API_KEY from the environment is still used.')
        : vscode.l10n.t('API key removed.'),
    );
  }
}
