import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sniff } from '../../../../src/core/media/sniff';
import { encodePng } from '../../../support/fixtures/png';
import { GIF_BYTES } from './mp4Fixtures';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('what a file that is no media is', () => {
  it('names the images and the AVI a user may pick as a clip', () => {
    assert.equal(sniff(GIF_BYTES), 'gif');
    assert.equal(sniff(encodePng({ width: 4, height: 4 })), 'png');
    assert.equal(sniff(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])), 'jpeg');
    assert.equal(sniff(bytes('RIFF\x10\x00\x00\x00WEBPVP8 ')), 'webp');
    assert.equal(sniff(bytes('RIFF\x10\x00\x00\x00AVI LIST')), 'avi');
    assert.equal(sniff(Uint8Array.from([0x42, 0x4d, ...new Array(30).fill(1)])), 'bmp');
  });

  it('calls readable UTF-8 text, even cut inside a character, text; bytes with controls unknown; nothing empty', () => {
    assert.equal(sniff(new Uint8Array(Buffer.from('hello, this was renamed to .mp4\n'))), 'text');
    const chinese = Buffer.from('首段视频说明');
    assert.equal(sniff(new Uint8Array(chinese.subarray(0, chinese.length - 1))), 'text');
    assert.equal(sniff(Uint8Array.from([0, 0, 0, 1, 0x67, 0x42])), 'unknown');
    assert.equal(sniff(Uint8Array.from([0xc3, 0x28, 0x41, 0x42])), 'unknown', 'invalid UTF-8 is not text');
    assert.equal(sniff(new Uint8Array(0)), 'empty');
  });
});
