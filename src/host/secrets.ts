import * as vscode from 'vscode';

const SECRET_KEY = 'wanKeyframes.dashscopeApiKey';

/** The DashScope key: SecretStorage first, then DASHSCOPE_API_KEY from the environment, as the official SDKs do. */
export class ApiKeyStore {
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly environment: NodeJS.ProcessEnv = process.env,
  ) {
    this.onDidChange = secrets.onDidChange;
  }

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_KEY);
    if (stored) return stored;
    const fromEnvironment = this.environment.DASHSCOPE_API_KEY?.trim();
    return fromEnvironment ? fromEnvironment : undefined;
  }

  async source(): Promise<'secretStorage' | 'environment' | 'none'> {
    if (await this.secrets.get(SECRET_KEY)) return 'secretStorage';
    return this.environment.DASHSCOPE_API_KEY?.trim() ? 'environment' : 'none';
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }
}
