import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restoreError, StoredErrorSchema, storeError } from '../../../../src/core/errors/storedError';
import { WanError } from '../../../../src/core/errors/wanError';

const ORIGINAL = new WanError({
  kind: 'network',
  step: 'download',
  summary: { en: 'The link failed.', zh: '链接失败。' },
  code: 'ECONNRESET',
  serviceMessage: 'download: ECONNRESET',
  retryable: true,
  videoKeptUntil: Date.UTC(2026, 11, 2, 11, 45),
  taskId: 't-1',
});

/** Through the record as a reloaded window reads it: JSON on disk, checked by the schema. */
const throughRecord = (error: WanError) => StoredErrorSchema.parse(JSON.parse(JSON.stringify(storeError(error))));

describe('an error kept in a job record', () => {
  it('comes back the same: kind, step, both languages, code, retry and how long the video waits', () => {
    const restored = restoreError(throughRecord(ORIGINAL), 't-1');
    assert.deepEqual(
      [restored.kind, restored.step, restored.code, restored.serviceMessage, restored.retryable, restored.videoKeptUntil, restored.taskId],
      [ORIGINAL.kind, ORIGINAL.step, ORIGINAL.code, ORIGINAL.serviceMessage, ORIGINAL.retryable, ORIGINAL.videoKeptUntil, ORIGINAL.taskId],
    );
    for (const locale of ['en', 'zh-cn']) assert.equal(restored.localized(locale), ORIGINAL.localized(locale), locale);
  });

  it('takes the task id the record has now', () => {
    assert.equal(restoreError(storeError(ORIGINAL), 't-2').taskId, 't-2');
    assert.equal(restoreError(storeError(ORIGINAL), undefined).taskId, undefined);
  });

  it('from an older record, without summary or step, reads as its message in both languages', () => {
    const restored = restoreError({ kind: 'server', message: 'The service failed.' }, undefined);
    assert.deepEqual([restored.kind, restored.step, restored.retryable], ['server', undefined, false]);
    assert.equal(restored.localized('zh-cn'), 'The service failed.');
  });

  it('of a kind this version no longer knows reads as a failed task', () => {
    assert.equal(restoreError({ kind: 'gone-kind', message: 'Old.' }, 't').kind, 'task-failed');
  });

  it('is refused by the schema when its step is not one of the job\'s', () => {
    assert.equal(StoredErrorSchema.safeParse({ ...storeError(ORIGINAL), step: 'uploading' }).success, false);
    assert.equal(StoredErrorSchema.safeParse({ kind: 'network' }).success, false, 'a message is required');
  });
});

describe('the request an error came with', () => {
  it('is kept, so a reloaded window says the same message, request id and all', () => {
    const error = new WanError({ kind: 'server', summary: { en: 'The service had an error.', zh: '服务出错。' }, status: 500, code: 'InternalError', requestId: 'r-1', retryable: true });
    const restored = restoreError(StoredErrorSchema.parse(JSON.parse(JSON.stringify(storeError(error)))), 't-1');
    assert.equal(restored.localized('en'), error.localized('en'));
    assert.match(restored.localized('en'), /\[request r-1\]/);
    assert.equal(restored.status, 500);
  });
});
