import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { describeInput, type InputFile, InputFileSchema, inputsKey } from '../../../../src/core/inputs/inputFiles';
import { type AudioFacts, type ImageFacts, inspectAudio, inspectImage } from '../../../../src/core/inputs/inspect';
import { ROLE } from '../../../../src/shared/mediaRoles';
import { wavTone } from '../../../support/fixtures/audio';
import { encodePng } from '../../../support/fixtures/png';
import { tempDir } from '../../../support/files';

/** Writes `bytes` at `name` in `dir` and describes it as the first frame. */
async function described(dir: string, name: string, bytes: Buffer): Promise<InputFile> {
  const file = path.join(dir, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return describeInput((await inspectImage(file, ROLE.first)).facts as ImageFacts);
}

const PNG = encodePng({ width: 320, height: 240 });
const OTHER = encodePng({ width: 320, height: 240, from: [0, 0, 0], to: [255, 255, 255] });
const remote = (url: string): ImageFacts => ({ kind: 'image', path: url, bytes: 1234, mtimeMs: 0, probe: { format: 'jpeg', width: 640, height: 480, hasAlpha: false }, remote: true });

describe('input files', () => {
  it('describes a local frame by name, path, content hash and shape, as the record schema accepts', async () => {
    const dir = await tempDir();
    const file = await described(dir, 'dawn.png', PNG);
    assert.equal(file.name, 'dawn.png');
    assert.equal(file.path, path.join(dir, 'dawn.png'));
    assert.equal(file.sha256, createHash('sha256').update(PNG).digest('hex'));
    assert.equal(file.bytes, PNG.length);
    assert.equal(`${file.format} ${file.width}x${file.height}`, 'png 320x240');
    assert.equal(file.url, undefined);
    assert.deepEqual(InputFileSchema.parse(file), file);
  });

  it('describes an audio file with its seconds', async () => {
    const file = path.join(await tempDir(), 'voice.wav');
    await writeFile(file, wavTone(2.5));
    const input = await describeInput((await inspectAudio(file)).facts as AudioFacts);
    assert.equal(input.format, 'wav');
    assert.equal(input.seconds, 2.5);
    assert.equal(input.width, undefined);
  });

  it('describes an image URL by its URL and last segment, without a hash', async () => {
    const input = await describeInput(remote('https://images.example.com/shots/dusk%20light.jpg?v=2'));
    assert.equal(input.name, 'dusk light.jpg');
    assert.equal(input.url, 'https://images.example.com/shots/dusk%20light.jpg?v=2');
    assert.equal(input.sha256, undefined);
    assert.equal(InputFileSchema.safeParse(input).success, true);
  });

  it('keys inputs by content: the same bytes renamed or moved keep the key, other bytes do not', async () => {
    const dir = await tempDir();
    const original = await described(dir, 'a.png', PNG);
    const moved = await described(dir, 'elsewhere/renamed.png', PNG);
    const resaved = await described(dir, 'a2.png', OTHER);
    assert.equal(inputsKey({ [ROLE.first]: moved }), inputsKey({ [ROLE.first]: original }));
    assert.notEqual(inputsKey({ [ROLE.first]: resaved }), inputsKey({ [ROLE.first]: original }));
  });

  it('keys inputs by role, whatever order the roles were given in', () => {
    const a = { sha256: 'a'.repeat(64) };
    const b = { sha256: 'b'.repeat(64) };
    assert.notEqual(inputsKey({ [ROLE.first]: a }), inputsKey({ [ROLE.last]: a }));
    assert.notEqual(inputsKey({ [ROLE.first]: a, [ROLE.last]: b }), inputsKey({ [ROLE.first]: b, [ROLE.last]: a }));
    assert.equal(inputsKey({ [ROLE.last]: b, [ROLE.first]: a }), inputsKey({ [ROLE.first]: a, [ROLE.last]: b }));
    assert.notEqual(inputsKey({ [ROLE.first]: a, [ROLE.last]: b }), inputsKey({ [ROLE.first]: a }));
  });

  it('keys an image URL by the URL the service fetched', () => {
    const first = { [ROLE.first]: { url: 'https://example.com/a.png' } };
    assert.equal(inputsKey(first), inputsKey({ [ROLE.first]: { url: 'https://example.com/a.png' } }));
    assert.notEqual(inputsKey(first), inputsKey({ [ROLE.first]: { url: 'https://example.com/b.png' } }));
    assert.match(inputsKey(first), /^[0-9a-f]{24}$/);
  });
});
