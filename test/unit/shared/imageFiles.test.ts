import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseName, isAudioFileName, isFrameFileName } from '../../../src/shared/imageFiles';

describe('frame file names', () => {
  it('accepts the five image extensions in any case', () => {
    for (const name of ['a.png', 'b.JPG', 'c.jpeg', 'd.WebP', 'e.bmp', '/x/y/Frame.PNG', 'C:\\shots\\f.Jpeg']) {
      assert.equal(isFrameFileName(name), true, name);
    }
  });
  it('refuses other files, dot-files and names without an extension', () => {
    for (const name of ['a.gif', 'b.tiff', 'c.heic', 'notes.txt', 'png', '.png', 'a.png.txt', '/dir.png/file']) {
      assert.equal(isFrameFileName(name), false, name);
    }
  });
  it('knows driving-audio files', () => {
    assert.equal(isAudioFileName('voice.WAV'), true);
    assert.equal(isAudioFileName('song.mp3'), true);
    assert.equal(isAudioFileName('song.ogg'), false);
  });
  it('takes the base name of POSIX and Windows paths', () => {
    assert.equal(baseName('/a/b/c.png'), 'c.png');
    assert.equal(baseName('C:\\a\\d.jpg'), 'd.jpg');
    assert.equal(baseName('/a/b/'), 'b');
  });
});
