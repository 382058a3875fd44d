import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleLink, isLinkAction, type LinkAction } from '../../../../src/core/errors/consoleLinks';
import { ERROR_ACTIONS } from '../../../../src/shared/errorActions';

const LINKS = ERROR_ACTIONS.filter(isLinkAction);

describe('the console links of account actions', () => {
  it('are exactly the actions a person takes in the console', () => {
    assert.deepEqual(LINKS, ['open-budget', 'top-up', 'activate', 'authorize-model']);
    for (const action of ['set-api-key', 'switch-region', 'use-newest-model', 'retry', 'show-log'] as const) assert.equal(isLinkAction(action), false, action);
  });

  it('open https pages on the China site for Beijing, and for an unknown region', () => {
    for (const action of LINKS) {
      const beijing = consoleLink(action, 'cn-beijing', false);
      assert.match(beijing, /^https:\/\/[a-z0-9.-]+\.aliyun\.com\//, action);
      assert.equal(consoleLink(action, undefined, false), beijing, action);
    }
  });

  it('open the international site for any other region: a different account, a different page', () => {
    for (const action of LINKS) {
      const singapore = consoleLink(action, 'ap-southeast-1', false);
      assert.match(singapore, /^https:\/\/[a-z0-9.-]+\.alibabacloud\.com\/|^https:\/\/usercenter2-intl\.aliyun\.com\//, action);
      assert.notEqual(singapore, consoleLink(action, 'cn-beijing', false), action);
    }
  });

  it('give the international documentation in the reader\'s language; the China site has it in Chinese only', () => {
    const docs: LinkAction[] = ['open-budget', 'authorize-model'];
    for (const action of docs) {
      assert.match(consoleLink(action, 'us-east-1', false), /\/help\/en\/model-studio\//);
      assert.match(consoleLink(action, 'us-east-1', true), /\/help\/zh\/model-studio\//);
      assert.equal(consoleLink(action, 'cn-beijing', true), consoleLink(action, 'cn-beijing', false));
    }
    assert.notEqual(consoleLink('open-budget', 'cn-beijing', false), consoleLink('authorize-model', 'cn-beijing', false));
  });
});
