import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { priceOf } from '../../../../../src/core/catalog/prices';
import { endpointFor } from '../../../../../src/core/catalog/regions';
import { problemMessage, type Problem } from '../../../../../src/core/inputs/problems';
import { type FormStateInput, formState } from '../../../../../src/host/engine/panel/formState';
import { type Inputs, ROLE } from '../../../../../src/shared/mediaRoles';
import type { FormValues, InputInfo } from '../../../../../src/shared/protocol';

const VALUES: FormValues = { model: 'wan2.2-kf2v-flash', prompt: '', negativePrompt: '', resolution: '720P', duration: 5, ratio: 'adaptive', sound: true, promptExtend: true, watermark: false, seedMode: 'random', seed: '', count: 1 };
const FRAME: InputInfo = { name: 'a.png', src: 'x', problems: [] };
const TEXTS = { chooseFrames: 'choose frames', fixProblems: 'fix problems', setKey: 'set a key' };

function state(changes: Partial<Omit<FormStateInput, 'values'>> & { values?: Partial<FormValues> } = {}) {
  const { values, ...rest } = changes;
  return formState({
    values: { ...VALUES, ...values },
    inputs: { [ROLE.first]: FRAME, [ROLE.last]: FRAME },
    endpoint: endpointFor('cn-beijing'),
    workspaceProblem: undefined,
    aspectWarning: null,
    keySet: true,
    localize: (problem: Problem) => problemMessage(problem).en,
    say: (text) => text.en,
    blockedTexts: TEXTS,
    spent: null,
    ...rest,
  });
}

describe('what the form shows, and why Generate is off', () => {
  it('two frames, no problem, a key: Generate is on', () => {
    const shown = state();
    assert.equal(shown.blocked, null);
    assert.deepEqual(shown.problems, []);
  });

  it('a frame missing comes first, whatever else is wrong', () => {
    const inputs: Inputs<InputInfo> = { [ROLE.first]: FRAME };
    assert.equal(state({ inputs, keySet: false, values: { seedMode: 'fixed', seed: 'x' } }).blocked, TEXTS.chooseFrames);
  });

  it('a problem in an input, in the form or with the endpoint turns it off, before the key', () => {
    assert.equal(state({ inputs: { [ROLE.first]: FRAME, [ROLE.last]: { ...FRAME, problems: ['too small'] } }, keySet: false }).blocked, TEXTS.fixProblems);
    const seed = state({ values: { seedMode: 'fixed', seed: '-1' }, keySet: false });
    assert.equal(seed.blocked, TEXTS.fixProblems);
    assert.match(seed.problems.join(' '), /Seed “-1”/);
    const audio = state({ inputs: { [ROLE.first]: FRAME, [ROLE.last]: FRAME, [ROLE.audio]: { name: 'v.wav', src: '', problems: ['too short'] } } });
    assert.equal(audio.blocked, TEXTS.fixProblems, 'a problem in the driving audio counts too');
  });

  it('no key, and nothing else wrong: set a key', () => {
    assert.equal(state({ keySet: false }).blocked, TEXTS.setKey);
  });

  it('a fixed seed the form hides (random) is not checked', () => {
    assert.equal(state({ values: { seedMode: 'random', seed: 'nonsense' } }).blocked, null);
  });

  it('Wan 3.0 without a workspace: the problem, and Set Workspace ID offered', () => {
    const shown = state({ values: { model: 'wan3.0-video', resolution: '1080P' } });
    assert.equal(shown.blocked, TEXTS.fixProblems);
    assert.equal(shown.needsWorkspace, true);
    assert.match(shown.problems.join(' '), /workspace hosts/);
    assert.equal(state({ values: { model: 'wan3.0-video', resolution: '1080P' }, endpoint: endpointFor('cn-beijing', undefined, 'llm-abc') }).needsWorkspace, false);
  });

  it('a workspace id in settings that is not one is a problem of its own', () => {
    const shown = state({ workspaceProblem: { code: 'workspace-id-invalid', reason: 'placeholder', value: '{WorkspaceId}' } });
    assert.equal(shown.needsWorkspace, true);
    assert.equal(shown.blocked, TEXTS.fixProblems);
  });

  it('a model not offered in the region says so', () => {
    const shown = state({ values: { model: 'wanx2.1-kf2v-plus' }, endpoint: endpointFor('us-east-1') });
    assert.match(shown.problems.join(' '), /not offered in US \(Virginia\)/);
  });

  it('carries the inputs and the aspect warning through as they are', () => {
    const shown = state({ aspectWarning: 'different shapes' });
    assert.equal(shown.aspectWarning, 'different shapes');
    assert.equal(shown.inputs[ROLE.first], FRAME);
  });

  it('says what the takes would cost from the price table, for the count asked, and "price unknown" where it has none', () => {
    const flash = priceOf('wan2.2-kf2v-flash', '720P', 'cn-beijing')?.cnyPerSecond ?? NaN;
    const one = state({ values: { count: 1 } }).estimate ?? '';
    assert.ok(one.startsWith(`≈ ¥${(flash * 5).toFixed(2)} per take`), one);
    const four = state({ values: { count: 4 } }).estimate ?? '';
    assert.match(four, new RegExp(`¥${(flash * 5 * 4).toFixed(2)} for 4`));
    const custom = state({ endpoint: { kind: 'custom', baseUrl: 'https://example.com', workspaceId: undefined } }).estimate;
    assert.equal(custom, 'price unknown');
    const named = state({ endpoint: { kind: 'custom', baseUrl: 'https://example.com', workspaceId: undefined, pricedAs: 'cn-beijing' }, values: { count: 4 } }).estimate ?? '';
    assert.ok(named.startsWith(four), `a custom base URL with a named region is priced as that region: ${named}`);
    assert.match(named, / · at China \(Beijing\) prices$/, 'and says so');
    assert.equal(state({ spent: 'spent so far' }).spent, 'spent so far');
  });
});
