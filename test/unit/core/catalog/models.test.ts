import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS, modelFamily, outputSize } from '../../../../src/core/catalog/models';
import { endpointFor, normaliseBaseUrl } from '../../../../src/core/catalog/regions';
import { parameterProblems, resolveModel } from '../../../../src/core/inputs/request';
import { frames } from '../../../support/jobs';

describe('model catalog', () => {
  it('routes kf2v to image2video and wan2.7 to video-generation', () => {
    assert.equal(MODELS['wan2.7-i2v'].route, 'video-generation');
    assert.equal(MODELS['wan2.2-kf2v-flash'].route, 'image2video');
    assert.equal(MODELS['wanx2.1-kf2v-plus'].route, 'image2video');
    assert.equal(MODELS['wan2.7-i2v'].bodyStyle, 'media');
    assert.equal(MODELS['wan2.2-kf2v-flash'].bodyStyle, 'frameUrls');
  });

  it('knows dated wan2.7 ids and the Singapore spelling of kf2v-plus', () => {
    assert.equal(modelFamily('wan2.7-i2v-2026-04-25'), 'wan2.7-i2v');
    assert.equal(modelFamily('wan2.1-kf2v-plus'), 'wanx2.1-kf2v-plus');
    assert.equal(modelFamily('wan2.6-i2v'), undefined);
    assert.equal(modelFamily('wan2.7-i2v-latest'), undefined);
  });

  it('sends the region’s own id and refuses a region without the model', () => {
    const singapore = endpointFor('ap-southeast-1');
    const plus = resolveModel('wanx2.1-kf2v-plus', singapore);
    assert.ok(!('code' in plus));
    assert.equal(plus.wireModel, 'wan2.1-kf2v-plus');
    const dated = resolveModel('wan2.7-i2v-2026-04-25', endpointFor('cn-beijing'));
    assert.ok(!('code' in dated) && dated.wireModel === 'wan2.7-i2v-2026-04-25');
    const virginia = resolveModel('wan2.7-i2v', endpointFor('us-east-1'));
    assert.ok('code' in virginia && virginia.code === 'model-not-in-region');
    const unknown = resolveModel('sora', endpointFor('cn-beijing'));
    assert.ok('code' in unknown && unknown.code === 'model-unknown');
  });

  it('computes the documented output size (750×1000 at 720P → 816×1104)', () => {
    assert.deepEqual(outputSize(750, 1000, '720P'), { width: 816, height: 1104 });
    assert.deepEqual(outputSize(1920, 1080, '1080P'), { width: 1920, height: 1072 });
    const size = outputSize(640, 400, '480P');
    assert.equal(size.width % 16, 0);
    assert.equal(size.height % 16, 0);
  });

  it('checks parameters against each model’s limits', () => {
    const kf2v = MODELS['wan2.2-kf2v-flash'];
    const wan = MODELS['wan2.7-i2v'];
    const codes = (request: Parameters<typeof parameterProblems>[0], spec = kf2v) => parameterProblems(request, spec).problems.map((p) => p.code);
    const base = { inputs: frames('a', 'b'), model: 'x' };
    assert.deepEqual(codes({ ...base, prompt: 'x'.repeat(800) }), []);
    assert.deepEqual(codes({ ...base, prompt: 'x'.repeat(801) }), ['prompt-too-long']);
    assert.deepEqual(codes({ ...base, prompt: '猫'.repeat(5000) }, wan), []);
    assert.deepEqual(codes({ ...base, negativePrompt: 'n'.repeat(501) }), ['negative-prompt-too-long']);
    assert.deepEqual(codes({ ...base, duration: '6' }), ['duration-invalid']);
    assert.deepEqual(codes({ ...base, duration: 15 }, wan), []);
    assert.deepEqual(codes({ ...base, duration: 16 }, wan), ['duration-invalid']);
    assert.deepEqual(codes({ ...base, duration: '2.5' }, wan), ['duration-invalid']);
    assert.deepEqual(codes({ ...base, resolution: '480P' }, wan), ['resolution-unsupported']);
    assert.deepEqual(codes({ ...base, resolution: '1080p' }), []);
    assert.deepEqual(codes({ ...base, seed: '2147483648' }), ['seed-invalid']);
    assert.deepEqual(codes({ ...base, seed: '-1' }), ['seed-invalid']);
    assert.deepEqual(codes({ ...base, seed: 42 }), []);
  });

  it('normalises custom base URLs and refuses unsafe ones', () => {
    assert.equal(normaliseBaseUrl('https://ws1.cn-beijing.maas.aliyuncs.com/api/v1/'), 'https://ws1.cn-beijing.maas.aliyuncs.com');
    assert.equal(normaliseBaseUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
    assert.equal(normaliseBaseUrl('ftp://example.com'), undefined);
    assert.equal(normaliseBaseUrl('https://user:pw@example.com'), undefined);
    assert.equal(normaliseBaseUrl('https://example.com/?x=1'), undefined);
    assert.equal(normaliseBaseUrl('not a url'), undefined);
  });
});
