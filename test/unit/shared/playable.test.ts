import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { soundHere, videoPlaysHere } from '../../../src/shared/playable';

describe('what plays where', () => {
  it('desktop VS Code plays AAC silently; a browser plays it', () => {
    assert.equal(soundHere('aac', 'desktop'), 'muted-here');
    assert.equal(soundHere('aac', 'browser'), 'plays');
    assert.equal(soundHere('opus', 'desktop'), 'muted-here', 'Opus is not on the approved list either');
  });

  it('desktop plays the approved sound codecs', () => {
    for (const codec of ['vorbis', 'flac', 'mp3', 'pcm-s16']) assert.equal(soundHere(codec, 'desktop'), 'plays', codec);
  });

  it('tells a video without sound from one whose tracks could not be read', () => {
    assert.equal(soundHere(null, 'desktop'), 'silent');
    assert.equal(soundHere(undefined, 'browser'), 'unknown');
  });

  it('desktop decodes H.264 and VP8 only; a browser all but HEVC', () => {
    assert.equal(videoPlaysHere('avc', 'desktop'), true);
    assert.equal(videoPlaysHere('vp8', 'desktop'), true);
    assert.equal(videoPlaysHere('vp9', 'desktop'), false);
    assert.equal(videoPlaysHere('av1', 'desktop'), false);
    assert.equal(videoPlaysHere('hevc', 'browser'), false);
    assert.equal(videoPlaysHere('vp9', 'browser'), true);
  });
});
