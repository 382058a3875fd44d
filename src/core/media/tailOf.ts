import { TIME_TOLERANCE } from './cutTail';
import { mediabunny, type Mediabunny } from './mediabunny';
import { withMediaFile } from './mediaFile';

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

async function videoSink(input: Mediabunny.Input): Promise<Mediabunny.EncodedPacketSink | undefined> {
  const track = await input.getPrimaryVideoTrack();
  return track ? new (mediabunny().EncodedPacketSink)(track) : undefined;
}

/** How many frames from `first` on (decode order) are shown at or after it: what a tail cut from it keeps. */
async function framesFrom(sink: Mediabunny.EncodedPacketSink, first: Mediabunny.EncodedPacket): Promise<number> {
  let count = 0;
  for (let packet: Mediabunny.EncodedPacket | null = first; packet; packet = await sink.getNextPacket(packet, { metadataOnly: true })) {
    if (packet.timestamp >= first.timestamp - TIME_TOLERANCE) count++;
  }
  return count;
}

/**
 * Where in `whole` the clip `tail` begins, when `tail` is a cut of `whole`'s last part made without re-encoding
 * (cutTail.ts): the time (in `whole`) of the keyframe whose bytes are `tail`'s first frame, `tail` holding every
 * frame shown from there to the end. Undefined when `tail` is not such a cut of `whole` (another take, or
 * re-encoded). Reads the tail's first frame and the whole's keyframes and frame headers, not its media.
 */
export async function findTailStart(whole: string, tail: string): Promise<number | undefined> {
  const clip = await withMediaFile(tail, async ({ input }) => {
    const sink = await videoSink(input);
    const first = await sink?.getFirstPacket();
    if (!sink || !first || first.type !== 'key') return undefined;
    return { data: first.data, frames: await framesFrom(sink, first) };
  });
  if (!clip) return undefined;
  return withMediaFile(whole, async ({ input }) => {
    const sink = await videoSink(input);
    if (!sink) return undefined;
    for (let key = await sink.getFirstKeyPacket({ verifyKeyPackets: true }); key; key = await sink.getNextKeyPacket(key, { verifyKeyPackets: true })) {
      if (key.byteLength !== clip.data.byteLength || !sameBytes(key.data, clip.data)) continue;
      if ((await framesFrom(sink, key)) === clip.frames) return key.timestamp;
    }
    return undefined;
  });
}
