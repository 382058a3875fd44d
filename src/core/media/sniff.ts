/**
 * What a file that mediabunny cannot read as media is, from its first bytes: an image or an AVI someone took for a
 * clip, a text file renamed to .mp4, or something else. Only said so the user is told what they picked.
 */
export type NotMedia = 'empty' | 'gif' | 'png' | 'jpeg' | 'webp' | 'bmp' | 'avi' | 'text' | 'unknown';

/** How many leading bytes `sniff` looks at. */
export const SNIFF_BYTES = 512;

const ascii = (bytes: Uint8Array, offset: number, length: number) => String.fromCharCode(...bytes.subarray(offset, offset + length));

export function sniff(head: Uint8Array): NotMedia {
  if (head.length === 0) return 'empty';
  if (ascii(head, 0, 4) === 'GIF8') return 'gif';
  if (head[0] === 0x89 && ascii(head, 1, 3) === 'PNG') return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return 'webp';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'AVI ') return 'avi';
  if (ascii(head, 0, 2) === 'BM' && head.length >= 26) return 'bmp';
  return looksLikeText(head) ? 'text' : 'unknown';
}

/** UTF-8 without control characters other than tab, newline, carriage return and form feed. */
function looksLikeText(head: Uint8Array): boolean {
  let text: string;
  try {
    // A multi-byte character cut at the end of the window is not a reason to call the file binary.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, trimPartialCharacter(head)));
  } catch {
    return false;
  }
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) || code === 127) return false;
  }
  return true;
}

function trimPartialCharacter(head: Uint8Array): number {
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back] as number;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needed > back) end -= back;
    break;
  }
  return end;
}
