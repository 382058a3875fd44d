import type { MediaRole } from '../../shared/mediaRoles';

const MIB = 1024 * 1024;

/**
 * The gateway's limits on a request body (addendum §A8.1): a body may be 64 MiB as sent, one base64 item 20 MiB, and
 * the body with its base64 decoded 16 MiB — over any of them the answer is HTTP 413. Said of every API request; that
 * the video-synthesis route enforces it is UNCONFIRMED, so the client keeps to it either way.
 */
export const GATEWAY_BODY_LIMITS = { rawBytes: 64 * MIB, base64ItemChars: 20 * MIB, decodedBytes: 16 * MIB } as const;

/** Characters of base64 that `bytes` bytes become (padded, as Buffer.toString('base64') writes them). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/** Bytes a base64 text decodes to (its padding not counted). */
export function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

const DATA_URL = /data:[^;,"\\]*;base64,([A-Za-z0-9+/=]*)/g;

/**
 * A serialized body as the gateway weighs it: every byte of the JSON as sent (UTF-8), and the same with each
 * `data:…;base64,` payload counted as the bytes it decodes to. Also the largest base64 item, for the per-item limit.
 */
export function measureBody(text: string): { rawBytes: number; decodedBytes: number; largestBase64Chars: number } {
  const rawBytes = Buffer.byteLength(text, 'utf8');
  let decodedBytes = rawBytes;
  let largestBase64Chars = 0;
  for (const match of text.matchAll(DATA_URL)) {
    const payload = match[1] as string;
    decodedBytes += decodedLength(payload) - payload.length;
    largestBase64Chars = Math.max(largestBase64Chars, payload.length);
  }
  return { rawBytes, decodedBytes, largestBase64Chars };
}

/** Whether a measured body passes every gateway limit. */
export function withinGatewayLimits(measured: ReturnType<typeof measureBody>): boolean {
  return (
    measured.rawBytes <= GATEWAY_BODY_LIMITS.rawBytes &&
    measured.decodedBytes <= GATEWAY_BODY_LIMITS.decodedBytes &&
    measured.largestBase64Chars <= GATEWAY_BODY_LIMITS.base64ItemChars
  );
}

export interface InlineCandidate {
  role: MediaRole;
  bytes: number;
}

export interface InlineFit {
  inline: MediaRole[];
  /** Candidates that would break a limit: the one for a single item, or the decoded total. */
  over: Array<{ role: MediaRole; limit: 'item' | 'decoded' }>;
  /** The decoded body had every candidate gone inline. */
  decodedIfAllInline: number;
}

/**
 * Which candidates may go inline, in the order given, while the body stays within every limit: each item's base64
 * within 20 MiB, and the decoded body — `bodyBytes` (the body without the candidates' payloads, its URLs counted at
 * their longest) plus each inlined file's bytes — at most 16 MiB. A candidate that does not fit goes as an upload;
 * a later, smaller one may still fit.
 */
export function fitInline(bodyBytes: number, candidates: readonly InlineCandidate[]): InlineFit {
  let decoded = bodyBytes;
  let raw = bodyBytes;
  const fit: InlineFit = { inline: [], over: [], decodedIfAllInline: bodyBytes + candidates.reduce((sum, candidate) => sum + candidate.bytes, 0) };
  for (const candidate of candidates) {
    const encoded = base64Length(candidate.bytes);
    if (encoded > GATEWAY_BODY_LIMITS.base64ItemChars) fit.over.push({ role: candidate.role, limit: 'item' });
    else if (decoded + candidate.bytes > GATEWAY_BODY_LIMITS.decodedBytes || raw + encoded > GATEWAY_BODY_LIMITS.rawBytes) fit.over.push({ role: candidate.role, limit: 'decoded' });
    else {
      fit.inline.push(candidate.role);
      decoded += candidate.bytes;
      raw += encoded;
    }
  }
  return fit;
}
