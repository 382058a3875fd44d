import { open } from 'node:fs/promises';
import { errorBodyFields } from '../net/errorBody';
import { downloadError } from './downloadErrors';
import type { WanError } from '../errors/wanError';

/** The smallest mp4 a 2-second clip from these models could be; anything shorter is an error page or a stub. */
export const MIN_VIDEO_BYTES = 4096;
const SNIFF_BYTES = 64 * 1024;

/** Content types that are never a video: OSS and CDNs answer errors as XML, HTML or JSON, sometimes with 200. */
export function isErrorPageType(contentType: string | string[] | undefined): boolean {
  const value = (Array.isArray(contentType) ? contentType[0] : contentType) ?? '';
  return /^\s*(text\/|application\/(xml|json|problem\+json|xhtml\+xml))/i.test(value);
}

/** The error for an error page served in place of the video, with the page's own code and message. */
export function errorPage(body: string, why: string): WanError {
  const { code, message } = errorBodyFields(body);
  return downloadError('not-a-video', why, { code, serviceMessage: message });
}

/**
 * Checks a finished `.part` is an ISO-BMFF file (an `ftyp` box at offset 4) of a plausible size before it is
 * published; undefined when it is, the error (with whatever code the body carried) when it is not.
 */
export async function checkVideoFile(file: string): Promise<WanError | undefined> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    const boxType = head.subarray(4, 8).toString('latin1');
    if (boxType === 'ftyp' && size >= MIN_VIDEO_BYTES) return undefined;
    const why = boxType === 'ftyp' ? `only ${size} bytes, too small for a video` : `${size} bytes that do not start like an mp4 (no ftyp box)`;
    return errorPage(head.toString('utf8'), why);
  } finally {
    await handle.close();
  }
}
