import * as vscode from 'vscode';
import { redact } from '../../shared/redact';

/** The "Wan Keyframes" log. Every line passes through `redact`, and the current key is scrubbed too. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Wan Keyframes', { log: true });
  private secrets: readonly string[] = [];

  setSecrets(secrets: readonly string[]): void {
    this.secrets = secrets.filter((secret) => secret.length > 0);
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string | Error): void {
    const text = message instanceof Error ? `${message.name}: ${message.message}` : message;
    this.channel.error(this.clean(text));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }

  private clean(message: string): string {
    return redact(message, this.secrets);
  }
}
