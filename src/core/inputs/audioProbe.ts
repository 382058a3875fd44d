import type { ByteSource } from './imageProbe';

/** Reads a WAV's or an MP3's format and duration from its headers and frame headers (no decoding). */
export interface AudioProbe {
  format: 'wav' | 'mp3' | 'unknown';
  seconds?: number;
  corrupt?: 'empty' | 'truncated' | 'malformed';
}

const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));
const u32le = (b: Uint8Array, o: number) => ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16)) + (b[o + 3] ?? 0) * 16777216;

export async function probeAudio(source: ByteSource): Promise<AudioProbe> {
  if (source.size === 0) return { format: 'unknown', corrupt: 'empty' };
  const head = await source.read(0, 12);
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return probeWav(source);
  if (ascii(head, 0, 3) === 'ID3' || ((head[0] ?? 0) === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return probeMp3(source);
  return { format: 'unknown' };
}

async function probeWav(source: ByteSource): Promise<AudioProbe> {
  let offset = 12;
  let byteRate = 0;
  for (let chunks = 0; chunks < 64 && offset + 8 <= source.size; chunks++) {
    const header = await source.read(offset, 8);
    const id = ascii(header, 0, 4);
    const size = u32le(header, 4);
    if (id === 'fmt ') {
      const fmt = await source.read(offset + 8, 16);
      if (fmt.length < 16) return { format: 'wav', corrupt: 'truncated' };
      byteRate = u32le(fmt, 8);
    } else if (id === 'data') {
      if (byteRate === 0) return { format: 'wav', corrupt: 'malformed' };
      const available = Math.min(size, source.size - offset - 8);
      return { format: 'wav', seconds: available / byteRate };
    }
    offset += 8 + size + (size % 2);
  }
  return { format: 'wav', corrupt: 'truncated' };
}

const BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** Walks MPEG audio frame headers and adds up their durations; reads 4 bytes per frame. */
async function probeMp3(source: ByteSource): Promise<AudioProbe> {
  let offset = 0;
  const id3 = await source.read(0, 10);
  if (ascii(id3, 0, 3) === 'ID3') {
    const size = (((id3[6] ?? 0) & 0x7f) << 21) | (((id3[7] ?? 0) & 0x7f) << 14) | (((id3[8] ?? 0) & 0x7f) << 7) | ((id3[9] ?? 0) & 0x7f);
    offset = 10 + size;
  }
  let seconds = 0;
  let frames = 0;
  const window = 64 * 1024;
  let buffer: Uint8Array = new Uint8Array(0);
  let bufferStart = offset;
  while (offset + 4 <= source.size && frames < 200_000) {
    if (offset + 4 > bufferStart + buffer.length) {
      bufferStart = offset;
      buffer = await source.read(offset, window);
    }
    const at = offset - bufferStart;
    const b1 = buffer[at + 1] ?? 0;
    const b2 = buffer[at + 2] ?? 0;
    if (buffer[at] !== 0xff || (b1 & 0xe0) !== 0xe0) {
      if (frames === 0) return { format: 'mp3', corrupt: 'malformed' };
      break; // trailing tag (ID3v1, APE) after the last frame
    }
    const version = (b1 >> 3) & 3;
    const layer = (b1 >> 1) & 3;
    const bitrateIndex = b2 >> 4;
    const rateIndex = (b2 >> 2) & 3;
    const padding = (b2 >> 1) & 1;
    const sampleRate = SAMPLE_RATES[version]?.[rateIndex];
    if (layer !== 1 || version === 1 || !sampleRate || bitrateIndex === 0 || bitrateIndex === 15) {
      if (frames === 0) return { format: 'mp3', corrupt: 'malformed' };
      break;
    }
    const bitrate = (version === 3 ? BITRATES_V1_L3 : BITRATES_V2_L3)[bitrateIndex] as number;
    const samples = version === 3 ? 1152 : 576;
    const length = Math.floor(((samples / 8) * bitrate * 1000) / sampleRate) + padding;
    seconds += samples / sampleRate;
    frames++;
    offset += length;
  }
  return frames === 0 ? { format: 'mp3', corrupt: 'truncated' } : { format: 'mp3', seconds };
}
