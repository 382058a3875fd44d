import { type AudioConfig, mediabunny, type Mediabunny, type VideoConfig } from './mediabunny';

export interface RemuxTracks {
  video: { codec: Mediabunny.VideoCodec; config: VideoConfig; matrix: Mediabunny.TransformationMatrix; maxPackets: number };
  audio?: { codec: Mediabunny.AudioCodec; config: AudioConfig; maxPackets: number };
}

/**
 * An mp4 (or mov) being written from packets copied out of other files: no decoding, no encoding. The header is
 * reserved at the front from the packet counts (a "fast start" file that plays while it loads) and the media is
 * written as it comes, so memory does not grow with the file.
 */
export class Remux {
  private videoConfigSent = false;
  private audioConfigSent = false;

  private constructor(
    private readonly output: Mediabunny.Output,
    private readonly tracks: RemuxTracks,
    private readonly video: Mediabunny.EncodedVideoPacketSource,
    private readonly audio: Mediabunny.EncodedAudioPacketSource | undefined,
  ) {}

  static async start(path: string, container: 'mp4' | 'mov', tracks: RemuxTracks): Promise<Remux> {
    const mb = mediabunny();
    const format = container === 'mov' ? new mb.MovOutputFormat({ fastStart: 'reserve' }) : new mb.Mp4OutputFormat({ fastStart: 'reserve' });
    // Unchunked: each flush goes straight to the file (the default gathers 16 MiB chunks, copying every byte again).
    const output = new mb.Output({ format, target: new mb.FilePathTarget(path, { chunked: false }) });
    const video = new mb.EncodedVideoPacketSource(tracks.video.codec);
    output.addVideoTrack(video, { transformationMatrix: tracks.video.matrix, maximumPacketCount: Math.max(1, tracks.video.maxPackets) });
    const audio = tracks.audio ? new mb.EncodedAudioPacketSource(tracks.audio.codec) : undefined;
    if (audio && tracks.audio) output.addAudioTrack(audio, { maximumPacketCount: Math.max(1, tracks.audio.maxPackets) });
    try {
      await output.start();
    } catch (error) {
      await output.cancel(); // releases the file the target opened
      throw error;
    }
    return new Remux(output, tracks, video, audio);
  }

  /** Packets in decode order, each with its presentation time in the new file. */
  async addVideo(packet: Mediabunny.EncodedPacket): Promise<void> {
    const meta = this.videoConfigSent ? undefined : { decoderConfig: this.tracks.video.config };
    this.videoConfigSent = true;
    await this.video.add(packet, meta);
  }

  async addAudio(packet: Mediabunny.EncodedPacket): Promise<void> {
    if (!this.audio || !this.tracks.audio) throw new Error('this file has no audio track');
    const meta = this.audioConfigSent ? undefined : { decoderConfig: this.tracks.audio.config };
    this.audioConfigSent = true;
    await this.audio.add(packet, meta);
  }

  finish(): Promise<void> {
    return this.output.finalize();
  }

  /** Stops writing and releases the file (what was written is left for the caller to remove). */
  async cancel(): Promise<void> {
    if (this.output.state === 'started' || this.output.state === 'pending') await this.output.cancel();
  }
}

/** How to write a copy of `track`: its codec, decoder configuration, orientation and packet count. */
export async function videoTrackPlan(track: Mediabunny.InputVideoTrack): Promise<RemuxTracks['video']> {
  const codec = await track.getCodec();
  const config = await track.getDecoderConfig();
  if (!codec || !config) throw new Error(`the video codec (${String(await track.getInternalCodecId())}) cannot be copied`);
  return { codec, config, matrix: await track.getTransformationMatrix(), maxPackets: (await track.computePacketStats()).packetCount };
}

export async function audioTrackPlan(track: Mediabunny.InputAudioTrack): Promise<NonNullable<RemuxTracks['audio']>> {
  const codec = await track.getCodec();
  const config = await track.getDecoderConfig();
  if (!codec || !config) throw new Error(`the audio codec (${String(await track.getInternalCodecId())}) cannot be copied`);
  return { codec, config, maxPackets: (await track.computePacketStats()).packetCount };
}

/**
 * A track's packets in decode order, from `start` (or the first), one at a time. Not the sink's own `packets()`:
 * that one queues as many packets as the consumer took in the last second — for a fast copy, whole segments in
 * memory (bench/join.mjs: its peak grew with the film).
 */
export async function* packetsOf(sink: Mediabunny.EncodedPacketSink, start?: Mediabunny.EncodedPacket): AsyncGenerator<Mediabunny.EncodedPacket> {
  for (let packet = start ?? (await sink.getFirstPacket()); packet; packet = await sink.getNextPacket(packet)) yield packet;
}

export interface TimedPacket {
  kind: 'video' | 'audio';
  packet: Mediabunny.EncodedPacket;
}

/**
 * A video and an audio packet stream of one file, interleaved by time, so the new file's media is interleaved too
 * (a player reading it does not seek back and forth between two halves of the file).
 */
export async function* interleave(video: AsyncIterable<Mediabunny.EncodedPacket>, audio?: AsyncIterable<Mediabunny.EncodedPacket>): AsyncGenerator<TimedPacket> {
  const videoIterator = video[Symbol.asyncIterator]();
  const audioIterator = audio?.[Symbol.asyncIterator]();
  let nextVideo = await videoIterator.next();
  let nextAudio = audioIterator ? await audioIterator.next() : undefined;
  while (!nextVideo.done || (nextAudio && !nextAudio.done)) {
    const videoFirst = !nextVideo.done && (!nextAudio || nextAudio.done || nextVideo.value.timestamp <= nextAudio.value.timestamp);
    if (videoFirst && !nextVideo.done) {
      yield { kind: 'video', packet: nextVideo.value };
      nextVideo = await videoIterator.next();
    } else if (nextAudio && !nextAudio.done && audioIterator) {
      yield { kind: 'audio', packet: nextAudio.value };
      nextAudio = await audioIterator.next();
    }
  }
}
