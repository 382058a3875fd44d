import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { languageOf } from '../../../src/cli/context';

describe('the language the CLI speaks', () => {
  it('is Chinese for any zh locale in LANG, and English otherwise', () => {
    assert.deepEqual(languageOf({ LANG: 'zh_CN.UTF-8' }), { locale: 'zh_CN.UTF-8', zh: true });
    assert.equal(languageOf({ LANG: 'zh_TW.UTF-8' }).zh, true);
    assert.deepEqual(languageOf({ LANG: 'en_US.UTF-8' }), { locale: 'en_US.UTF-8', zh: false });
    assert.equal(languageOf({ LANG: 'fr_FR.UTF-8' }).zh, false);
  });

  it('is English when no locale is set at all', () => {
    assert.deepEqual(languageOf({}), { locale: '', zh: false });
  });

  it('follows POSIX order: LC_ALL over LC_MESSAGES over LANG', () => {
    assert.equal(languageOf({ LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LANG: 'en_US.UTF-8' }).zh, true);
    assert.equal(languageOf({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }).zh, false);
    assert.equal(languageOf({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }).zh, true);
  });

  it('skips an empty LC_ALL, as a shell that exports it blank means "not set"', () => {
    assert.deepEqual(languageOf({ LC_ALL: '', LANG: 'zh_CN.UTF-8' }), { locale: 'zh_CN.UTF-8', zh: true });
  });
});
