import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Agent, type Dispatcher, EnvHttpProxyAgent, errors, ProxyAgent } from 'undici';
import { classifyTransportError, createDispatcher, readText, retryAfterMs } from '../../../../src/core/net/transport';

const made: Dispatcher[] = [];
const dispatcher = (options: Parameters<typeof createDispatcher>[0]) => {
  const created = createDispatcher(options);
  made.push(created);
  return created.constructor;
};
after(() => Promise.all(made.map((one) => one.close())));

const PROXY = 'http://proxy.example:3128';
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('the dispatcher of a client', () => {
  it('goes direct when no proxy is set, or only an empty one', () => {
    assert.equal(dispatcher({ environment: {} }), Agent);
    assert.equal(dispatcher({ environment: { HTTPS_PROXY: '', NO_PROXY: 'localhost' } }), Agent);
  });

  it('goes through the environment\'s proxy, in either case of its name', () => {
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) assert.equal(dispatcher({ environment: { [name]: PROXY } }), EnvHttpProxyAgent, name);
  });

  it('goes through an explicit proxy, even when the environment names another', () => {
    assert.equal(dispatcher({ proxyUrl: PROXY, environment: {} }), ProxyAgent);
    assert.equal(dispatcher({ proxyUrl: PROXY, environment: { HTTPS_PROXY: 'http://other.example:8080' } }), ProxyAgent);
  });
});

describe('a failure below HTTP', () => {
  it('says the request was not sent only when the connection never opened', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED']) assert.equal(classifyTransportError(coded(code), 'POST /x').requestNotSent, true, code);
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_BODY_TIMEOUT']) assert.equal(classifyTransportError(coded(code), 'POST /x').requestNotSent, false, code);
    assert.equal(classifyTransportError(new Error('no code'), 'POST /x').requestNotSent, false);
  });

  it('finds the code on the cause fetch wraps it in', () => {
    const wrapped = new TypeError('fetch failed', { cause: coded('ENOTFOUND', 'getaddrinfo ENOTFOUND dashscope.example') });
    const error = classifyTransportError(wrapped, 'submit');
    assert.deepEqual([error.kind, error.requestNotSent, error.serviceMessage], ['network', true, 'submit: ENOTFOUND']);
  });

  it('is a timeout for each of undici\'s timeouts, a network error otherwise, and either may be retried', () => {
    for (const code of ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']) assert.equal(classifyTransportError(coded(code), 'GET').kind, 'timeout', code);
    assert.equal(classifyTransportError(new errors.HeadersTimeoutError(), 'GET').kind, 'timeout');
    const reset = classifyTransportError(coded('ECONNRESET'), 'GET');
    assert.deepEqual([reset.kind, reset.retryable], ['network', true]);
  });

  it('names what failed, with the message when there is no code', () => {
    assert.equal(classifyTransportError(new Error('socket hang up'), 'download').serviceMessage, 'download: socket hang up');
    assert.equal(classifyTransportError('boom', 'image URL').serviceMessage, 'image URL: boom');
  });

  it('is a stop, not a failure, once the caller\'s signal aborted', () => {
    const error = classifyTransportError(coded('ECONNRESET'), 'GET', AbortSignal.abort());
    assert.deepEqual([error.kind, error.retryable], ['aborted', false]);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it('in seconds, fractions and spaces included, from the first of repeated headers', () => {
    assert.equal(retryAfterMs('1.5', now), 1500);
    assert.equal(retryAfterMs(' 3 ', now), 3000);
    assert.equal(retryAfterMs(['2', '60'], now), 2000);
  });

  it('as an HTTP date, counted from now and never negative', () => {
    assert.equal(retryAfterMs('Tue, 24 Nov 2026 10:01:00 GMT', now), 60_000);
    assert.equal(retryAfterMs('Tue, 24 Nov 2026 10:01:00 GMT', now + 45_000), 15_000);
    assert.equal(retryAfterMs('Mon, 23 Nov 2026 10:00:00 GMT', now), 0);
  });

  it('is unknown when empty or unreadable', () => {
    for (const header of ['', 'later', '120s', []]) assert.equal(retryAfterMs(header, now), undefined, String(header));
  });
});

describe('reading a body as text', () => {
  /** A body in chunks that counts how many were read. */
  function body(...parts: string[]) {
    const state = { read: 0 };
    const chunks = parts.map((part) => Buffer.from(part, 'utf8'));
    return { state, iterable: (async function* () { for (const chunk of chunks) { state.read++; yield new Uint8Array(chunk); } })() };
  }

  it('joins its chunks before decoding, so a character split between two reads whole', async () => {
    const euro = Buffer.from('€', 'utf8');
    const split = (async function* () { yield new Uint8Array(euro.subarray(0, 1)); yield new Uint8Array(euro.subarray(1)); })();
    assert.deepEqual(await readText(split, 100), { text: '€', tooLarge: false });
  });

  it('takes a body of exactly the limit', async () => {
    assert.deepEqual(await readText(body('12345', '67890').iterable, 10), { text: '1234567890', tooLarge: false });
  });

  it('refuses a body over the limit, stops reading it, and keeps none of it', async () => {
    const runaway = body('12345', '678901', 'more', 'and more');
    assert.deepEqual(await readText(runaway.iterable, 10), { text: '', tooLarge: true });
    assert.equal(runaway.state.read, 2);
  });
});

describe('Retry-After that is neither seconds nor an HTTP date', () => {
  it('is unknown, not a date Date.parse happens to guess', () => {
    const now = Date.UTC(2026, 11, 1);
    for (const odd of ['-5', '+5', 'Retry 2030', '2030-01-01', 'soon']) assert.equal(retryAfterMs(odd, now), undefined, odd);
    assert.equal(retryAfterMs('Tue, 01 Dec 2026 00:00:30 GMT', now), 30_000);
  });
});
