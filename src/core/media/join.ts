import { extname } from 'node:path';
import { TIME_TOLERANCE } from './cutTail';
import { type AudioOutcome, type CutNote, type JoinPlan, type JoinRefusal, type JoinSource, planJoin } from './joinPlan';
import { mediabunny, type Mediabunny } from './mediabunny';
import { withMediaFile } from './mediaFile';
import { readMediaInfo } from './mediaInfo';
import { interleave, packetsOf, Remux } from './remux';
import { writeBeside } from './writeBeside';

export type { JoinSource } from './joinPlan';

export interface JoinOptions {
  /** Leave out the frame two segments share at each cut, where a packet copy can (default true). */
  hideSharedFrames?: boolean;
  signal?: AbortSignal;
}

export type JoinResult =
  | {
      kind: 'joined';
      file: string;
      /** The joined file's duration, read back from it. */
      seconds: number;
      /** Each segment's length, and how much of it the film uses. */
      segments: Array<{ file: string; seconds: number; used: number }>;
      cuts: CutNote[];
      audio: AudioOutcome;
    }
  | JoinRefusal
  | { kind: 'target-exists'; file: string };

/**
 * Joins mp4/mov segments into one file at `target` without re-encoding: packets are streamed from each segment in
 * turn into one video track (and one audio track when every segment's sound is alike), so memory does not grow
 * with the film. Segments that cannot share a track are refused before anything is written, saying which and why;
 * they are only ever read. `target` is never replaced, and a join that fails or is interrupted leaves nothing there.
 * A segment given as `{ file, until }` ends just before its keyframe at `until` (a clean cut, nothing re-encoded).
 */
export async function joinSegments(files: readonly (string | JoinSource)[], target: string, options: JoinOptions = {}): Promise<JoinResult> {
  if (files.length === 0) throw new Error('nothing to join');
  const plan = await planJoin(files, options.hideSharedFrames ?? true);
  if (plan.kind === 'refused') return plan;
  const container = extname(target).toLowerCase() === '.mov' ? 'mov' : 'mp4';
  const written = await writeBeside(target, async (temporary) => {
    const audioGaps = await stream(plan, temporary, container, options.signal);
    const made = await readMediaInfo(temporary);
    if (made.kind !== 'media' || made.duration === undefined) throw new Error('the joined file could not be read back');
    return { seconds: made.duration, audioGaps };
  });
  if (written.kind === 'target-exists') return { kind: 'target-exists', file: target };
  const withAudio = plan.audio.kind === 'joined';
  return {
    kind: 'joined',
    file: target,
    seconds: written.value.seconds,
    segments: plan.segments.map((segment, index) => ({ file: segment.file, seconds: segment.video.end - segment.video.start, used: plan.used[index] as number })),
    cuts: plan.cuts.map((cut) => (withAudio ? { ...cut, audioGap: written.value.audioGaps[cut.after] ?? 0 } : cut)),
    audio: plan.audio,
  };
}

/** Writes the film; returns, per cut, the silent gap left where sound that ran past the cut was left out. */
async function stream(plan: JoinPlan, temporary: string, container: 'mp4' | 'mov', signal: AbortSignal | undefined): Promise<number[]> {
  const [first] = plan.segments;
  if (!first) throw new Error('nothing to join');
  const sum = (count: (index: number) => number) => plan.segments.reduce((total, _, index) => total + count(index), 0);
  const withAudio = plan.audio.kind === 'joined' && first.audio !== undefined;
  const remux = await Remux.start(temporary, container, {
    video: { ...first.video, maxPackets: sum((index) => plan.segments[index]?.video.maxPackets ?? 0) },
    audio: withAudio && first.audio ? { ...first.audio, maxPackets: sum((index) => plan.segments[index]?.audio?.maxPackets ?? 0) } : undefined,
  });
  const gaps: number[] = [];
  const audio = { end: -Infinity };
  try {
    for (const index of plan.segments.keys()) {
      await copySegment(plan, index, remux, withAudio, audio, signal);
      const next = plan.offsets[index + 1];
      if (next !== undefined) gaps.push(Math.max(0, next - audio.end));
    }
    await remux.finish();
    return gaps;
  } catch (error) {
    await remux.cancel();
    throw error;
  }
}

async function copySegment(plan: JoinPlan, index: number, remux: Remux, withAudio: boolean, audio: { end: number }, signal: AbortSignal | undefined): Promise<void> {
  const segment = plan.segments[index];
  if (!segment) return;
  const cutBefore = plan.offsets[index] as number;
  const cutAfter = plan.offsets[index + 1];
  const shift = cutBefore - segment.video.start;
  const hidden = plan.hide[index] ? segment.lastFrame.timestamp : undefined;
  const mb = mediabunny();
  await withMediaFile(segment.file, async ({ input }) => {
    const videoSink = new mb.EncodedPacketSink((await input.getPrimaryVideoTrack()) as Mediabunny.InputVideoTrack);
    const audioTrack = withAudio ? await input.getPrimaryAudioTrack() : null;
    const audioPackets = audioTrack ? packetsOf(new mb.EncodedPacketSink(audioTrack)) : undefined;
    const videoPackets = packetsOf(videoSink);
    for await (const { kind, packet } of interleave(segment.until === undefined ? videoPackets : before(videoPackets, segment.until), audioPackets)) {
      signal?.throwIfAborted();
      const timestamp = packet.timestamp + shift;
      if (kind === 'video') {
        if (hidden === undefined || Math.abs(packet.timestamp - hidden) > 1e-9) await remux.addVideo(packet.clone({ timestamp }));
        continue;
      }
      // Sound before this segment's first frame (an encoder's priming) only plays at the very start of the film;
      // sound running past the next cut would overlap the next segment's.
      const beforeStart = index > 0 && (timestamp < cutBefore - TIME_TOLERANCE || timestamp < audio.end - TIME_TOLERANCE);
      const pastCut = cutAfter !== undefined && timestamp + packet.duration > cutAfter + TIME_TOLERANCE;
      if (beforeStart || pastCut) continue;
      await remux.addAudio(packet.clone({ timestamp }));
      audio.end = timestamp + packet.duration;
    }
  }, 'stream');
}

/** A segment's video packets, in decode order, up to (not including) its keyframe at `time`. */
async function* before(packets: AsyncIterable<Mediabunny.EncodedPacket>, time: number): AsyncGenerator<Mediabunny.EncodedPacket> {
  for await (const packet of packets) {
    if (packet.type === 'key' && Math.abs(packet.timestamp - time) <= TIME_TOLERANCE) return;
    yield packet;
  }
}
