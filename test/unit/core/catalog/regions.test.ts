import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCreateBody } from '../../../../src/core/service/body';
import { checkWorkspaceId, endpointFor, parseWorkspaceHost, priceRegion, reachesWorkspace } from '../../../../src/core/catalog/regions';
import { type GenerationPlan, parameterProblems, resolveModel } from '../../../../src/core/inputs/request';
import { MODELS } from '../../../../src/core/catalog/models';
import { frames } from '../../../support/jobs';
import { ROLE } from '../../../../src/shared/mediaRoles';

describe('workspace hosts (addendum §A2)', () => {
  it('builds the workspace host from an id, with the region’s shared host for uploads where there is one', () => {
    const beijing = endpointFor('cn-beijing', undefined, 'llm-abc123');
    assert.deepEqual(beijing, { kind: 'workspace', region: 'cn-beijing', workspaceId: 'llm-abc123', baseUrl: 'https://llm-abc123.cn-beijing.maas.aliyuncs.com', uploadFallbackBaseUrl: 'https://dashscope.aliyuncs.com' });
    const tokyo = endpointFor('ap-northeast-1', undefined, 'llm-abc123');
    assert.equal(tokyo.kind === 'workspace' && tokyo.uploadFallbackBaseUrl, undefined, 'Tokyo has no shared host');
    assert.equal(endpointFor('ap-northeast-1').baseUrl, '', 'and without an id, no host at all');
    assert.equal(endpointFor('cn-beijing').baseUrl, 'https://dashscope.aliyuncs.com');
  });

  it('reads a workspace host given as the base URL; any other custom URL needs the id declared', () => {
    const given = endpointFor('cn-beijing', 'https://llm-xyz.ap-southeast-1.maas.aliyuncs.com/api/v1/');
    assert.equal(given.kind, 'workspace');
    assert.equal(given.kind === 'workspace' && given.region, 'ap-southeast-1');
    assert.deepEqual(parseWorkspaceHost('https://dashscope.aliyuncs.com'), undefined);
    assert.equal(reachesWorkspace(endpointFor('cn-beijing', 'http://127.0.0.1:9/ws/llm-1')), false);
    assert.equal(reachesWorkspace(endpointFor('cn-beijing', 'http://127.0.0.1:9/ws/llm-1', 'llm-1')), true);
  });

  it('prices a custom base URL as the region the user named for it, and as unknown when only the default applies', () => {
    assert.equal(priceRegion(endpointFor('ap-southeast-1', 'http://127.0.0.1:9')), undefined, 'the default region says nothing of where a URL leads');
    const named = endpointFor('ap-southeast-1', 'http://127.0.0.1:9', undefined, true);
    assert.equal(priceRegion(named), 'ap-southeast-1');
    assert.equal(named.baseUrl, 'http://127.0.0.1:9', 'requests still go to the URL');
    assert.equal(priceRegion(endpointFor('us-east-1', undefined, 'llm-1', true)), 'us-east-1');
    assert.equal(priceRegion(endpointFor('cn-beijing', 'https://llm-xyz.ap-southeast-1.maas.aliyuncs.com', undefined, true)), 'ap-southeast-1', 'a workspace host names its own region');
  });

  it('catches the console’s placeholder and a pasted host or URL, offering the id inside it', () => {
    assert.deepEqual(checkWorkspaceId(''), { ok: true, workspaceId: undefined });
    assert.deepEqual(checkWorkspaceId('  llm-8l75168qayuhsr3o '), { ok: true, workspaceId: 'llm-8l75168qayuhsr3o' });
    assert.equal(checkWorkspaceId('{WorkspaceId}').ok, false);
    assert.deepEqual(checkWorkspaceId('https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com'), { ok: false, reason: 'placeholder', value: 'https://{WorkspaceId}.cn-beijing.maas.aliyuncs.com' });
    assert.deepEqual(checkWorkspaceId('https://llm-abc.cn-beijing.maas.aliyuncs.com/api/v1'), { ok: false, reason: 'url', value: 'https://llm-abc.cn-beijing.maas.aliyuncs.com/api/v1', suggestion: 'llm-abc' });
    assert.deepEqual(checkWorkspaceId('llm-abc.cn-beijing.maas.aliyuncs.com'), { ok: false, reason: 'url', value: 'llm-abc.cn-beijing.maas.aliyuncs.com', suggestion: 'llm-abc' });
    assert.deepEqual(checkWorkspaceId('llm abc'), { ok: false, reason: 'invalid', value: 'llm abc' });
  });

  it('Wan 3.0 needs a workspace; Virginia’s ids carry -us; Tokyo serves it only on a workspace host', () => {
    assert.deepEqual(resolveModel('wan3.0-video', endpointFor('cn-beijing')), { code: 'model-needs-workspace', model: 'wan3.0-video' });
    const virginia = resolveModel('wan3.0-video-prime', endpointFor('us-east-1', undefined, 'llm-1'));
    assert.ok(!('code' in virginia) && virginia.wireModel === 'wan3.0-video-prime-us');
    const tokyo = resolveModel('wan3.0-video', endpointFor('ap-northeast-1', undefined, 'llm-1'));
    assert.ok(!('code' in tokyo) && tokyo.wireModel === 'wan3.0-video');
    assert.deepEqual(resolveModel('wan2.7-i2v', endpointFor('ap-northeast-1')), { code: 'model-not-in-region', model: 'wan2.7-i2v', region: 'ap-northeast-1' });
    assert.deepEqual(resolveModel('wan2.7-i2v', endpointFor('cn-hongkong')), { code: 'model-not-in-region', model: 'wan2.7-i2v', region: 'cn-hongkong' });
  });
});

describe('Wan 3.0 parameters and body (addendum §A1.2)', () => {
  const spec = MODELS['wan3.0-video'];

  it('defaults: 1080P, adaptive, 5 s, sound on; "auto" and -1 are the model’s choice', () => {
    const defaults = parameterProblems({ inputs: frames('a', 'b'), model: 'wan3.0-video' }, spec);
    assert.deepEqual([defaults.resolution, defaults.ratio, defaults.duration, defaults.sound], ['1080P', 'adaptive', 5, true]);
    assert.equal(parameterProblems({ inputs: frames('a', 'b'), model: 'wan3.0-video', duration: 'auto' }, spec).duration, -1);
    assert.equal(parameterProblems({ inputs: frames('a', 'b'), model: 'wan3.0-video', duration: 30 }, spec).duration, 30);
    assert.deepEqual(parameterProblems({ inputs: frames('a', 'b'), model: 'wan2.7-i2v', duration: -1 }, MODELS['wan2.7-i2v']).problems.map((p) => p.code), ['duration-invalid'], 'only Wan 3.0 chooses its own length');
    assert.deepEqual(parameterProblems({ inputs: frames('a', 'b'), model: 'wan3.0-video', prompt: 'x'.repeat(20_001) }, spec).problems.map((p) => p.code), ['prompt-too-long']);
  });

  it('the body carries frames only, the shape parameters, and no negative prompt', () => {
    const plan = { spec, wireModel: 'wan3.0-video', prompt: '日出', negativePrompt: 'blur', resolution: '720P', duration: -1, promptExtend: true, watermark: false, seed: undefined, ratio: '9:16', sound: false } as unknown as GenerationPlan;
    const body = buildCreateBody(plan, { [ROLE.first]: 'oss://a', [ROLE.last]: 'https://example.com/b.png' });
    assert.deepEqual(body, {
      model: 'wan3.0-video',
      input: { prompt: '日出', media: [{ type: 'first_frame', url: 'oss://a' }, { type: 'last_frame', url: 'https://example.com/b.png' }] },
      parameters: { resolution: '720P', prompt_extend: true, watermark: false, ratio: '9:16', audio: false, duration: -1 },
    });
  });
});
