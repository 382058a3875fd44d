import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TAKE_SCHEMA } from '../../../../../src/core/output/take';
import { parseTake } from '../../../../../src/core/output/takeReader';
import { formOfTake } from '../../../../../src/host/engine/takes/takeForm';
import { ROLE } from '../../../../../src/shared/mediaRoles';
import type { FormValues } from '../../../../../src/shared/protocol';
import { SAMPLE_FORM } from '../../../../support/fixtures/messages';

function found(extra: Record<string, unknown>) {
  const read = parseTake(
    JSON.stringify({
      schema: TAKE_SCHEMA,
      tool: { name: 'wan-keyframes', version: '0.2.0' },
      video: { file: 'v.mp4', bytes: 1 },
      taskId: 't',
      requestIds: [],
      model: 'wan3.0-video',
      family: 'wan3.0-video',
      endpoint: 'https://llm-x.cn-beijing.maas.aliyuncs.com',
      inputs: { [ROLE.first]: { path: 'a.png', bytes: 1, format: 'png' }, [ROLE.last]: { url: 'https://example.com/b.png', bytes: 1, format: 'png' } },
      inputsKey: 'k',
      prompt: '日出',
      negativePrompt: '',
      actualPrompt: 'rewritten',
      times: { savedAt: '2026-12-01T00:00:00.000Z' },
      ...extra,
    }),
    '/work/shots/v.json',
  );
  assert.ok('found' in read);
  return read.found;
}

describe('the form filled from a take (Replay with changes)', () => {
  it('takes the take\'s model, prompt (its own, not the rewritten one), parameters, fixed seed and inputs', () => {
    const { values, inputs } = formOfTake(found({ parameters: { resolution: '720P', duration: -1, promptExtend: true, watermark: true, seed: 9, ratio: '9:16', sound: false }, seed: 9 }), SAMPLE_FORM);
    const expected: Partial<FormValues> = { model: 'wan3.0-video', prompt: '日出', resolution: '720P', duration: -1, ratio: '9:16', sound: false, promptExtend: true, watermark: true, seedMode: 'fixed', seed: '9' };
    for (const [field, value] of Object.entries(expected)) assert.equal(values[field as keyof FormValues], value, field);
    assert.deepEqual(inputs, { [ROLE.first]: '/work/shots/a.png', [ROLE.last]: 'https://example.com/b.png' });
  });

  it('a take without a recorded seed leaves the seed random, and fields it does not say keep the form\'s', () => {
    const { values } = formOfTake(found({}), { ...SAMPLE_FORM, resolution: '480P', duration: 5 });
    assert.deepEqual([values.seedMode, values.seed, values.resolution, values.duration], ['random', '', '480P', 5]);
  });
});
