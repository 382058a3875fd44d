import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as direct from 'mediabunny';
import { mediabunny } from '../../../../src/core/media/mediabunny';
import { tempDir } from '../../../support/files';

describe('mediabunny, loaded on first use', () => {
  it('is loaded once: every call gives the same module', () => {
    assert.equal(mediabunny(), mediabunny());
  });

  it('is the package the rest of the code imports, so its classes and format singletons are the same', () => {
    assert.equal(mediabunny().Input, direct.Input);
    assert.equal(mediabunny().MP4, direct.MP4);
    assert.equal(mediabunny().EncodedPacketSink, direct.EncodedPacketSink);
  });

  it('is the Node build (resolved through the package exports), whose file targets work', async () => {
    const file = path.join(await tempDir(), 'x.mp4');
    // The browser build throws here: "FilePathTarget is only available in server-side environments".
    assert.ok(new (mediabunny().FilePathTarget)(file));
  });
});
