import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formRequest, formSpec } from '../../../../../src/host/engine/panel/formRequest';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import type { FormValues } from '../../../../../src/shared/protocol';

const VALUES: FormValues = { model: 'wan2.7-i2v', prompt: 'dawn to dusk', negativePrompt: 'blur', resolution: '720P', duration: 7, ratio: '16:9', sound: false, promptExtend: false, watermark: true, seedMode: 'random', seed: '42', count: 1 };
const INPUTS = { [ROLE.first]: '/shots/a.png', [ROLE.last]: '/shots/b.png', [ROLE.audio]: '/shots/voice.wav' };
const request = (values: Partial<FormValues>) => formRequest({ ...VALUES, ...values }, INPUTS);

describe('the form as a generation request', () => {
  it("sends the chosen model's family, and the default one for a value that is no model", () => {
    assert.equal(request({ model: 'wan2.7-i2v-2026-04-25' }).model, 'wan2.7-i2v');
    assert.equal(formSpec({ ...VALUES, model: 'sora' }).id, 'wan2.2-kf2v-flash');
    const sent = request({});
    assert.equal(sent.prompt, VALUES.prompt);
    assert.equal(sent.watermark, true);
    assert.equal(sent.promptExtend, false);
  });

  it('a driving audio goes only to a model that takes one; the frames go to each', () => {
    assert.equal(request({}).inputs[ROLE.audio], '/shots/voice.wav');
    for (const model of ['wan2.2-kf2v-flash', 'wan3.0-video']) {
      const { inputs } = request({ model });
      assert.equal(inputs[ROLE.audio], undefined, model);
      assert.equal(inputs[ROLE.first], '/shots/a.png', model);
      assert.equal(inputs[ROLE.last], '/shots/b.png', model);
    }
  });

  it("Wan 3.0's negative prompt is not sent; another model's is", () => {
    assert.equal(request({ model: 'wan3.0-video' }).negativePrompt, '');
    assert.equal(request({ model: 'wan2.2-kf2v-flash' }).negativePrompt, 'blur');
  });

  it('a duration the model fixes is not sent; one the user may choose is', () => {
    assert.equal(request({ model: 'wan2.2-kf2v-flash', duration: 5 }).duration, undefined);
    assert.equal(request({ duration: 7 }).duration, 7);
    assert.equal(request({ model: 'wan3.0-video', duration: -1 }).duration, -1);
  });

  it("ratio and sound go only to Wan 3.0", () => {
    const wan3 = request({ model: 'wan3.0-video' });
    assert.equal(wan3.ratio, '16:9');
    assert.equal(wan3.sound, false);
    assert.equal(request({}).ratio, undefined);
    assert.equal(request({}).sound, undefined);
  });

  it('the seed goes only when it is fixed', () => {
    assert.equal(request({ seedMode: 'fixed' }).seed, '42');
    assert.equal(request({ seedMode: 'random' }).seed, undefined);
  });
});
