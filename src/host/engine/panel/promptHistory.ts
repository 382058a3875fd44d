import * as vscode from 'vscode';

const HISTORY_KEY = 'wanKeyframes.prompts.v1';
export const PROMPT_HISTORY_SIZE = 20;

/** The prompts generated with in this workspace, newest first, each once: the last 20, kept in workspaceState. */
export class PromptHistory {
  constructor(private readonly memento: vscode.Memento) {}

  all(): string[] {
    const saved = this.memento.get<unknown>(HISTORY_KEY);
    return Array.isArray(saved) ? saved.filter((item): item is string => typeof item === 'string').slice(0, PROMPT_HISTORY_SIZE) : [];
  }

  async add(prompt: string): Promise<void> {
    const text = prompt.trim();
    if (!text) return;
    await this.memento.update(HISTORY_KEY, [text, ...this.all().filter((item) => item !== text)].slice(0, PROMPT_HISTORY_SIZE));
  }

  /** A searchable list (VS Code's quick pick matches as you type); the chosen prompt, or undefined. */
  async pick(): Promise<string | undefined> {
    const prompts = this.all();
    if (prompts.length === 0) {
      vscode.window.showInformationMessage(vscode.l10n.t('No prompts yet: each prompt you generate with is kept here (the last {0}).', PROMPT_HISTORY_SIZE));
      return undefined;
    }
    const items = prompts.map((prompt) => ({ label: prompt.split('\n')[0] ?? prompt, detail: prompt.includes('\n') ? prompt : undefined, prompt }));
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Recent Prompts'), placeHolder: vscode.l10n.t('Type to search the last {0} prompts', PROMPT_HISTORY_SIZE), matchOnDetail: true });
    return picked?.prompt;
  }
}
