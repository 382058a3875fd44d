import { createHmac, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type * as http from 'node:http';
import type { Fault } from './faults';
import { ossErrorXml } from './oss';

/**
 * How a finished video reaches the client, as on the real path: the signed `video_url` (the result bucket) answers
 * a redirect to a second origin — a CDN host, another listener on 127.0.0.1 — which serves the bytes, chunked and
 * without Content-Length for a whole file, 206 with Content-Range for a Range. The CDN link carries its own short
 * signature, so a client that resumes from the redirect target instead of from `video_url` finds it expired.
 */
export interface DeliverySource {
  now(): number;
  /** The API origin (where `video_url` points) and the CDN origin. */
  origins(): { api: string; cdn: string };
  /** The video's bytes from `start`, and their total; undefined when there is no such video. */
  video(taskId: string, start: number): Promise<{ total: number; stream: AsyncIterable<Buffer> } | undefined>;
  bytesPerSecond(): number | undefined;
}

/** Faults answered at the link (before any byte): the redirect shapes and the early ones; the rest hit the bytes. */
export function faultStage(fault: Fault): 'link' | 'bytes' {
  const type = fault.kind.type;
  return type === 'reset-mid-body' || type === 'truncated-body' || type === 'cut-and-expire-target' ? 'bytes' : 'link';
}

const REDIRECT_STATUSES = [302, 301, 307, 308, 303];

export class VideoDelivery {
  private readonly secret = randomBytes(16).toString('hex');
  /** CDN links signed before this time are refused as expired (the target expiring between a cut and its resume). */
  private revokedBefore = 0;

  constructor(
    private readonly source: DeliverySource,
    private readonly cdnTtlMs: number,
  ) {}

  /** The signed `video_url` was checked by the caller: answer with the redirect the fault asks for, or the CDN link. */
  link(res: http.ServerResponse, taskId: string, originalUrl: string, fault: Fault | undefined): void {
    const kind = fault?.kind;
    if (kind?.type === 'redirect-loop') return this.redirect(res, 302, `${this.source.origins().cdn}/loop/${taskId}.mp4?back=${encodeURIComponent(originalUrl)}`);
    if (kind?.type === 'redirect-to') return this.redirect(res, kind.status ?? 302, kind.location);
    const hops = kind?.type === 'redirect-chain' ? kind.hops : 1;
    if (hops <= 1) return this.redirect(res, 302, this.cdnLink(taskId));
    this.redirect(res, REDIRECT_STATUSES[hops % REDIRECT_STATUSES.length] as number, `${this.source.origins().cdn}/hop/${hops - 1}/${taskId}.mp4`);
  }

  /** `/hop/<left>/<id>.mp4` on either origin: `left` more redirects, alternating relative and cross-origin ones. */
  hop(res: http.ServerResponse, url: URL, onCdn: boolean): void {
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
    const range = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    const start = range ? Number(range[1]) : 0;
    const whole = await this.source.video(taskId, 0);
    if (!whole) return this.xml(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const { total } = whole;
    if (start >= total) {
      res.writeHead(416, { 'content-range': `bytes */${total}` });
      res.end();
      return;
    }
    const length = total - start;
    // A whole file goes out chunked with no Content-Length, as CDNs often send it; a range says its length.
    res.writeHead(range ? 206 : 200, {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      ...(range ? { 'content-length': String(length), 'content-range': `bytes ${start}-${total - 1}/${total}` } : {}),
    });
    const video = start === 0 ? whole : await this.source.video(taskId, start);
    const cutting = fault && faultStage(fault) === 'bytes';
    const cut = cutting ? Math.floor(length / 2) : undefined;
    const rate = this.source.bytesPerSecond();
    let sent = 0;
    for await (const chunk of video?.stream ?? []) {
      let piece = chunk;
      if (cut !== undefined && sent + piece.length >= cut) {
        piece = piece.subarray(0, cut - sent);
        res.write(piece);
        await sleep(20);
        if (fault?.kind.type === 'cut-and-expire-target') this.revokedBefore = this.source.now() + 1;
        if (fault?.kind.type === 'truncated-body') res.socket?.end();
        else res.socket?.destroy();
        return;
      }
      sent += piece.length;
      // Throttled downloads go out in small slices, so the client really is mid-body for a while.
      const slice = rate ? 2048 : piece.length;
      for (let offset = 0; offset < piece.length; offset += slice) {
        if (!res.write(piece.subarray(offset, offset + slice))) await new Promise((resolve) => res.once('drain', resolve));
        if (rate) await sleep((slice / rate) * 1000);
        if (res.destroyed) return;
      }
    }
    res.end();
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

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function fileStream(file: string, start: number): AsyncIterable<Buffer> {
  return createReadStream(file, { start }) as AsyncIterable<Buffer>;
}
