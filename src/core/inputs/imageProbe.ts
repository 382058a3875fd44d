/**
 * Reads format, width, height and alpha from an image's header without decoding pixels. Works on a random-access
 * reader so a JPEG whose frame header sits after a large EXIF block is found without reading the pixel data.
 */
export type ProbedFormat = 'png' | 'jpeg' | 'webp' | 'bmp' | 'gif' | 'tiff' | 'heic' | 'avif' | 'unknown';

export interface ImageProbe {
  format: ProbedFormat;
  width?: number;
  height?: number;
  hasAlpha?: boolean;
  /** Set when the header is cut short or contradicts itself. */
  corrupt?: 'empty' | 'truncated' | 'malformed';
}

export interface ByteSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, o: number) => u16le(b, o) | ((b[o + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, o: number) => ((u16be(b, o) << 16) >>> 0) + u16be(b, o + 2);
const u32le = (b: Uint8Array, o: number) => (u16le(b, o) + u16le(b, o + 2) * 65536) >>> 0;
const i32le = (b: Uint8Array, o: number) => u32le(b, o) | 0;
const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

export async function probeImage(source: ByteSource): Promise<ImageProbe> {
  if (source.size === 0) return { format: 'unknown', corrupt: 'empty' };
  const head = await source.read(0, 64);
  if (head[0] === 0x89 && ascii(head, 1, 3) === 'PNG') return probePng(source, head);
  if (head[0] === 0xff && head[1] === 0xd8) return probeJpeg(source);
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return probeWebp(head);
  if (ascii(head, 0, 2) === 'BM') return probeBmp(head, source.size);
  if (ascii(head, 0, 4) === 'GIF8') return { format: 'gif' };
  if (ascii(head, 0, 4) === 'II*\0' || ascii(head, 0, 4) === 'MM\0*') return { format: 'tiff' };
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (brand.startsWith('avi')) return { format: 'avif' };
    if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return { format: 'heic' };
  }
  return { format: 'unknown' };
}

async function probePng(source: ByteSource, head: Uint8Array): Promise<ImageProbe> {
  if (head.length < 33) return { format: 'png', corrupt: 'truncated' };
  if (ascii(head, 12, 4) !== 'IHDR') return { format: 'png', corrupt: 'malformed' };
  const width = u32be(head, 16);
  const height = u32be(head, 20);
  const colourType = head[25] ?? 0;
  // Colour types 4 and 6 carry alpha; any other type is transparent only with a tRNS chunk before IDAT.
  let hasAlpha = colourType === 4 || colourType === 6;
  if (!hasAlpha) {
    let offset = 33;
    for (let chunks = 0; chunks < 64 && offset + 8 <= source.size; chunks++) {
      const header = await source.read(offset, 8);
      if (header.length < 8) break;
      const type = ascii(header, 4, 4);
      if (type === 'tRNS') hasAlpha = true;
      if (type === 'IDAT' || type === 'IEND' || hasAlpha) break;
      offset += 12 + u32be(header, 0);
    }
  }
  return { format: 'png', width, height, hasAlpha };
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

async function probeJpeg(source: ByteSource): Promise<ImageProbe> {
  let offset = 2;
  for (let segments = 0; segments < 512; segments++) {
    const marker = await source.read(offset, 4);
    if (marker.length < 4) return { format: 'jpeg', corrupt: 'truncated' };
    if (marker[0] !== 0xff) return { format: 'jpeg', corrupt: 'malformed' };
    const type = marker[1] ?? 0;
    if (type === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (type === 0xd8 || (type >= 0xd0 && type <= 0xd7) || type === 0x01) {
      offset += 2;
      continue;
    }
    if (type === 0xd9 || type === 0xda) return { format: 'jpeg', corrupt: 'malformed' }; // pixels before any frame header
    const length = u16be(marker, 2);
    if (length < 2) return { format: 'jpeg', corrupt: 'malformed' };
    if (SOF_MARKERS.has(type)) {
      const frame = await source.read(offset + 4, 5);
      if (frame.length < 5) return { format: 'jpeg', corrupt: 'truncated' };
      return { format: 'jpeg', height: u16be(frame, 1), width: u16be(frame, 3), hasAlpha: false };
    }
    offset += 2 + length;
  }
  return { format: 'jpeg', corrupt: 'malformed' };
}

function probeWebp(head: Uint8Array): ImageProbe {
  const chunk = ascii(head, 12, 4);
  if (chunk === 'VP8 ') {
    if (head.length < 30) return { format: 'webp', corrupt: 'truncated' };
    if (head[23] !== 0x9d || head[24] !== 0x01 || head[25] !== 0x2a) return { format: 'webp', corrupt: 'malformed' };
    return { format: 'webp', width: u16le(head, 26) & 0x3fff, height: u16le(head, 28) & 0x3fff, hasAlpha: false };
  }
  if (chunk === 'VP8L') {
    if (head.length < 25) return { format: 'webp', corrupt: 'truncated' };
    if (head[20] !== 0x2f) return { format: 'webp', corrupt: 'malformed' };
    const bits = u32le(head, 21);
    return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, hasAlpha: ((bits >>> 28) & 1) === 1 };
  }
  if (chunk === 'VP8X') {
    if (head.length < 30) return { format: 'webp', corrupt: 'truncated' };
    return { format: 'webp', width: u24le(head, 24) + 1, height: u24le(head, 27) + 1, hasAlpha: ((head[20] ?? 0) & 0x10) !== 0 };
  }
  return { format: 'webp', corrupt: head.length < 16 ? 'truncated' : 'malformed' };
}

function probeBmp(head: Uint8Array, size: number): ImageProbe {
  if (head.length < 30 || size < 30) return { format: 'bmp', corrupt: 'truncated' };
  const dibSize = u32le(head, 14);
  if (dibSize === 12) return { format: 'bmp', width: u16le(head, 18), height: u16le(head, 20), hasAlpha: false };
  if (dibSize < 40) return { format: 'bmp', corrupt: 'malformed' };
  const width = i32le(head, 18);
  const height = Math.abs(i32le(head, 22));
  const bitsPerPixel = u16le(head, 28);
  const compression = u32le(head, 30);
  // 32-bit BMPs with BI_BITFIELDS/BI_ALPHABITFIELDS and an alpha mask (V4/V5 headers) carry alpha.
  const alphaMask = dibSize >= 56 && head.length >= 58 ? u32le(head, 54) : 0;
  const hasAlpha = bitsPerPixel === 32 && (compression === 3 || compression === 6) && alphaMask !== 0;
  if (width <= 0) return { format: 'bmp', corrupt: 'malformed' };
  return { format: 'bmp', width, height, hasAlpha };
}
