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
    const stored = await this.stored();
    if (stored) return stored;
    const fromEnvironment = this.environment.DASHSCOPE_API_KEY?.trim();
    return fromEnvironment ? fromEnvironment : undefined;
  }

  async source(): Promise<'secretStorage' | 'environment' | 'none'> {
    if (await this.stored()) return 'secretStorage';
    return this.environment.DASHSCOPE_API_KEY?.trim() ? 'environment' : 'none';
  }

  /** Secret storage can be slow to wake (VS Code for the Web keeps it in the browser); never let it hang the UI. */
  private async stored(): Promise<string | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), 10_000);
    });
    try {
      return await Promise.race([Promise.resolve(this.secrets.get(SECRET_KEY)).catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }
}
