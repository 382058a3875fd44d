import { createHmac, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Fault } from './faults';
import { ossErrorXml } from './oss';

/**
 * How a finished video reaches the client, as on the real path: the signed `video_url` (the result bucket) answers
 * a redirect to a second origin — a CDN host, another listener on 127.0.0.1 — which serves the bytes, chunked and
 * without Content-Length for a whole file, 206 with Content-Range for a Range (`bytes=A-` or `bytes=A-B`). The CDN
 * link carries its own short signature, so a client that resumes from the redirect target instead of from
 * `video_url` finds it expired. A link can be shaped like a slow one (a rate per connection, a round trip added
 * before each answer), and the CDN can misbehave the ways hosts do with ranges (faults.ts).
 */
export interface DeliverySource {
  now(): number;
  /** The API origin (where `video_url` points) and the CDN origin. */
  origins(): { api: string; cdn: string };
  /** The video's bytes from `start`, and their total; undefined when there is no such video. */
  video(taskId: string, start: number): Promise<{ total: number; stream: AsyncIterable<Buffer> } | undefined>;
  bytesPerSecond(): number | undefined;
}

/** A slow link: each connection gets at most `bytesPerSecond`, and each answer waits `latencyMs` (a new connection twice). */
export interface Shaping {
  bytesPerSecond?: number;
  latencyMs?: number;
}

/** One answer for bytes, as the CDN gave it: what was asked, what went out, and when it began and ended. */
export interface ServedBytes {
  range: string | undefined;
  status: number;
  /** The first byte sent. */
  from: number;
  bytes: number;
  startedAt: number;
  endedAt: number | undefined;
}

/** Faults answered at the link (before any byte): the redirect shapes and the early ones; the rest hit the bytes. */
export function faultStage(fault: Fault): 'link' | 'bytes' {
  const type = fault.kind.type;
  const bytes = ['reset-mid-body', 'truncated-body', 'cut-and-expire-target', 'ignore-range', 'wrong-length', 'refuse-range'];
  return bytes.includes(type) ? 'bytes' : 'link';
}

const REDIRECT_STATUSES = [302, 301, 307, 308, 303];

export class VideoDelivery {
  private readonly secret = randomBytes(16).toString('hex');
  /** CDN links signed before this time are refused as expired (the target expiring between a cut and its resume). */
  private revokedBefore = 0;
  private shaping: Shaping = {};
  private readonly shaper = new Shaper(() => ({ bytesPerSecond: this.shaping.bytesPerSecond ?? this.source.bytesPerSecond(), latencyMs: this.shaping.latencyMs }));
  /** Every answer for bytes, in the order they began: tests read from it which went on at the same time. */
  readonly served: ServedBytes[] = [];

  constructor(
    private readonly source: DeliverySource,
    private readonly cdnTtlMs: number,
  ) {}

  /** Shapes every later download request (undefined fields: full speed, no added latency). */
  shape(shaping: Shaping): void {
    this.shaping = { ...shaping };
  }

  /**
   * The signed `video_url` was checked by the caller: answer with the redirect the fault asks for, or the CDN link.
   * Never rejects (the caller does not wait for it): a client gone during the added latency just loses its answer.
   */
  async link(res: http.ServerResponse, taskId: string, originalUrl: string, fault: Fault | undefined): Promise<void> {
    try {
      await this.shaper.roundTrip(res.socket);
      this.linkAnswer(res, taskId, originalUrl, fault);
    } catch {
      res.destroy();
    }
  }

  private linkAnswer(res: http.ServerResponse, taskId: string, originalUrl: string, fault: Fault | undefined): void {
    const kind = fault?.kind;
    if (kind?.type === 'redirect-loop') return this.redirect(res, 302, `${this.source.origins().cdn}/loop/${taskId}.mp4?back=${encodeURIComponent(originalUrl)}`);
    if (kind?.type === 'redirect-to') return this.redirect(res, kind.status ?? 302, kind.location);
    const hops = kind?.type === 'redirect-chain' ? kind.hops : 1;
    if (hops <= 1) return this.redirect(res, 302, this.cdnLink(taskId));
    this.redirect(res, REDIRECT_STATUSES[hops % REDIRECT_STATUSES.length] as number, `${this.source.origins().cdn}/hop/${hops - 1}/${taskId}.mp4`);
  }

  /** `/hop/<left>/<id>.mp4` on either origin: `left` more redirects, alternating relative and cross-origin ones. */
  async hop(res: http.ServerResponse, url: URL, onCdn: boolean): Promise<void> {
    await this.shaper.roundTrip(res.socket);
    const match = /^\/hop\/(\d+)\/([^/]+)\.mp4$/.exec(url.pathname);
    const left = Number(match?.[1] ?? 1);
    const taskId = match?.[2] ?? '';
    const status = REDIRECT_STATUSES[left % REDIRECT_STATUSES.length] as number;
    if (left <= 1) return this.redirect(res, status, this.cdnLink(taskId));
    const { api, cdn } = this.source.origins();
    // Every other hop is a relative Location on the same host; the others cross to the other origin.
    const next = left % 2 === 0 ? `/hop/${left - 1}/${taskId}.mp4` : `${onCdn ? api : cdn}/hop/${left - 1}/${taskId}.mp4`;
    this.redirect(res, status, next);
  }

  /** `/loop/<id>.mp4?back=…`: sends the client back where it came from. */
  loop(res: http.ServerResponse, url: URL): void {
    this.redirect(res, 302, url.searchParams.get('back') ?? '/');
  }

  /** The bytes, on the CDN origin. */
  async bytes(req: http.IncomingMessage, res: http.ServerResponse, url: URL, fault: Fault | undefined): Promise<void> {
    const taskId = /^\/cdn\/([^/]+)\.mp4$/.exec(url.pathname)?.[1] ?? '';
    const check = this.checkCdnLink(taskId, url.searchParams.get('auth_key') ?? '');
    if (check !== 'ok') return this.xml(res, 403, 'AccessDenied', check === 'expired' ? 'Request has expired.' : 'The auth_key does not match.');
    const whole = await this.source.video(taskId, 0);
    if (!whole) return this.xml(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const video = { total: whole.total, stream: async (start: number) => (start === 0 ? whole.stream : ((await this.source.video(taskId, start))?.stream ?? nothing())) };
    const kind = fault?.kind;
    if (kind?.type === 'refuse-range' && req.headers.range !== undefined) {
      await release(whole.stream);
      await this.shaper.roundTrip(res.socket);
      if (kind.answer === 'reset') return void req.socket.destroy();
      if (kind.answer === 403) return this.xml(res, 403, 'AccessDenied', 'Access denied.');
      res.writeHead(416, { 'content-range': `bytes */${whole.total}` });
      return void res.end();
    }
    const served = await serveVideo(req, res, video, this.shaper, {
      ignoreRange: kind?.type === 'ignore-range' || (kind?.type === 'wrong-length' && kind.ignoreRange === true),
      extraLength: kind?.type === 'wrong-length' ? kind.extra : 0,
      cut: kind?.type === 'reset-mid-body' || kind?.type === 'truncated-body' || kind?.type === 'cut-and-expire-target' ? kind.type : undefined,
      onCut: () => {
        if (kind?.type === 'cut-and-expire-target') this.revokedBefore = this.source.now() + 1;
      },
      onStart: (entry) => this.served.push(entry),
    });
    if (served !== whole.stream) await release(whole.stream);
  }

  private cdnLink(taskId: string): string {
    const issued = this.source.now();
    const expires = Math.floor((issued + this.cdnTtlMs) / 1000);
    const rand = randomBytes(4).toString('hex');
    const hash = createHmac('md5', this.secret).update(`/cdn/${taskId}.mp4-${expires}-${rand}-${issued}`).digest('hex');
    return `${this.source.origins().cdn}/cdn/${taskId}.mp4?auth_key=${expires}-${rand}-${issued}-${hash}`;
  }

  private checkCdnLink(taskId: string, authKey: string): 'ok' | 'expired' | 'bad' {
    const [expires, rand, issued, hash] = authKey.split('-');
    const expected = createHmac('md5', this.secret).update(`/cdn/${taskId}.mp4-${expires}-${rand}-${issued}`).digest('hex');
    if (hash !== expected) return 'bad';
    if (Number(expires) * 1000 < this.source.now() || Number(issued) < this.revokedBefore) return 'expired';
    return 'ok';
  }

  private redirect(res: http.ServerResponse, status: number, location: string | undefined): void {
    res.writeHead(status, location === undefined ? {} : { location });
    res.end();
  }

  private xml(res: http.ServerResponse, status: number, code: string, message: string): void {
    const text = ossErrorXml(code, message);
    res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  }
}

export interface ServeOptions {
  /** Answer a Range with the whole file, 200 (a host that does not do ranges). */
  ignoreRange?: boolean;
  /** Claim this many bytes more in Content-Length than are sent, then close the connection. */
  extraLength?: number;
  /** Cut the body halfway: drop the connection (`reset-mid-body`, `cut-and-expire-target`) or end it (`truncated-body`). */
  cut?: 'reset-mid-body' | 'truncated-body' | 'cut-and-expire-target';
  onCut?: () => void;
  onStart?: (entry: ServedBytes) => void;
}

/**
 * Answers a GET for a video's bytes as a CDN does: `bytes=A-` and `bytes=A-B` as 206 with Content-Range and
 * Content-Length, anything else as 200 chunked without a length, past the end as 416; shaped by `shaper`. Returns
 * the stream it read from. The bench's origin is this too.
 */
export async function serveVideo(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  video: { total: number; stream(start: number): Promise<AsyncIterable<Buffer>> },
  shaper: Shaper,
  options: ServeOptions = {},
): Promise<AsyncIterable<Buffer> | undefined> {
  const startedAt = performance.now();
  await shaper.roundTrip(req.socket);
  const { total } = video;
  const range = options.ignoreRange ? undefined : /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
  const start = range ? Number(range[1]) : 0;
  const last = range?.[2] ? Math.min(Number(range[2]), total - 1) : total - 1;
  if (start >= total || last < start) {
    res.writeHead(416, { 'content-range': `bytes */${total}` });
    res.end();
    return undefined;
  }
  const length = last - start + 1;
  const extra = options.extraLength ?? 0;
  const entry: ServedBytes = { range: req.headers.range, status: range ? 206 : 200, from: start, bytes: 0, startedAt, endedAt: undefined };
  options.onStart?.(entry);
  res.on('close', () => (entry.endedAt = performance.now()));
  // A whole file goes out chunked with no Content-Length, as CDNs often send it; a range says its length.
  res.writeHead(range ? 206 : 200, {
    'content-type': 'video/mp4',
    'accept-ranges': 'bytes',
    ...(range ? { 'content-range': `bytes ${start}-${last}/${total}` } : {}),
    ...(range || extra ? { 'content-length': String(length + extra) } : {}),
  });
  const stream = await video.stream(start);
  const cut = options.cut ? Math.floor(length / 2) : length;
  const sent = await shaper.send(res, stream, cut, (bytes) => (entry.bytes += bytes));
  if (sent < 0) return stream;
  if (options.cut) {
    await sleep(20);
    options.onCut?.();
    if (options.cut === 'truncated-body') res.socket?.end();
    else res.socket?.destroy();
  } else if (extra) res.socket?.end();
  else res.end();
  return stream;
}

/** Paces each answer to a rate per connection and adds a round trip before it: a slow, distant link on loopback. */
export class Shaper {
  private readonly known = new WeakSet<object>();

  constructor(private readonly shaping: () => Shaping) {}

  /** One round trip before an answer; a connection's first answer waits two (its handshake, then the request). */
  async roundTrip(socket: object | null): Promise<void> {
    const latency = this.shaping().latencyMs ?? 0;
    if (latency <= 0) return;
    const fresh = socket !== null && !this.known.has(socket);
    if (socket) this.known.add(socket);
    await sleep(fresh ? 2 * latency : latency);
  }

  /** Writes up to `limit` bytes of `stream`, no faster than the rate; the count sent, or -1 when the client went away. */
  async send(res: http.ServerResponse, stream: AsyncIterable<Buffer>, limit: number, onBytes: (bytes: number) => void): Promise<number> {
    const rate = this.shaping().bytesPerSecond;
    // Slices of about 20 ms of the rate, so a throttled client really is mid-body for a while.
    const slice = rate ? Math.max(1024, Math.min(64 * 1024, Math.floor(rate / 50))) : Infinity;
    const began = performance.now();
    let sent = 0;
    for await (const chunk of stream) {
      for (let offset = 0; offset < chunk.length && sent < limit; ) {
        const piece = chunk.subarray(offset, offset + Math.min(slice, limit - sent));
        offset += piece.length;
        sent += piece.length;
        onBytes(piece.length);
        if (!res.write(piece)) await drained(res);
        if (res.destroyed) return -1;
        const due = rate ? began + (sent / rate) * 1000 - performance.now() : 0;
        if (due > 1) await sleep(due);
      }
      if (sent >= limit) break;
    }
    return sent;
  }
}

/**
 * A deterministic body of `total` bytes from `start`, produced in 64 KiB blocks (never held whole), each block
 * stamped with its number so no two are alike: a byte written at the wrong offset shows. It opens with an ISO-BMFF
 * `ftyp` box, as every mp4 does, so the client's check that it received a video holds.
 */
export async function* generatedVideo(start: number, total: number): AsyncGenerator<Buffer> {
  const template = Buffer.alloc(64 * 1024);
  for (let i = 0; i < template.length; i++) template[i] = i % 251;
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 32]), Buffer.from('ftypisom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2avc1mp41', 'latin1')]);
  let position = start;
  while (position < total) {
    const index = Math.floor(position / template.length);
    const block = Buffer.from(template);
    if (index === 0) ftyp.copy(block, 0);
    else block.writeUIntBE(index, 32, 6);
    const offset = position % template.length;
    const size = Math.min(template.length - offset, total - position);
    yield block.subarray(offset, offset + size);
    position += size;
  }
}

async function* nothing(): AsyncGenerator<Buffer> {}

/** Until the response can take more, or is gone. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** Lets go of a stream that will not be read (a file's descriptor is closed now, not when it is collected). */
async function release(stream: AsyncIterable<Buffer>): Promise<void> {
  await stream[Symbol.asyncIterator]().return?.();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function fileStream(file: string, start: number): AsyncIterable<Buffer> {
  return createReadStream(file, { start }) as AsyncIterable<Buffer>;
}
