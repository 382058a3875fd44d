import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probeAudio } from '../../../../src/core/inputs/audioProbe';
import { bufferSource } from '../../../../src/core/inputs/imageProbe';
import { mp3Frames, wavTone } from '../../../support/fixtures/audio';

const probe = (bytes: Buffer) => probeAudio(bufferSource(bytes));
/** One MPEG-1 Layer III frame at 44.1 kHz lasts 1152 samples. */
const FRAME_SECONDS = 1152 / 44100;

/** A RIFF/WAVE file made of the given chunks, each `[id, body]`. */
function riff(...chunks: Array<[string, Buffer]>): Buffer {
  const parts = chunks.map(([id, body]) => {
    const header = Buffer.alloc(8);
    header.write(id, 0, 'latin1');
    header.writeUInt32LE(body.length, 4);
    return Buffer.concat([header, body]);
  });
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.write('WAVE', 8, 'latin1');
  return Buffer.concat([head, ...parts]);
}

describe('audio probe (headers only)', () => {
  it('reads a WAV’s duration from its byte rate and data size', async () => {
    const result = await probe(wavTone(3.5));
    assert.equal(result.format, 'wav');
    assert.equal(result.seconds, 3.5);
    assert.equal(result.corrupt, undefined);
  });

  it('skips chunks it does not know before the data chunk', async () => {
    const tone = wavTone(2);
    const withList = Buffer.concat([tone.subarray(0, 36), Buffer.from('LIST\x05\x00\x00\x00abcde\x00', 'latin1'), tone.subarray(36)]);
    assert.equal((await probe(withList)).seconds, 2);
  });

  it('counts only the data bytes present when a WAV is cut short', async () => {
    const tone = wavTone(4, 8000);
    const half = tone.subarray(0, 44 + 2 * 8000 * 2);
    assert.equal((await probe(half)).seconds, 2);
  });

  it('calls a WAV without a format chunk before its data malformed, and one without data truncated', async () => {
    assert.deepEqual(await probe(riff(['data', Buffer.alloc(100)])), { format: 'wav', corrupt: 'malformed' });
    assert.equal((await probe(wavTone(1).subarray(0, 36))).corrupt, 'truncated');
    assert.equal((await probe(riff(['fmt ', Buffer.alloc(8)]))).corrupt, 'truncated');
  });

  it('adds up MP3 frame durations, with or without an ID3 tag', async () => {
    const tagged = await probe(mp3Frames(120));
    assert.equal(tagged.format, 'mp3');
    assert.ok(Math.abs((tagged.seconds ?? 0) - 120 * FRAME_SECONDS) < 1e-9, String(tagged.seconds));
    const bare = await probe(mp3Frames(40, false));
    assert.ok(Math.abs((bare.seconds ?? 0) - 40 * FRAME_SECONDS) < 1e-9, String(bare.seconds));
  });

  it('steps over a padded frame’s extra byte', async () => {
    const padded = Buffer.alloc(418);
    padded.set([0xff, 0xfb, 0x92, 0x00]);
    const result = await probe(Buffer.concat(Array.from({ length: 10 }, () => padded)));
    assert.ok(Math.abs((result.seconds ?? 0) - 10 * FRAME_SECONDS) < 1e-9, String(result.seconds));
  });

  it('stops at a trailing tag after the last MP3 frame', async () => {
    const withTrailer = Buffer.concat([mp3Frames(10), Buffer.from('TAG', 'latin1'), Buffer.alloc(125)]);
    assert.ok(Math.abs(((await probe(withTrailer)).seconds ?? 0) - 10 * FRAME_SECONDS) < 1e-9);
  });

  it('calls an ID3 tag followed by no frame malformed, and a tag with nothing after it truncated', async () => {
    const tag = mp3Frames(0);
    assert.deepEqual(await probe(Buffer.concat([tag, Buffer.from('not an mpeg frame')])), { format: 'mp3', corrupt: 'malformed' });
    assert.deepEqual(await probe(tag), { format: 'mp3', corrupt: 'truncated' });
  });

  it('reports empty files and names nothing it does not recognise', async () => {
    assert.deepEqual(await probe(Buffer.alloc(0)), { format: 'unknown', corrupt: 'empty' });
    assert.deepEqual(await probe(Buffer.from('OggS\0\x02 not audio we take')), { format: 'unknown' });
  });
});
