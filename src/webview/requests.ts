import type { Reply, Request, WebviewMessage } from '../shared/protocol';

/** A request the host never answered (it restarted meanwhile) stops being waited for after this long. */
const GIVE_UP_MS = 30 * 60_000;

/**
 * Requests to the host that wait for an answer: each goes with an id, and the host's reply with the same id settles
 * it. A reply with an id nobody waits for is dropped.
 */
export class Requests {
  private next = 0;
  private readonly pending = new Map<string, { settle: (reply: Reply) => void; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly send: (message: WebviewMessage) => void) {}

  ask(request: Request): Promise<Reply> {
    const id = `r${++this.next}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle({ type: 'reply', id, ok: false, error: 'no answer' }), GIVE_UP_MS);
      this.pending.set(id, { settle: resolve, timer });
      this.send({ type: 'request', id, request });
    });
  }

  settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(reply.id);
    waiting.settle(reply);
  }
}
