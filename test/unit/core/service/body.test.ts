import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MODELS, type ModelId } from '../../../../src/core/catalog/models';
import type { GenerationPlan } from '../../../../src/core/inputs/request';
import { buildCreateBody, withoutUrls } from '../../../../src/core/service/body';
import { kf2vField, type MediaItem } from '../../../../src/core/service/schemas';
import { type Inputs, ROLE } from '../../../../src/shared/mediaRoles';

/** A checked plan for `model` (its inputs are not read by the body). */
function plan(model: ModelId, extra: Partial<GenerationPlan> = {}): GenerationPlan {
  const spec = MODELS[model];
  return { spec, wireModel: model, prompt: 'a slow pan', negativePrompt: 'blur', resolution: spec.defaultResolution, duration: spec.duration.default, promptExtend: true, watermark: false, seed: 42, ratio: undefined, sound: undefined, inputs: {}, ...extra };
}

/** URLs given in an order that is not the API's, to see the body put them in its own. */
const URLS: Inputs<string> = { [ROLE.audio]: 'oss://dir/voice.mp3', [ROLE.last]: 'data:image/png;base64,AAAA', [ROLE.first]: 'https://img.example.com/dawn.png' };

const media = (body: { input: object }) => (body.input as { media?: MediaItem[] }).media;

describe('the create body', () => {
  it('wan2.7: one media item per role, in the API\'s order, each with its own URL', () => {
    const body = buildCreateBody(plan('wan2.7-i2v'), URLS);
    assert.deepEqual(media(body)?.map((item) => item.type), [ROLE.first, ROLE.last, ROLE.audio]);
    for (const item of media(body) ?? []) assert.equal(item.url, URLS[item.type]);
    assert.equal(body.parameters?.duration, 5);
    assert.equal(body.parameters?.seed, 42);
    assert.equal((body.input as Record<string, unknown>).negative_prompt, 'blur');
    assert.ok(!('ratio' in (body.parameters ?? {})) && !('audio' in (body.parameters ?? {})), 'no Wan 3.0 shape for wan2.7');
  });

  it('kf2v: each role\'s URL in its `<role>_url` field, no media list and no duration', () => {
    const urls = { [ROLE.first]: 'oss://dir/a.png', [ROLE.last]: 'oss://dir/b.png' };
    const body = buildCreateBody(plan('wan2.2-kf2v-flash'), urls);
    const input = body.input as Record<string, unknown>;
    assert.equal(input[kf2vField(ROLE.first)], urls[ROLE.first]);
    assert.equal(input[kf2vField(ROLE.last)], urls[ROLE.last]);
    assert.equal(media(body), undefined);
    assert.equal(body.parameters?.duration, undefined);
    const firstOnly = buildCreateBody(plan('wan2.2-kf2v-flash'), { [ROLE.first]: 'oss://dir/a.png' }).input as Record<string, unknown>;
    assert.ok(!(kf2vField(ROLE.last) in firstOnly), 'an absent role sends no field');
  });

  it('Wan 3.0: ratio (the model\'s default when none was chosen), audio on unless switched off, duration -1 passed on', () => {
    const frames = { [ROLE.first]: 'oss://dir/a.png', [ROLE.last]: 'oss://dir/b.png' };
    const chosen = buildCreateBody(plan('wan3.0-video', { ratio: '9:16', sound: false, duration: -1 }), frames);
    assert.deepEqual([chosen.parameters?.ratio, chosen.parameters?.audio, chosen.parameters?.duration], ['9:16', false, -1]);
    const defaults = buildCreateBody(plan('wan3.0-video'), frames);
    assert.deepEqual([defaults.parameters?.ratio, defaults.parameters?.audio], [MODELS['wan3.0-video'].shape?.defaultRatio, true]);
    assert.ok(!('negative_prompt' in defaults.input), 'Wan 3.0 takes no negative prompt');
  });

  it('a continuation leads with its clip (the documented first_clip + last_frame), and its duration is the whole output', () => {
    const urls = { [ROLE.last]: 'oss://dir/end.png', [ROLE.clip]: 'oss://dir/take.mp4' };
    const body = buildCreateBody(plan('wan2.7-i2v', { duration: 6 }), urls);
    assert.deepEqual(media(body)?.map((item) => [item.type, item.url]), [[ROLE.clip, urls[ROLE.clip]], [ROLE.last, urls[ROLE.last]]]);
    assert.equal(body.parameters?.duration, 6);
    assert.deepEqual((withoutUrls(body).input as { media: unknown[] }).media, [{ type: ROLE.clip }, { type: ROLE.last }]);
  });

  it('a blank prompt and an absent seed are left out, not sent empty', () => {
    const body = buildCreateBody(plan('wan2.7-i2v', { prompt: '   ', negativePrompt: '', seed: undefined }), URLS);
    assert.ok(!('prompt' in body.input) && !('negative_prompt' in body.input));
    assert.ok(!('seed' in (body.parameters ?? {})));
  });
});

describe('the body without its URLs (what a take keeps)', () => {
  it('media items keep their roles, parameters stay, and no URL or data: URL is left', () => {
    const body = buildCreateBody(plan('wan3.0-video', { ratio: '1:1' }), { [ROLE.first]: 'data:image/png;base64,AAAA', [ROLE.last]: 'oss://dir/b.png' });
    const kept = withoutUrls(body);
    const text = JSON.stringify(kept);
    assert.ok(!/oss:|data:|https?:/.test(text), text);
    assert.deepEqual((kept.input as { media: unknown[] }).media, [{ type: ROLE.first }, { type: ROLE.last }]);
    assert.deepEqual(kept.parameters, body.parameters);
    assert.equal(kept.model, body.model);
    assert.equal((kept.input as { prompt?: string }).prompt, 'a slow pan');
    assert.ok(media(body)?.every((item) => item.url !== undefined), 'the body itself is left as it was');
  });

  it('kf2v: the URLs go, the fields say which roles were sent, the prompts and parameters stay', () => {
    const body = buildCreateBody(plan('wan2.2-kf2v-flash'), { [ROLE.first]: 'https://img.example.com/a.png', [ROLE.last]: 'oss://dir/b.png' });
    const kept = withoutUrls(body);
    assert.ok(!/oss:|https?:/.test(JSON.stringify(kept)));
    assert.deepEqual(kept.input, { prompt: 'a slow pan', negative_prompt: 'blur', [`${ROLE.first}_url`]: null, [`${ROLE.last}_url`]: null });
    assert.deepEqual(kept.parameters, body.parameters);
  });
});
