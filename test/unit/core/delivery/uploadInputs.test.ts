import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { chooseDelivery, uploadInputs } from '../../../../src/core/delivery/uploadInputs';
import type { MediaOptions } from '../../../../src/core/delivery/media';
import { MODELS, type ModelId } from '../../../../src/core/catalog/models';
import type { InputFile, InputFiles } from '../../../../src/core/inputs/inputFiles';
import type { GenerationPlan } from '../../../../src/core/inputs/request';
import { buildCreateBody } from '../../../../src/core/service/body';
import { measureBody, withinGatewayLimits } from '../../../../src/core/service/bodyLimit';
import type { DashScopeClient } from '../../../../src/core/service/client';
import type { OssFile } from '../../../../src/core/service/ossUpload';
import type { UploadPolicy } from '../../../../src/core/service/schemas';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { virtualClock } from '../../../support/clocks';
import { tempDir } from '../../../support/files';

const MIB = 1024 * 1024;
const SHA = 'ab'.repeat(32);

function plan(model: ModelId = 'wan2.7-i2v'): GenerationPlan {
  const spec = MODELS[model];
  return { spec, wireModel: model, prompt: 'a slow pan', negativePrompt: '', resolution: spec.defaultResolution, duration: spec.duration.default, promptExtend: true, watermark: false, seed: 7, ratio: undefined, sound: undefined, inputs: {} };
}

/** A local input as a record describes it; `bytes` is what the decision reads, the file on disk is what goes. */
async function local(name: string, format: string, bytes: number, contents: Buffer = Buffer.from('x')): Promise<InputFile> {
  const file = path.join(await tempDir('wk-upload-inputs-'), name);
  await writeFile(file, contents);
  return { name, path: file, sha256: SHA, bytes, format };
}

function fakeClient() {
  const uploads: OssFile[] = [];
  const client = {
    async getUploadPolicy(): Promise<UploadPolicy> {
      return { upload_dir: 'dir' } as UploadPolicy;
    },
    async uploadToOss(_policy: UploadPolicy, file: OssFile): Promise<string> {
      uploads.push(file);
      return `oss://dir/${file.objectName}`;
    },
  };
  return { client: client as unknown as DashScopeClient, uploads };
}

const options = (client: DashScopeClient, mode: MediaOptions['mode']): MediaOptions => ({ client, wireModel: 'wan2.7-i2v', mode, clock: virtualClock().clock });

describe('how each input of a job travels', () => {
  it('oss mode: every local file is uploaded and nothing is said', async () => {
    const inputs: InputFiles = { [ROLE.first]: await local('a.png', 'png', 10), [ROLE.last]: await local('b.png', 'png', 10) };
    const { client, uploads } = fakeClient();
    const sent = await uploadInputs(plan(), inputs, options(client, 'oss'));
    assert.ok(sent.urls[ROLE.first]?.startsWith('oss://') && sent.urls[ROLE.last]?.startsWith('oss://'));
    assert.equal(uploads.length, 2);
    assert.deepEqual(sent.notes, []);
  });

  it('base64 mode, small frames: both inline, no upload, nothing said', async () => {
    const inputs: InputFiles = { [ROLE.first]: await local('a.png', 'png', 1), [ROLE.last]: await local('b.png', 'png', 1) };
    const { client, uploads } = fakeClient();
    const sent = await uploadInputs(plan(), inputs, options(client, 'base64'));
    assert.equal(sent.urls[ROLE.first], `data:image/png;base64,${Buffer.from('x').toString('base64')}`);
    assert.ok(sent.urls[ROLE.last]?.startsWith('data:image/png;base64,'));
    assert.equal(uploads.length, 0);
    assert.deepEqual(sent.notes, []);
  });

  it('base64 mode, two 10 MB frames: the first inline, the last uploaded, and one line says why in both languages', async () => {
    const inputs: InputFiles = { [ROLE.first]: await local('a.png', 'png', 10_000_000), [ROLE.last]: await local('b.png', 'png', 10_000_000) };
    const { client, uploads } = fakeClient();
    const sent = await uploadInputs(plan(), inputs, options(client, 'base64'));
    assert.ok(sent.urls[ROLE.first]?.startsWith('data:'));
    assert.ok(sent.urls[ROLE.last]?.startsWith('oss://'));
    assert.deepEqual(uploads.map((file) => path.basename(file.path)), ['b.png']);
    assert.equal(sent.notes.length, 1);
    assert.match(sent.notes[0]?.en ?? '', /Last frame.*temporary upload.*19\.1 MiB.*16 MiB.*413/);
    assert.match(sent.notes[0]?.zh ?? '', /尾帧.*16 MiB/);
  });

  it('the body built from what was chosen stays within the gateway limits (two real 9 MiB frames)', async () => {
    const nine = Buffer.alloc(9 * MIB, 0x5a);
    const inputs: InputFiles = { [ROLE.first]: await local('a.png', 'png', nine.length, nine), [ROLE.last]: await local('b.png', 'png', nine.length, nine) };
    const { client } = fakeClient();
    const sent = await uploadInputs(plan(), inputs, options(client, 'base64'));
    const measured = measureBody(JSON.stringify(buildCreateBody(plan(), sent.urls)));
    assert.ok(withinGatewayLimits(measured), `decoded ${measured.decodedBytes}`);
    assert.ok(measured.decodedBytes > 9 * MIB, 'one frame did go inline');
  });

  it('a clip never goes inline, even in base64 mode: it is uploaded, with a line saying so; its last frame may stay inline', async () => {
    const inputs: InputFiles = { [ROLE.clip]: await local('take.mp4', 'mp4', 3 * MIB), [ROLE.last]: await local('end.png', 'png', 1) };
    const { client, uploads } = fakeClient();
    const sent = await uploadInputs(plan(), inputs, options(client, 'base64'));
    assert.ok(sent.urls[ROLE.clip]?.startsWith('oss://'));
    assert.ok(sent.urls[ROLE.last]?.startsWith('data:'));
    assert.deepEqual(uploads.map((file) => path.basename(file.path)), ['take.mp4']);
    assert.equal(sent.notes.length, 1);
    assert.match(sent.notes[0]?.en ?? '', /First clip.*only as a URL/);
  });

  it('an input given as a URL stays that URL and weighs as one', () => {
    const inputs: InputFiles = {
      [ROLE.first]: { name: 'dawn.png', path: 'https://img.example.com/dawn.png', url: 'https://img.example.com/dawn.png', bytes: 15 * MIB, format: 'png' },
      [ROLE.last]: { name: 'b.png', path: '/x/b.png', sha256: SHA, bytes: 15 * MIB, format: 'png' },
    };
    const delivery = chooseDelivery(plan(), inputs, 'base64');
    assert.deepEqual(delivery.inline, [ROLE.last], 'the URL is not a candidate, so the local frame fits alone');
    assert.deepEqual(delivery.notes, []);
    assert.deepEqual(chooseDelivery(plan(), inputs, 'oss'), { inline: [], notes: [] });
  });
});
