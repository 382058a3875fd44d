import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EncodedPacket, EncodedPacketSink, FilePathSource, Input, ALL_FORMATS } from 'mediabunny';
import { readMediaInfo } from '../../../../src/core/media/mediaInfo';
import { audioTrackPlan, interleave, Remux, videoTrackPlan } from '../../../../src/core/media/remux';
import { tempDir } from '../../../support/files';
import { writeClip } from './mp4Fixtures';

async function* packets(times: number[]): AsyncGenerator<EncodedPacket> {
  for (const time of times) yield new EncodedPacket(new Uint8Array(1), 'key', time, 0.01);
}

describe('copying packets into a new file', () => {
  it('interleaves a video and an audio stream by time, keeping each stream in its own order', async () => {
    const seen: string[] = [];
    for await (const { kind, packet } of interleave(packets([0, 0.1, 0.05, 0.2]), packets([0, 0.04, 0.08, 0.3]))) seen.push(`${kind[0]}${packet.timestamp}`);
    assert.deepEqual(seen, ['v0', 'a0', 'a0.04', 'a0.08', 'v0.1', 'v0.05', 'v0.2', 'a0.3']);
    const alone: string[] = [];
    for await (const { kind } of interleave(packets([0, 1]))) alone.push(kind);
    assert.deepEqual(alone, ['video', 'video']);
  });

  it('writes a copy of a clip, packet for packet, with its codecs and length, and the header in front', async () => {
    const dir = await tempDir();
    const source = await writeClip(path.join(dir, 'in.mp4'), { width: 320, height: 240, seconds: 2, audio: {} });
    const input = new Input({ source: new FilePathSource(source), formats: ALL_FORMATS });
    const video = await input.getPrimaryVideoTrack();
    const audio = await input.getPrimaryAudioTrack();
    assert.ok(video && audio);
    const copy = path.join(dir, 'copy.mp4');
    const remux = await Remux.start(copy, 'mp4', { video: await videoTrackPlan(video), audio: await audioTrackPlan(audio) });
    for await (const { kind, packet } of interleave(new EncodedPacketSink(video).packets(), new EncodedPacketSink(audio).packets())) {
      if (kind === 'video') await remux.addVideo(packet);
      else await remux.addAudio(packet);
    }
    await remux.finish();
    input.dispose();
    const [before, after] = [await readMediaInfo(source), await readMediaInfo(copy)];
    assert.ok(before.kind === 'media' && after.kind === 'media');
    assert.equal(after.duration, before.duration);
    assert.deepEqual(after.tracks.map((track) => track.codec), ['avc', 'aac']);
    assert.equal(after.video?.frames, before.video?.frames);
    assert.equal(after.bytesRead < 8192, true, 'its header is at the front: reading it costs a few KB');
  });

  it('refuses sound on a file planned without an audio track', async () => {
    const dir = await tempDir();
    const source = await writeClip(path.join(dir, 'in.mp4'), { width: 320, height: 240, seconds: 1 });
    const input = new Input({ source: new FilePathSource(source), formats: ALL_FORMATS });
    const video = await input.getPrimaryVideoTrack();
    assert.ok(video);
    const remux = await Remux.start(path.join(dir, 'copy.mp4'), 'mp4', { video: await videoTrackPlan(video) });
    await assert.rejects(remux.addAudio(new EncodedPacket(new Uint8Array(4), 'key', 0, 0.02)), /no audio track/);
    await remux.cancel();
    input.dispose();
  });
});
