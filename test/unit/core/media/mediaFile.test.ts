import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { withMediaFile } from '../../../../src/core/media/mediaFile';
import { tempDir } from '../../../support/files';
import { writeClip } from './mp4Fixtures';

const openFiles = () => readdirSync('/proc/self/fd').length;

describe('a media file opened for mediabunny', () => {
  it('counts the bytes mediabunny reads: a header is a small part of the file', async () => {
    const file = await writeClip(path.join(await tempDir(), 'a.mp4'), { width: 320, height: 240, seconds: 3, audio: {} });
    const seen = await withMediaFile(file, async (media) => {
      const before = media.bytesRead();
      const track = await media.input.getPrimaryVideoTrack();
      return { before, after: media.bytesRead(), width: await track?.getCodedWidth(), bytes: media.bytes };
    });
    assert.equal(seen.before, 0);
    assert.equal(seen.width, 320);
    assert.ok(seen.after > 0 && seen.after < seen.bytes / 10, `${seen.after} of ${seen.bytes} bytes`);
  });

  it('closes the file whether the work succeeds or throws, and passes the error on', async () => {
    const file = await writeClip(path.join(await tempDir(), 'a.mp4'), { width: 320, height: 240, seconds: 2 });
    const before = openFiles();
    await withMediaFile(file, async (media) => media.input.getTracks());
    await assert.rejects(withMediaFile(file, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.equal(openFiles(), before);
  });

  it('refuses a folder and a missing file with their file-system codes', async () => {
    const dir = await tempDir();
    await assert.rejects(withMediaFile(dir, async () => 0), (error: NodeJS.ErrnoException) => error.code === 'EISDIR');
    await assert.rejects(withMediaFile(path.join(dir, 'gone.mp4'), async () => 0), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
  });
});
