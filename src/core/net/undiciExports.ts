/* eslint-disable @typescript-eslint/no-require-imports, no-restricted-syntax -- undici's own modules ship no types: each is typed by undici's index */
import type * as Undici from 'undici';

/**
 * The parts of undici this tool uses, taken from undici's own modules rather than its index. Bundled on their own
 * (dist/http.js, which core/net/undici.ts requires on the first request), they leave out what the index also loads
 * at once and nothing here uses — fetch, WebSocket, EventSource, caches, cookies, mocks, interceptors — which is
 * about 40% of the time requiring all of undici takes.
 */
export const UNDICI_PARTS = ['Agent', 'EnvHttpProxyAgent', 'ProxyAgent', 'FormData', 'errors', 'request'] as const;
export type UndiciParts = Pick<typeof Undici, (typeof UNDICI_PARTS)[number]>;

type RequestOptions = { dispatcher?: Undici.Dispatcher; method?: string; body?: unknown; path?: string; agent?: unknown } & Record<string, unknown>;
type ApiRequest = (this: Undici.Dispatcher, options: RequestOptions & { origin: string; path: string; method: string }) => unknown;

const Dispatcher = require('undici/lib/dispatcher/dispatcher') as typeof Undici.Dispatcher;
const api = require('undici/lib/api') as { request: ApiRequest };
const util = require('undici/lib/core/util') as { parseURL(url: unknown): URL; parseOrigin(url: unknown): URL };
const { getGlobalDispatcher } = require('undici/lib/global') as { getGlobalDispatcher(): Undici.Dispatcher };

// As undici's index does: a dispatcher's request/stream/connect… methods (ProxyAgent's tunnels use `connect`).
Object.assign(Dispatcher.prototype, api);

export const Agent = require('undici/lib/dispatcher/agent') as typeof Undici.Agent;
export const ProxyAgent = require('undici/lib/dispatcher/proxy-agent') as typeof Undici.ProxyAgent;
export const EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent') as typeof Undici.EnvHttpProxyAgent;
export const errors = require('undici/lib/core/errors') as typeof Undici.errors;
export const FormData = (require('undici/lib/web/fetch/formdata') as { FormData: typeof Undici.FormData }).FormData;

/** `undici.request(url, options)`: the index builds it from the dispatcher's method like this (its makeDispatcher). */
export const request = function request(url: unknown, opts?: RequestOptions | null) {
  if (!url || (typeof url !== 'string' && typeof url !== 'object' && !(url instanceof URL))) throw new errors.InvalidArgumentError('invalid url');
  if (opts !== null && opts !== undefined && typeof opts !== 'object') throw new errors.InvalidArgumentError('invalid opts');
  let target: URL;
  if (opts && opts.path !== null && opts.path !== undefined) {
    if (typeof opts.path !== 'string') throw new errors.InvalidArgumentError('invalid opts.path');
    target = new URL(util.parseOrigin(url).origin + (opts.path.startsWith('/') ? opts.path : `/${opts.path}`));
  } else {
    opts ??= typeof url === 'object' ? (url as RequestOptions) : {};
    target = util.parseURL(url);
  }
  const { agent, dispatcher = getGlobalDispatcher() } = opts;
  if (agent) throw new errors.InvalidArgumentError('unsupported opts.agent. Did you mean opts.client?');
  return api.request.call(dispatcher, {
    ...opts,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET'),
  });
} as UndiciParts['request'];
