/**
 * An event with listeners, shaped like vscode.Event (a function that subscribes and returns a disposable) but
 * without importing vscode, so what uses it can be unit-tested in plain Node.
 */
export type Event<T> = (listener: (value: T) => void) => { dispose(): void };

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
