import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type LocalMedia, mediaUrl, type MediaOptions, mimeOf, objectName } from '../../../../src/core/delivery/media';
import { isWanError, WanError } from '../../../../src/core/errors/wanError';
import type { DashScopeClient } from '../../../../src/core/service/client';
import type { OssFile } from '../../../../src/core/service/ossUpload';
import type { UploadPolicy } from '../../../../src/core/service/schemas';
import { wavTone } from '../../../support/fixtures/audio';
import { encodePng } from '../../../support/fixtures/png';
import { virtualClock } from '../../../support/clocks';
import { tempDir } from '../../../support/files';

const SHA = '0123456789abcdef'.repeat(4);
const failure = (retryable: boolean) => new WanError({ kind: retryable ? 'server' : 'auth', summary: { en: 'no', zh: '不' }, retryable });

/** A client that hands out numbered policies and uploads, failing the first policy calls as told; it keeps what it was asked. */
function fakeClient(policyFailures: WanError[] = []) {
  const calls = { policies: [] as string[], uploads: [] as Array<{ policy: string; file: OssFile }> };
  const client = {
    async getUploadPolicy(model: string): Promise<UploadPolicy> {
      calls.policies.push(model);
      const failing = policyFailures.shift();
      if (failing) throw failing;
      return { upload_dir: `dir-${calls.policies.length}` } as UploadPolicy;
    },
    async uploadToOss(policy: UploadPolicy, file: OssFile): Promise<string> {
      calls.uploads.push({ policy: policy.upload_dir, file });
      return `oss://${policy.upload_dir}/${file.objectName}`;
    },
  };
  return { client: client as unknown as DashScopeClient, calls };
}

async function media(name: string, bytes: Buffer, format: string, inline: boolean): Promise<LocalMedia> {
  const file = path.join(await tempDir(), name);
  await writeFile(file, bytes);
  return { path: file, format, sha256: SHA, inline };
}

const options = (client: DashScopeClient, mode: MediaOptions['mode']): MediaOptions => ({ client, wireModel: 'wan2.7-i2v', mode, clock: virtualClock().clock });

describe('making local media readable by the service', () => {
  it('inlines a frame as a data URL in base64 mode, without uploading', async () => {
    const png = encodePng({ width: 8, height: 8 });
    const { client, calls } = fakeClient();
    const url = await mediaUrl(await media('f.png', png, 'png', true), options(client, 'base64'));
    assert.equal(url, `data:image/png;base64,${png.toString('base64')}`);
    assert.equal(calls.policies.length + calls.uploads.length, 0);
  });

  it('uploads a role that may not travel inline even in base64 mode, under a policy for the model', async () => {
    const { client, calls } = fakeClient();
    const audio = await media('my voice.wav', wavTone(0.1), 'wav', false);
    const url = await mediaUrl(audio, options(client, 'base64'));
    assert.equal(url, `oss://dir-1/${SHA.slice(0, 16)}-my_voice.wav`);
    assert.deepEqual(calls.policies, ['wan2.7-i2v']);
    assert.equal(calls.uploads[0]?.file.contentType, 'audio/wav');
    assert.equal(calls.uploads[0]?.file.path, audio.path);
  });

  it('uploads frames too in oss mode', async () => {
    const { client, calls } = fakeClient();
    const url = await mediaUrl(await media('f.png', encodePng({ width: 8, height: 8 }), 'png', true), options(client, 'oss'));
    assert.match(url, /^oss:\/\//);
    assert.equal(calls.uploads.length, 1);
  });

  it('asks for a fresh policy on each attempt after a retryable failure, and stops at one that is not', async () => {
    const frame = await media('f.png', encodePng({ width: 8, height: 8 }), 'png', true);
    const retried = fakeClient([failure(true), failure(true)]);
    assert.equal(await mediaUrl(frame, options(retried.client, 'oss')), `oss://dir-3/${SHA.slice(0, 16)}-f.png`);
    assert.equal(retried.calls.policies.length, 3);
    assert.equal(retried.calls.uploads.length, 1);
    const refused = fakeClient([failure(false)]);
    await assert.rejects(mediaUrl(frame, options(refused.client, 'oss')), (error: unknown) => isWanError(error) && error.kind === 'auth');
    assert.equal(refused.calls.policies.length + refused.calls.uploads.length, 1);
  });

  it('names objects by content hash and a safe file name, and types them by detected format', () => {
    const name = objectName({ path: '/x/été scène (1).png', format: 'png', sha256: SHA, inline: true });
    assert.match(name, /^0123456789abcdef-[A-Za-z0-9._-]+$/);
    assert.notEqual(objectName({ path: '/y/a.png', format: 'png', sha256: 'f'.repeat(64), inline: true }), objectName({ path: '/x/a.png', format: 'png', sha256: SHA, inline: true }));
    assert.equal(mimeOf('jpeg'), 'image/jpeg');
    assert.equal(mimeOf('mp3'), 'audio/mpeg');
    assert.equal(mimeOf('mp4'), 'video/mp4', 'a clip to continue uploads as a video');
    assert.equal(mimeOf('gif'), 'application/octet-stream');
  });
});
