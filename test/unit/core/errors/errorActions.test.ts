import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorActions, fixAction, retryAction } from '../../../../src/core/errors/errorActions';
import { type ErrorStep, WanError } from '../../../../src/core/errors/wanError';

const error = (kind: WanError['kind'], step?: ErrorStep) => new WanError({ kind, summary: { en: kind, zh: kind }, step });

describe('the actions offered for an error', () => {
  it('for a rejected key: set the key or switch the region, then the log', () => {
    assert.deepEqual(errorActions(error('auth', 'submit'), false, false), ['set-api-key', 'switch-region', 'show-log']);
  });

  it('for each stop of the account: the one console action that lifts it', () => {
    const table: Array<[WanError['kind'], string]> = [
      ['budget', 'open-budget'],
      ['arrears', 'top-up'],
      ['not-activated', 'activate'],
      ['model-not-authorized', 'authorize-model'],
      ['retired', 'use-newest-model'],
      ['workspace', 'set-workspace-id'],
    ];
    for (const [kind, action] of table) assert.equal(errorActions(error(kind, 'submit'), false, false)[0], action, kind);
  });

  it('offers Retry only when the lifecycle allows it, and Retry Download once the video exists', () => {
    assert.ok(!errorActions(error('network', 'waiting'), true, false).some((action) => action.startsWith('retry')));
    assert.deepEqual(errorActions(error('network', 'waiting'), true, true), ['retry', 'show-log']);
    assert.deepEqual(errorActions(error('network', 'download'), true, true), ['retry-download', 'show-log']);
  });

  it('offers Save As for a disk error only when there is a task whose video can land elsewhere', () => {
    assert.deepEqual(errorActions(error('file-system', 'saving'), true, true), ['save-as', 'retry-download', 'show-log']);
    assert.deepEqual(errorActions(error('file-system', 'prepare'), false, false), ['show-log']);
  });

  it('always ends with the log', () => {
    for (const kind of ['auth', 'budget', 'file-system', 'server', 'internal'] as const) {
      assert.equal(errorActions(error(kind, 'download'), true, true).at(-1), 'show-log', kind);
    }
  });
});

describe('the fix beside Retry', () => {
  it('is the first action that fixes the cause, not one about the job', () => {
    assert.equal(fixAction(['save-as', 'retry', 'open-budget', 'top-up', 'show-log']), 'open-budget');
    assert.equal(fixAction(errorActions(error('auth'), false, true)), 'set-api-key');
  });

  it('is none when every action is about the job', () => {
    assert.equal(fixAction(['save-as', 'retry-download', 'retry', 'show-log']), undefined);
    assert.equal(fixAction([]), undefined);
  });
});

describe('Retry\'s name', () => {
  it('is Retry Download after the video was generated, Retry before', () => {
    const steps: Array<ErrorStep | undefined> = ['prepare', 'upload', 'submit', 'waiting', 'generation', 'download', 'saving', undefined];
    const downloads = steps.filter((step) => retryAction(error('network', step)) === 'retry-download');
    assert.deepEqual(downloads, ['download', 'saving']);
  });
});
