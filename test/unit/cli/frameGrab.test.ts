import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ffmpegArguments, frameIndex } from '../../../src/cli/frameGrab';

describe('frameGrab: which frame ffmpeg is asked for', () => {
  it('first is 0, last is the count less one, --at the frame on screen at that time (clamped to the video)', () => {
    assert.equal(frameIndex({ which: 'first' }, 25, 5), 0);
    assert.equal(frameIndex({ which: 'last' }, 25, 5), 24);
    assert.equal(frameIndex({ which: 'frame', seconds: 0.5 }, 25, 5), 2);
    assert.equal(frameIndex({ which: 'frame', seconds: 0.6 }, 25, 5), 3, '0.6 × 5 is 2.9999… in floats: still frame 3');
    assert.equal(frameIndex({ which: 'frame', seconds: 0.59 }, 25, 5), 2);
    assert.equal(frameIndex({ which: 'frame', seconds: 99 }, 25, 5), 24);
    assert.equal(frameIndex({ which: 'frame', seconds: 1 }, 25, 5, 0.4), 3, 'counted from the track’s start');
  });

  it('asks for that one frame of the first video track as a PNG on stdout, without a shell', () => {
    const args = ffmpegArguments('/v/a b.mp4', 7);
    assert.equal(args[args.indexOf('-i') + 1], '/v/a b.mp4');
    assert.equal(args[args.indexOf('-vf') + 1], 'select=eq(n\\,7)');
    assert.equal(args[args.indexOf('-frames:v') + 1], '1');
    assert.equal(args[args.indexOf('-c:v') + 1], 'png');
    assert.equal(args.at(-1), 'pipe:1');
  });
});
