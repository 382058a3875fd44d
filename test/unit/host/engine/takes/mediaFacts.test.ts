import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { MediaFactsCache } from '../../../../../src/host/engine/takes/mediaFacts';
import { tempDir } from '../../../../support/files';
import { writeClip, writeWebm } from '../../../core/media/mp4Fixtures';

describe('the facts of a take video, from its header', () => {
  it('an AAC take plays silently on desktop and with sound in a browser; size and frame rate from the track', async () => {
    const file = await writeClip(path.join(await tempDir(), 'take.mp4'), { width: 480, height: 320, seconds: 2, fps: 25, audio: {} });
    const desktop = await new MediaFactsCache('desktop').of(file);
    assert.equal(desktop.sound, 'muted-here');
    assert.equal(`${desktop.width}x${desktop.height} ${desktop.fps} ${desktop.videoCodec} ${desktop.decodable}`, '480x320 25 avc true');
    assert.equal((await new MediaFactsCache('browser').of(file)).sound, 'plays');
  });

  it('a take without an audio track is silent', async () => {
    const file = await writeClip(path.join(await tempDir(), 'quiet.mp4'), { width: 320, height: 240, seconds: 2 });
    assert.equal((await new MediaFactsCache('desktop').of(file)).sound, 'silent');
  });

  it('says why a file is no video to take a frame from: empty, not media, sound only', async () => {
    const dir = await tempDir();
    const empty = path.join(dir, 'empty.mp4');
    await writeFile(empty, '');
    const text = path.join(dir, 'notes.mp4');
    await writeFile(text, 'not a video at all, just some words');
    const voice = await writeClip(path.join(dir, 'voice.mp4'), { width: 320, height: 240, seconds: 2, audio: {}, video: false });
    const cache = new MediaFactsCache('desktop');
    assert.equal((await cache.of(empty)).notAVideo, 'empty');
    assert.equal((await cache.of(text)).notAVideo, 'not-media');
    assert.equal((await cache.of(voice)).notAVideo, 'no-video');
    assert.equal((await cache.of(path.join(dir, 'missing.mp4'))).sound, 'unknown');
  });

  it('a VP9 webm is not decodable on desktop', async () => {
    const file = await writeWebm(path.join(await tempDir(), 'clip.webm'));
    const facts = await new MediaFactsCache('desktop').of(file);
    assert.equal(facts.decodable, facts.videoCodec === 'vp8' || facts.videoCodec === 'avc');
  });

  it('reads a file once until it changes, and remembers the last facts for a first paint', async () => {
    const file = await writeClip(path.join(await tempDir(), 'take.mp4'), { width: 320, height: 240, seconds: 2 });
    const cache = new MediaFactsCache('desktop');
    assert.equal(cache.last(file), undefined);
    const first = await cache.of(file);
    assert.equal(await cache.of(file), first, 'the same read, not a second one');
    assert.equal(cache.last(file), first);
    await writeClip(file, { width: 640, height: 480, seconds: 3 });
    assert.equal((await cache.of(file)).width, 640);
  });
});
