import { mediabunny, type Mediabunny } from './mediabunny';
import { type OpenedMedia, withMediaFile } from './mediaFile';
import { type NotMedia, sniff, SNIFF_BYTES } from './sniff';

/** The containers mediabunny reads. Only mp4 and mov are read down to every sample's time; the rest by their header. */
export type Container = 'mp4' | 'mov' | 'webm' | 'mkv' | 'mpegts' | 'mp3' | 'wav' | 'ogg' | 'aac' | 'flac';

export interface VideoTrackInfo {
  id: number;
  /** mediabunny's name (`avc`, `hevc`, `vp9`, `av1`…), or the container's own id when mediabunny does not know it. */
  codec: string;
  /** The full codec string (`avc1.640028`), when known. */
  codecString: string | undefined;
  /** As displayed: pixel aspect and rotation applied. */
  width: number;
  height: number;
  codedWidth: number;
  codedHeight: number;
  rotation: number;
  /** Frames per second over the whole track; undefined when the container was not read down to its samples. */
  frameRate: number | undefined;
  frames: number | undefined;
  /** Presentation time of the first frame and the end of the last, in seconds. */
  start: number;
  end: number;
  /** Presentation times of the keyframes, ascending; only when asked for (`keyframes: true`), for mp4 and mov. */
  keyframes?: number[];
}

export interface AudioTrackInfo {
  id: number;
  codec: string;
  codecString: string | undefined;
  sampleRate: number;
  channels: number;
  start: number;
  end: number;
}

export interface TrackInfo {
  id: number;
  type: 'video' | 'audio' | 'subtitle';
  codec: string;
}

interface FileRead {
  bytes: number;
  mtimeMs: number;
  /** Bytes read to learn all this: the boxes, not the media. */
  bytesRead: number;
}

export type MediaInfo =
  | (FileRead & {
      kind: 'media';
      container: Container;
      /** Seconds, the end of the longest track; undefined when the header does not say. */
      duration: number | undefined;
      tracks: TrackInfo[];
      /** The primary video and audio tracks. */
      video: VideoTrackInfo | undefined;
      audio: AudioTrackInfo | undefined;
    })
  /** A container mediabunny recognises whose tracks cannot be read (cut short, damaged). */
  | (FileRead & { kind: 'damaged'; container: Container; detail: string })
  /** Not a media file: what its first bytes say it is. */
  | (FileRead & { kind: 'not-media'; what: NotMedia });

export interface MediaInfoOptions {
  /** Also list the video's keyframe times (from the sample tables; no media is read). */
  keyframes?: boolean;
}

/**
 * What a local media file is: its container, duration and tracks, read from the file's own headers (for mp4 and mov,
 * the moov box and its sample tables) and never from the media data. Throws only when the file cannot be opened.
 */
export async function readMediaInfo(path: string, options: MediaInfoOptions = {}): Promise<MediaInfo> {
  return withMediaFile(path, async (media) => {
    const file = () => ({ bytes: media.bytes, mtimeMs: media.mtimeMs, bytesRead: media.bytesRead() });
    const readable = media.bytes > 0 && (await media.input.canRead().catch(() => false));
    const container = readable ? containerOf(await media.input.getFormat()) : undefined;
    if (!container) return { kind: 'not-media', what: sniff(await media.readHead(SNIFF_BYTES)), ...file() };
    try {
      const described = await describe(media, container, options);
      return { kind: 'media', container, ...described, ...file() };
    } catch (error) {
      return { kind: 'damaged', container, detail: error instanceof Error ? error.message : String(error), ...file() };
    }
  });
}

/** Undefined for a format this tool has no name for (an HLS playlist is a text file here). */
function containerOf(format: Mediabunny.InputFormat): Container | undefined {
  const mb = mediabunny();
  const known: Array<[Mediabunny.InputFormat, Container]> = [
    [mb.MP4, 'mp4'],
    [mb.QTFF, 'mov'],
    [mb.WEBM, 'webm'],
    [mb.MATROSKA, 'mkv'],
    [mb.MPEG_TS, 'mpegts'],
    [mb.MP3, 'mp3'],
    [mb.WAVE, 'wav'],
    [mb.OGG, 'ogg'],
    [mb.ADTS, 'aac'],
    [mb.FLAC, 'flac'],
  ];
  return known.find(([candidate]) => candidate === format)?.[1];
}

/** Containers whose every sample time sits in a table in the header, so the whole timeline costs no media reads. */
const INDEXED: readonly Container[] = ['mp4', 'mov'];

async function describe(media: OpenedMedia, container: Container, options: MediaInfoOptions) {
  const indexed = INDEXED.includes(container);
  const input = media.input;
  const all = await input.getTracks();
  if (all.length === 0) throw new Error('no tracks: the file is cut short or its header is missing');
  const tracks: TrackInfo[] = await Promise.all(all.map(async (track) => ({ id: track.id, type: track.type, codec: await codecOf(track) })));
  const videoTrack = await input.getPrimaryVideoTrack();
  const audioTrack = await input.getPrimaryAudioTrack();
  if (indexed) await assertComplete([videoTrack, audioTrack]);
  const video = videoTrack ? await describeVideo(videoTrack, indexed, options) : undefined;
  const audio = audioTrack ? await describeAudio(audioTrack, indexed) : undefined;
  const duration = indexed ? await input.computeDuration() : ((await input.getDurationFromMetadata()) ?? undefined);
  return { duration, tracks, video, audio };
}

/** A file cut short keeps its header but loses its last samples: reading each track's last one tells (a few KB). */
async function assertComplete(tracks: Array<Mediabunny.InputTrack | null>): Promise<void> {
  for (const track of tracks) {
    if (track && !(await new (mediabunny().EncodedPacketSink)(track).getPacket(Infinity))) {
      throw new Error(`the ${track.type} track's last samples are missing: the file is cut short`);
    }
  }
}

async function codecOf(track: Mediabunny.InputTrack): Promise<string> {
  const codec = await track.getCodec();
  if (codec) return codec;
  const internal = await track.getInternalCodecId();
  return typeof internal === 'string' ? internal.trim() || 'unknown' : 'unknown';
}

async function describeVideo(track: Mediabunny.InputVideoTrack, indexed: boolean, options: MediaInfoOptions): Promise<VideoTrackInfo> {
  const start = await track.getFirstTimestamp();
  const end = indexed ? await track.computeDuration() : ((await track.getDurationFromMetadata()) ?? start);
  const stats = indexed ? await track.computePacketStats() : undefined;
  const info: VideoTrackInfo = {
    id: track.id,
    codec: await codecOf(track),
    codecString: (await track.getCodecParameterString()) ?? undefined,
    width: await track.getDisplayWidth(),
    height: await track.getDisplayHeight(),
    codedWidth: await track.getCodedWidth(),
    codedHeight: await track.getCodedHeight(),
    rotation: await track.getRotation(),
    frameRate: stats && stats.packetCount > 0 ? stats.averagePacketRate : undefined,
    frames: stats?.packetCount,
    start,
    end,
  };
  if (options.keyframes && indexed) info.keyframes = await keyframeTimes(track);
  return info;
}

async function keyframeTimes(track: Mediabunny.InputVideoTrack): Promise<number[]> {
  const sink = new (mediabunny().EncodedPacketSink)(track);
  const times: number[] = [];
  for (let packet = await sink.getFirstKeyPacket({ metadataOnly: true }); packet; packet = await sink.getNextKeyPacket(packet, { metadataOnly: true })) {
    times.push(packet.timestamp);
  }
  return times.sort((a, b) => a - b);
}

async function describeAudio(track: Mediabunny.InputAudioTrack, indexed: boolean): Promise<AudioTrackInfo> {
  const start = await track.getFirstTimestamp();
  return {
    id: track.id,
    codec: await codecOf(track),
    codecString: (await track.getCodecParameterString()) ?? undefined,
    sampleRate: await track.getSampleRate(),
    channels: await track.getNumberOfChannels(),
    start,
    end: indexed ? await track.computeDuration() : ((await track.getDurationFromMetadata()) ?? start),
  };
}
