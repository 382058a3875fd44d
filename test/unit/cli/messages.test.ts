import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLI_TEXT, type CliTextKey, cliText } from '../../../src/cli/messages';

const KEYS = Object.keys(CLI_TEXT) as CliTextKey[];
const placeholders = (template: string) => [...template.matchAll(/\{(\d+)\}/g)].map((match) => match[1]).sort();

describe('the CLI\'s own sentences', () => {
  it('every sentence has an English and a Chinese form, each different and the Chinese one in Chinese', () => {
    for (const key of KEYS) {
      const { en, zh } = CLI_TEXT[key];
      assert.ok(en.length > 0 && zh.length > 0, key);
      assert.notEqual(en, zh, key);
      assert.match(zh, /[\u4e00-\u9fff]/, `${key} has Chinese`);
      assert.doesNotMatch(en, /[\u4e00-\u9fff]/, `${key} in English has no Chinese`);
    }
  });

  it('both languages of a sentence take the same values, so a value is never lost in translation', () => {
    for (const key of KEYS) assert.deepEqual(placeholders(CLI_TEXT[key].zh), placeholders(CLI_TEXT[key].en), key);
  });

  it('fills every {n} with its value, the same value each time it appears, in the language asked for', () => {
    assert.equal(cliText('saved', false, '/videos/a-to-b.mp4'), 'Saved /videos/a-to-b.mp4');
    assert.equal(cliText('saved', true, '/videos/a-to-b.mp4'), '已保存 /videos/a-to-b.mp4');
    const hint = cliText('resumeHint', false, 'task-42');
    assert.equal(hint.split('task-42').length - 1, 2, hint);
    assert.doesNotMatch(hint, /\{\d\}/);
    const region = cliText('unknownRegion', true, 'mars-1', 'cn-beijing, us-east-1');
    assert.ok(region.includes('mars-1') && region.includes('cn-beijing, us-east-1'), region);
  });

  it('a value not given leaves nothing in its place, and a sentence without values is returned as written', () => {
    assert.equal(cliText('unknownRegion', false, 'mars-1'), CLI_TEXT.unknownRegion.en.replace('{0}', 'mars-1').replace('{1}', ''));
    for (const key of KEYS.filter((k) => placeholders(CLI_TEXT[k].en).length === 0)) {
      assert.equal(cliText(key, false, 'ignored'), CLI_TEXT[key].en, key);
      assert.equal(cliText(key, true), CLI_TEXT[key].zh, key);
    }
  });
});
