import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod/mini';
import { FormStateSchema, FormValuesSchema, frameRoleSchema, InputInfoSchema, roleSchema } from '../../../src/shared/formSchemas';
import { ROLE } from '../../../src/shared/mediaRoles';
import { MAX_TAKES } from '../../../src/shared/variations';

const values = {
  model: 'wan2.2-kf2v-flash',
  prompt: 'a cat',
  negativePrompt: '',
  resolution: '720P',
  duration: 5,
  ratio: '',
  sound: false,
  promptExtend: true,
  watermark: false,
  seedMode: 'random',
  seed: '',
};

describe('the form the host and the page share', () => {
  it('reads a form kept before there was a count as one take', () => {
    assert.deepEqual(z.parse(FormValuesSchema, values), { ...values, count: 1 });
    assert.equal(z.parse(FormValuesSchema, { ...values, count: MAX_TAKES }).count, MAX_TAKES);
  });

  it('refuses a count, duration or seed mode out of its range, and a prompt past its bound', () => {
    for (const bad of [{ count: MAX_TAKES + 1 }, { count: 0 }, { duration: -2 }, { duration: 61 }, { seedMode: 'lucky' }, { prompt: 'x'.repeat(20_001) }]) {
      assert.equal(z.safeParse(FormValuesSchema, { ...values, ...bad }).success, false, JSON.stringify(bad));
    }
  });

  it('knows the roles: every input role, and the frames among them', () => {
    assert.equal(z.safeParse(roleSchema, ROLE.audio).success, true);
    assert.equal(z.safeParse(frameRoleSchema, ROLE.first).success, true);
    assert.equal(z.safeParse(frameRoleSchema, ROLE.audio).success, false);
  });

  it('reads the state around the form, its inputs by role', () => {
    const input = { name: 'a.png', src: 'data:image/png;base64,AA', width: 2, height: 2, problems: [] };
    const state = { inputs: { [ROLE.first]: input }, aspectWarning: null, keySet: true, problems: [], blocked: null, needsWorkspace: false, estimate: '≈ ¥1.00', spent: null };
    assert.deepEqual(z.parse(FormStateSchema, state), state);
    assert.equal(z.safeParse(FormStateSchema, { ...state, inputs: { elsewhere: input } }).success, false);
    assert.equal(z.safeParse(InputInfoSchema, { ...input, src: 'x'.repeat(8_193) }).success, false);
  });
});
