import type { Dispatcher } from 'undici';
import { isErrorPageType } from './videoCheck';

/** Bytes `start` up to, not including, `end`. */
export interface ByteSpan {
  start: number;
  end: number;
}

export interface ContentRange {
  start: number;
  /** The last byte sent, inclusive, as the header says it. */
  last: number;
  total: number | undefined;
}

export interface ParallelSettings {
  /** Connections at most (1: never in parallel). */
  parts: number;
  /** Below this size one connection is as quick: the extra requests and redirects would cost more than they save. */
  minBytes: number;
}

/** Four connections for a video of 8 MiB or more: each part at least 2 MiB. */
export const PARALLEL_DEFAULTS: ParallelSettings = { parts: 4, minBytes: 8 * 1024 * 1024 };

/** `bytes A-B/T` (T may be `*`); undefined when the header is missing or says something else. */
export function parseContentRange(value: string | string[] | undefined): ContentRange | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(text ?? '');
  if (!match) return undefined;
  const [start, last] = [Number(match[1]), Number(match[2])];
  const total = match[3] === '*' ? undefined : Number(match[3]);
  if (last < start || (total !== undefined && last >= total)) return undefined;
  return { start, last, total };
}

/** Near-equal spans covering `[0, total)`, in order. */
export function splitSpans(total: number, count: number): ByteSpan[] {
  const parts = Math.max(1, Math.min(count, total));
  return Array.from({ length: parts }, (_, i) => ({ start: Math.floor((i * total) / parts), end: Math.floor(((i + 1) * total) / parts) }));
}

/** How many connections a video of `total` bytes is fetched over: 1 below the threshold. */
export function partCount(total: number, settings: ParallelSettings): number {
  return total >= settings.minBytes ? Math.max(1, settings.parts) : 1;
}

/**
 * Why an answer to a Range request for the bytes from `start` cannot be written at `start` of a video of `total`
 * bytes (`undefined` total: not known yet); undefined when it can. A host that does not really do ranges shows
 * here: a 200 to a range, a range from elsewhere, another total, a Content-Length that disagrees with the range.
 */
export function rangeAnswerProblem(response: Pick<Dispatcher.ResponseData, 'statusCode' | 'headers'>, start: number, total: number | undefined): string | undefined {
  if (response.statusCode !== 206) return `HTTP ${response.statusCode} to a Range request`;
  if (isErrorPageType(response.headers['content-type'])) return `206 with ${String(response.headers['content-type'])}`;
  const range = parseContentRange(response.headers['content-range']);
  if (!range) return `Content-Range ${JSON.stringify(response.headers['content-range'] ?? null)} is not a byte range`;
  if (range.start !== start) return `answered from byte ${range.start}, asked from ${start}`;
  if (range.total === undefined) return 'the range does not say the total size';
  if (total !== undefined && range.total !== total) return `the total is ${range.total} bytes, ${total} before`;
  const length = response.headers['content-length'];
  if (length !== undefined && Number(length) !== range.last - range.start + 1) {
    return `Content-Length ${String(length)} disagrees with the range (${range.last - range.start + 1} bytes)`;
  }
  return undefined;
}
