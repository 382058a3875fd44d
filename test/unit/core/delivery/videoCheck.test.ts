import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkVideoFile, errorPage, isErrorPageType, MIN_VIDEO_BYTES } from '../../../../src/core/delivery/videoCheck';
import { tempDir } from '../../../support/files';

/** The start of an ISO-BMFF file (an `ftyp` box) padded to `size` bytes. */
function mp4Like(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.writeUInt32BE(24, 0);
  bytes.write('ftypisom\0\0\x02\0isomiso2', 4, 'latin1');
  return bytes;
}

async function check(bytes: Buffer | string) {
  const file = path.join(await tempDir(), 'video.mp4.part');
  await writeFile(file, bytes);
  return checkVideoFile(file);
}

describe('checking a downloaded video', () => {
  it('accepts a file that starts with an ftyp box and is at least the minimum size', async () => {
    assert.equal(await check(mp4Like(MIN_VIDEO_BYTES)), undefined);
    assert.equal(await check(mp4Like(200_000)), undefined);
  });

  it('refuses an ftyp file too small to be a video', async () => {
    const error = await check(mp4Like(MIN_VIDEO_BYTES - 1));
    assert.equal(error?.kind, 'not-a-video');
    assert.equal(error?.step, 'download');
    assert.match(error?.serviceMessage ?? '', /too small/);
  });

  it('refuses an error page served in place of the video, keeping its code and message', async () => {
    const xml = '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>';
    const error = await check(xml.padEnd(MIN_VIDEO_BYTES + 10, ' '));
    assert.equal(error?.kind, 'not-a-video');
    assert.equal(error?.code, 'AccessDenied');
    assert.match(error?.serviceMessage ?? '', /^Request has expired\. — .*no ftyp box/);
    assert.equal((await check('<html><head><title>Bad Gateway</title></head></html>'))?.serviceMessage?.startsWith('Bad Gateway'), true);
    assert.equal((await check(''))?.kind, 'not-a-video');
  });

  it('knows the content types that are never a video', () => {
    for (const type of ['text/html; charset=utf-8', 'application/xml', 'application/json', ' Application/Problem+JSON', ['text/plain']]) {
      assert.equal(isErrorPageType(type), true, String(type));
    }
    for (const type of ['video/mp4', 'application/octet-stream', 'binary/octet-stream', undefined]) {
      assert.equal(isErrorPageType(type), false, String(type));
    }
  });

  it('says an error page’s own code and message, and why it is not a video', () => {
    const error = errorPage('{"code":"NoSuchKey","message":"The key does not exist"}', 'HTTP 200 with application/json');
    assert.equal(error.code, 'NoSuchKey');
    assert.equal(error.serviceMessage, 'The key does not exist — HTTP 200 with application/json');
    assert.equal(errorPage('garbage', 'why').serviceMessage, 'why');
  });
});
