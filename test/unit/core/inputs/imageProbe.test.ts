import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferSource, probeImage } from '../../../../src/core/inputs/imageProbe';
import { bmpHeader, GIF, HEIC, jpegHeader, pngClaiming, TIFF, webpVp8, webpVp8l, webpVp8x } from '../../../support/fixtures/badImages';
import { encodePng } from '../../../support/fixtures/png';

const probe = (bytes: Buffer) => probeImage(bufferSource(bytes));

describe('image probe (headers only)', () => {
  it('reads PNG size and alpha from colour type and tRNS', async () => {
    assert.deepEqual(await probe(encodePng({ width: 640, height: 360 })), { format: 'png', width: 640, height: 360, hasAlpha: false });
    assert.equal((await probe(encodePng({ width: 4, height: 4, alpha: true }))).hasAlpha, true);
    assert.equal((await probe(encodePng({ width: 4, height: 4, trns: true }))).hasAlpha, true);
  });

  it('finds a JPEG frame header after a large EXIF block', async () => {
    assert.deepEqual(await probe(jpegHeader(4000, 3000)), { format: 'jpeg', width: 4000, height: 3000, hasAlpha: false });
    assert.deepEqual(await probe(jpegHeader(1024, 768, 60_000)), { format: 'jpeg', width: 1024, height: 768, hasAlpha: false });
  });

  it('reads the three WEBP flavours, with alpha', async () => {
    assert.deepEqual(await probe(webpVp8(800, 600)), { format: 'webp', width: 800, height: 600, hasAlpha: false });
    assert.deepEqual(await probe(webpVp8l(300, 200, true)), { format: 'webp', width: 300, height: 200, hasAlpha: true });
    assert.deepEqual(await probe(webpVp8x(5000, 1000, false)), { format: 'webp', width: 5000, height: 1000, hasAlpha: false });
  });

  it('reads BMP, top-down included, and 32-bit alpha masks', async () => {
    assert.deepEqual(await probe(bmpHeader(640, 480)), { format: 'bmp', width: 640, height: 480, hasAlpha: false });
    assert.equal((await probe(bmpHeader(64, 64, 32, 0xff000000))).hasAlpha, true);
  });

  it('names the formats the service refuses', async () => {
    assert.equal((await probe(GIF)).format, 'gif');
    assert.equal((await probe(TIFF)).format, 'tiff');
    assert.equal((await probe(HEIC)).format, 'heic');
    assert.equal((await probe(Buffer.from('hello, I am text'))).format, 'unknown');
  });

  it('reports empty, truncated and malformed headers instead of crashing', async () => {
    assert.equal((await probe(Buffer.alloc(0))).corrupt, 'empty');
    assert.equal((await probe(encodePng({ width: 4, height: 4 }).subarray(0, 20))).corrupt, 'truncated');
    assert.equal((await probe(jpegHeader(100, 100).subarray(0, 26))).corrupt, 'truncated');
    assert.equal((await probe(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0x00, 0x00]))).corrupt, 'malformed');
    const absurd = await probe(pngClaiming(100_000, 100_000));
    assert.deepEqual([absurd.width, absurd.height], [100_000, 100_000]);
  });

  it('never throws on random bytes', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const starts = [encodePng({ width: 8, height: 8 }), jpegHeader(50, 50), webpVp8x(9, 9, true), bmpHeader(9, 9)];
    for (let i = 0; i < 400; i++) {
      const base = Buffer.from(starts[i % starts.length] as Buffer);
      for (let flips = 0; flips < 4; flips++) base[Math.floor(random() * base.length)] = Math.floor(random() * 256);
      await probe(base.subarray(0, Math.floor(random() * base.length) + 1));
    }
  });
});
