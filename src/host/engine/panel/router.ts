import type { Request, WebviewMessage } from '../../../shared/protocol';

type Message<K extends WebviewMessage['type']> = Extract<WebviewMessage, { type: K }>;

/** One handler per message the page sends: a new message without a handler is a type error here. */
export type MessageHandlers = { [K in Exclude<WebviewMessage['type'], 'request'>]: (message: Message<K>) => Promise<void> | void };

/** What a request answers: whether a picker picked, where a frame was saved. */
export type RequestAnswer = { picked?: boolean; path?: string };

/** One handler per request the page waits an answer for; each answers whether it did what was asked. */
export type RequestHandlers = { [K in Request['kind']]: (request: Extract<Request, { kind: K }>) => Promise<RequestAnswer> };

/** Hands a checked message to its handler; a request's answer is posted back with the request's id. */
export async function route(message: WebviewMessage, handlers: MessageHandlers, requests: RequestHandlers, reply: (id: string, answer: { ok: boolean; error?: string } & RequestAnswer) => Promise<void>): Promise<void> {
  if (message.type === 'request') {
    try {
      const handle = requests[message.request.kind] as (request: Request) => Promise<RequestAnswer>;
      await reply(message.id, { ok: true, ...(await handle(message.request)) });
    } catch (error) {
      await reply(message.id, { ok: false, error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    return;
  }
  const handle = handlers[message.type] as (message: WebviewMessage) => Promise<void> | void;
  await handle(message);
}
