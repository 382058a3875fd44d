import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inLanguage, isChinese, localeOfEnvironment } from '../../../../src/core/base/language';

const GREETING = { en: 'Hello', zh: '你好' };

describe('the user\'s language', () => {
  it('is Chinese for any zh locale, whatever its case or region', () => {
    for (const locale of ['zh', 'zh-cn', 'zh-CN', 'ZH-TW', 'zh_CN.UTF-8']) assert.equal(isChinese(locale), true, locale);
  });

  it('is English otherwise, including when no locale is known', () => {
    for (const locale of ['en', 'en-US', 'ja-JP', 'C', '', undefined, 'x-zh']) assert.equal(isChinese(locale), false, String(locale));
  });

  it('picks the sentence in that language', () => {
    assert.equal(inLanguage(GREETING, 'zh-cn'), '你好');
    assert.equal(inLanguage(GREETING, 'fr-FR'), 'Hello');
    assert.equal(inLanguage(GREETING, undefined), 'Hello');
  });
});

describe('the command line\'s locale', () => {
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    const env = { LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'de_DE.UTF-8', LANG: 'en_US.UTF-8' };
    assert.equal(localeOfEnvironment(env), 'zh_CN.UTF-8');
    assert.equal(localeOfEnvironment({ ...env, LC_ALL: undefined }), 'de_DE.UTF-8');
    assert.equal(localeOfEnvironment({ LANG: 'en_US.UTF-8' }), 'en_US.UTF-8');
  });

  it('skips a variable that is set but empty, as POSIX does', () => {
    assert.equal(localeOfEnvironment({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_TW.UTF-8' }), 'zh_TW.UTF-8');
  });

  it('is empty when none is set', () => {
    assert.equal(localeOfEnvironment({}), '');
  });
});
