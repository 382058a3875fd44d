import { TIME_TOLERANCE } from './cutTail';
import { type AudioConfig, mediabunny, type Mediabunny, type VideoConfig } from './mediabunny';
import { withMediaFile } from './mediaFile';
import { readMediaInfo } from './mediaInfo';
import { audioTrackPlan, type RemuxTracks, videoTrackPlan } from './remux';

/** What a join needs of one segment, read from its header (and its last frame's timing). */
export interface SegmentFacts {
  file: string;
  video: RemuxTracks['video'] & { start: number; end: number };
  audio: NonNullable<RemuxTracks['audio']> | undefined;
  /** The frame shown last, and whether it is also the last one decoded (nothing decoded after it refers to it). */
  lastFrame: { timestamp: number; decodedLast: boolean };
  /** The segment ends just before its keyframe at this time (its own timeline): see JoinSource. */
  until?: number;
}

/**
 * One segment of a join: a file, whole, or only up to its keyframe at `until` seconds (exclusive) — for a segment
 * the next one continued from that keyframe on (the next take begins with those very frames).
 */
export interface JoinSource {
  file: string;
  until?: number;
}

export const sourceOf = (source: string | JoinSource): JoinSource => (typeof source === 'string' ? { file: source } : source);

/** Why segments are not joined; `segment` is the 0-based index of the first one that does not fit. */
export interface JoinRefusal {
  kind: 'refused';
  segment: number;
  file: string;
  reason: 'not-a-video' | 'codec' | 'dimensions' | 'decoder-config' | 'orientation' | 'no-keyframe-at-cut';
  detail: string;
}

export type AudioOutcome =
  | { kind: 'joined'; codec: string; sampleRate: number; channels: number }
  /** No segment has sound. */
  | { kind: 'none' }
  /** Segments differ in sound (one has none, or another codec or layout): the film is joined without it. */
  | { kind: 'left-out'; segment: number; detail: string };

/** What happened where two segments meet. `at`: the cut's time in the joined file. */
export interface CutNote {
  after: number;
  at: number;
  /**
   * `hid-last-frame`: the earlier segment's last frame (the frame the next one starts from) was left out, so it
   * shows once. `kept-both`: both copies show, one frame apart; `why` says what prevented hiding one.
   * `trimmed-head-at`: the earlier segment stops just before its keyframe at `trimmedAt` (seconds in that
   * segment), where the next one, which continued it from there, starts: nothing shows twice.
   */
  frame: 'hid-last-frame' | 'kept-both' | 'trimmed-head-at';
  trimmedAt?: number;
  why?: 'not-asked' | 'reordered-frames';
  /** Seconds of the frame left out (0 when kept). */
  hidden: number;
  /** Sound that did not fit before the cut, left as a silent gap (seconds), when the film has sound. */
  audioGap?: number;
}

export interface JoinPlan {
  kind: 'plan';
  segments: SegmentFacts[];
  /** Where each segment starts in the joined file, and how much of it is used (seconds). */
  offsets: number[];
  used: number[];
  hide: boolean[];
  audio: AudioOutcome;
  cuts: CutNote[];
}

const sameBytes = (a: unknown, b: unknown) => Buffer.from(bytesOf(a)).equals(Buffer.from(bytesOf(b)));

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return new Uint8Array(0);
}

async function readSegment({ file, until }: JoinSource, index: number): Promise<SegmentFacts | JoinRefusal> {
  const info = await readMediaInfo(file);
  const refuse = (detail: string): JoinRefusal => ({ kind: 'refused', segment: index, file, reason: 'not-a-video', detail });
  if (info.kind === 'not-media') return refuse(`it is not a video (${info.what})`);
  if (info.kind === 'damaged') return refuse(`it cannot be read: ${info.detail}`);
  if (info.container !== 'mp4' && info.container !== 'mov') return refuse(`it is ${info.container}, not mp4 or mov`);
  if (!info.video) return refuse('it has no video track');
  return withMediaFile(file, async ({ input }) => {
    const videoTrack = (await input.getPrimaryVideoTrack()) as Mediabunny.InputVideoTrack;
    const audioTrack = await input.getPrimaryAudioTrack();
    const sink = new (mediabunny().EncodedPacketSink)(videoTrack);
    const last = await sink.getPacket(Infinity, { metadataOnly: true });
    if (!last) throw new Error(`${file} has no video frames`);
    const decodedLast = (await sink.getNextPacket(last, { metadataOnly: true })) === null;
    if (until !== undefined) {
      const key = await sink.getKeyPacket(until, { verifyKeyPackets: true });
      const start = info.video?.start ?? 0;
      if (!key || Math.abs(key.timestamp - until) > TIME_TOLERANCE || until <= start + TIME_TOLERANCE) {
        return { kind: 'refused', segment: index, file, reason: 'no-keyframe-at-cut', detail: `it has no keyframe at ${until} s to end at without re-encoding` };
      }
    }
    return {
      file,
      video: { ...(await videoTrackPlan(videoTrack)), start: info.video?.start ?? 0, end: info.video?.end ?? 0 },
      audio: audioTrack ? await audioTrackPlan(audioTrack) : undefined,
      lastFrame: { timestamp: last.timestamp, decodedLast },
      ...(until === undefined ? {} : { until }),
    };
  });
}

const describeVideo = (config: VideoConfig) => `${config.codec} ${config.codedWidth}×${config.codedHeight}`;

function videoMismatch(first: SegmentFacts, other: SegmentFacts, index: number): JoinRefusal | undefined {
  const a = first.video.config;
  const b = other.video.config;
  const refuse = (reason: JoinRefusal['reason'], detail: string): JoinRefusal => ({ kind: 'refused', segment: index, file: other.file, reason, detail });
  if (first.video.codec !== other.video.codec) return refuse('codec', `its video is ${b.codec} where the first segment's is ${a.codec}`);
  if (a.codedWidth !== b.codedWidth || a.codedHeight !== b.codedHeight) {
    return refuse('dimensions', `it is ${b.codedWidth}×${b.codedHeight} where the first segment is ${a.codedWidth}×${a.codedHeight}`);
  }
  if (a.codec !== b.codec || !sameBytes(a.description, b.description)) {
    return refuse('decoder-config', `its ${describeVideo(b)} stream was encoded with other settings (profile, level or parameter sets) than the first segment's ${describeVideo(a)}`);
  }
  if (first.video.matrix.join() !== other.video.matrix.join()) return refuse('orientation', 'it is rotated or flipped differently from the first segment');
  return undefined;
}

const describeAudio = (config: AudioConfig) => `${config.codec} ${config.sampleRate} Hz ${config.numberOfChannels} ch`;

function audioOutcome(segments: SegmentFacts[]): AudioOutcome {
  const first = segments.find((segment) => segment.audio)?.audio;
  if (!first) return { kind: 'none' };
  for (const [index, segment] of segments.entries()) {
    const audio = segment.audio;
    if (!audio) return { kind: 'left-out', segment: index, detail: `segment ${index + 1} has no sound` };
    const same = audio.codec === first.codec && audio.config.sampleRate === first.config.sampleRate && audio.config.numberOfChannels === first.config.numberOfChannels && sameBytes(audio.config.description, first.config.description);
    if (!same) return { kind: 'left-out', segment: index, detail: `segment ${index + 1}'s sound is ${describeAudio(audio.config)} where another's is ${describeAudio(first.config)}` };
  }
  return { kind: 'joined', codec: first.codec, sampleRate: first.config.sampleRate, channels: first.config.numberOfChannels };
}

/**
 * Reads every segment's header and decides the join before anything is written: whether the segments can share one
 * video track (same codec, size, decoder configuration and orientation), whether their sound can be joined, and
 * where each cut falls. At each cut the earlier segment's last frame is the later one's first: it is left out when
 * it is the last frame decoded as well as shown (nothing refers to it), which a packet copy can do; otherwise both
 * copies stay. A segment given `until` ends just before that keyframe, and nothing of it is hidden.
 */
export async function planJoin(files: readonly (string | JoinSource)[], hideSharedFrames = true): Promise<JoinPlan | JoinRefusal> {
  const segments: SegmentFacts[] = [];
  for (const [index, file] of files.entries()) {
    const read = await readSegment(sourceOf(file), index);
    if ('kind' in read) return read;
    const mismatch = segments[0] ? videoMismatch(segments[0], read, index) : undefined;
    if (mismatch) return mismatch;
    segments.push(read);
  }
  const last = segments.length - 1;
  const hide = segments.map((segment, index) => hideSharedFrames && index < last && segment.until === undefined && segment.lastFrame.decodedLast);
  const used = segments.map((segment, index) => (segment.until ?? (hide[index] ? segment.lastFrame.timestamp : segment.video.end)) - segment.video.start);
  const offsets = used.map((_, index) => used.slice(0, index).reduce((sum, seconds) => sum + seconds, 0));
  const cuts: CutNote[] = segments.slice(0, last).map((segment, index) => {
    const at = offsets[index + 1] as number;
    if (segment.until !== undefined) return { after: index, at, frame: 'trimmed-head-at', trimmedAt: segment.until, hidden: 0 };
    return {
      after: index,
      at,
      frame: hide[index] ? 'hid-last-frame' : 'kept-both',
      ...(hide[index] ? {} : { why: hideSharedFrames ? 'reordered-frames' : 'not-asked' }),
      hidden: hide[index] ? segment.video.end - segment.lastFrame.timestamp : 0,
    };
  });
  return { kind: 'plan', segments, offsets, used, hide, audio: audioOutcome(segments), cuts };
}
