import { stat } from 'node:fs/promises';
import { readMediaInfo } from '../../../core/media/mediaInfo';
import { type Player, type SoundHere, soundHere, videoPlaysHere } from '../../../shared/playable';

/** What the panel needs of a video file, read from its header (never its media): its sound, frames and size. */
export interface MediaFacts {
  sound: SoundHere;
  fps?: number;
  width?: number;
  height?: number;
  /** The page can decode its frames (to play, to draw one). */
  decodable: boolean;
  videoCodec?: string;
  /** Why it is not a video to take a frame from: not media (and what it is), no video track, empty, damaged. */
  notAVideo?: 'empty' | 'not-media' | 'no-video' | 'damaged';
  what?: string;
}

const UNKNOWN: MediaFacts = { sound: 'unknown', decodable: true };

/**
 * The facts of video files, each read once per (path, size, mtime): a card asks again on every update, and a header
 * read is ~0.3 MB of even a 100 MB file, so a list of takes costs its stats after the first time.
 */
export class MediaFactsCache {
  private readonly cache = new Map<string, Promise<MediaFacts>>();
  /** The last facts read of each file, for a first paint before its (maybe changed) header is read again. */
  private readonly settled = new Map<string, MediaFacts>();

  constructor(private readonly player: Player, private readonly limit = 512) {}

  last(file: string): MediaFacts | undefined {
    return this.settled.get(file);
  }

  async of(file: string): Promise<MediaFacts> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return UNKNOWN;
    const key = keyOf(file, info.size, info.mtimeMs);
    let facts = this.cache.get(key);
    if (!facts) {
      facts = this.read(file, info.size);
      this.cache.set(key, facts);
      if (this.cache.size > this.limit) this.cache.delete(this.cache.keys().next().value as string);
    }
    const read = await facts;
    this.settled.set(file, read);
    if (this.settled.size > this.limit) this.settled.delete(this.settled.keys().next().value as string);
    return read;
  }

  private async read(file: string, bytes: number): Promise<MediaFacts> {
    if (bytes === 0) return { ...UNKNOWN, decodable: false, notAVideo: 'empty' };
    try {
      const info = await readMediaInfo(file);
      if (info.kind === 'not-media') return { ...UNKNOWN, decodable: false, notAVideo: info.what === 'empty' ? 'empty' : 'not-media', what: info.what };
      if (info.kind === 'damaged') return { ...UNKNOWN, decodable: false, notAVideo: 'damaged', what: info.detail };
      const video = info.video;
      const sound = soundHere(info.audio ? info.audio.codec : null, this.player);
      if (!video) return { sound, decodable: false, notAVideo: 'no-video', what: info.container };
      return {
        sound,
        fps: video.frameRate,
        width: video.width,
        height: video.height,
        videoCodec: video.codec,
        decodable: videoPlaysHere(video.codec, this.player),
      };
    } catch {
      return UNKNOWN;
    }
  }
}

const keyOf = (file: string, bytes: number, mtimeMs: number) => `${file}\n${bytes}\n${mtimeMs}`;
