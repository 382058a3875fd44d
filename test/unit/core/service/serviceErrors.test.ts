import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KIND_SUMMARIES } from '../../../../src/core/errors/summaries';
import type { ErrorKind } from '../../../../src/core/errors/wanError';
import { kindOfServiceError, serviceError } from '../../../../src/core/service/serviceErrors';

const BUDGET_EN = 'The budget configured in Budget Management has been exhausted. You will be unable to make further API calls until the budget limit is increased or reset.';
const BUDGET_ZH = '您在「预算管理」中设置的预算额度已用尽。';
const NOT_ACTIVATED = 'The product is not activated, please confirm that you have activated products and try again after activation.';

describe('a service error\'s kind', () => {
  it('falls back on the HTTP status when the code is unknown or missing', () => {
    const table: Array<[number | undefined, string | undefined, ErrorKind]> = [
      [429, undefined, 'rate-limit'],
      [429, 'Throttling.Something', 'rate-limit'],
      [429, 'Whatever', 'quota'],
      [401, 'Unknown', 'auth'],
      [403, 'Forbidden', 'access'],
      [404, undefined, 'not-found'],
      [502, undefined, 'server'],
      [400, 'BadRequest.TooLarge', 'invalid-input'],
      [400, 'InvalidURL', 'invalid-input'],
      [418, 'Teapot', 'invalid-input'],
      [undefined, 'SystemError', 'server'],
      [undefined, 'RequestTimeOut', 'server'],
      [undefined, 'SomethingNew', 'task-failed'],
      [undefined, undefined, 'task-failed'],
    ];
    for (const [status, code, kind] of table) assert.equal(kindOfServiceError(status, code), kind, `${status} ${code}`);
  });

  it('the budget message wins over any code, in English and in Chinese; so does a code naming the budget', () => {
    for (const code of ['Arrearage', 'Throttling.RateQuota', 'InvalidApiKey', 'DataInspectionFailed', 'InternalError']) {
      assert.equal(kindOfServiceError(400, code, BUDGET_EN), 'budget', code);
      assert.equal(kindOfServiceError(500, code, BUDGET_ZH), 'budget', code);
    }
    assert.equal(kindOfServiceError(429, 'Budget.Exceeded', 'no words about it'), 'budget');
    assert.equal(serviceError({ status: 503, message: BUDGET_EN }).retryable, false, 'a 5xx with the budget text is not retried');
  });

  it('the account\'s stops come before the codes a retry could fix', () => {
    assert.equal(kindOfServiceError(429, 'Arrearage'), 'arrears');
    assert.equal(kindOfServiceError(400, 'Arrearage', NOT_ACTIVATED), 'arrears', 'arrears outrank the not-activated text');
    assert.equal(kindOfServiceError(500, 'InternalError', NOT_ACTIVATED), 'not-activated');
    assert.equal(kindOfServiceError(429, 'Throttling.Concurrency'), 'concurrency');
    assert.equal(kindOfServiceError(429, 'CommodityNotPurchased'), 'quota');
  });
});

describe('serviceError', () => {
  it('carries what the service said: status, code, message, request and task ids', () => {
    const error = serviceError({ status: 400, code: 'InvalidParameter', message: 'size out of range', requestId: 'req-9', taskId: 'task-9' });
    assert.equal(error.kind, 'invalid-input');
    assert.equal(error.status, 400);
    assert.equal(error.code, 'InvalidParameter');
    assert.equal(error.serviceMessage, 'size out of range');
    assert.equal(error.requestId, 'req-9');
    assert.equal(error.taskId, 'task-9');
    assert.equal(error.retryable, false);
    assert.deepEqual(error.summary, KIND_SUMMARIES['invalid-input']);
  });

  it('rate limits and server errors of an HTTP call are retryable', () => {
    const rate = serviceError({ status: 429, code: 'Throttling.RateQuota' });
    const server = serviceError({ status: 500, code: 'InternalError' });
    assert.deepEqual([rate.kind, rate.retryable, server.kind, server.retryable], ['rate-limit', true, 'server', true]);
  });

  it('fromTask: a FAILED task\'s server-side code is a failed task, never retried; other kinds keep their kind', () => {
    const failed = serviceError({ code: 'InternalError.Timeout', message: 'late', taskId: 't', fromTask: true });
    assert.equal(failed.kind, 'task-failed');
    assert.equal(failed.retryable, false);
    assert.deepEqual(failed.summary, KIND_SUMMARIES['task-failed']);
    assert.equal(failed.code, 'InternalError.Timeout', 'the service\'s code is still shown');
    const moderated = serviceError({ code: 'DataInspectionFailed', fromTask: true });
    assert.deepEqual([moderated.kind, moderated.retryable], ['moderation', false]);
    const throttled = serviceError({ status: 429, code: 'Throttling', fromTask: true });
    assert.deepEqual([throttled.kind, throttled.retryable], ['rate-limit', false]);
  });

  it('the route mismatch ("url error") gets its own words only for InvalidParameter', () => {
    assert.match(serviceError({ status: 400, code: 'InvalidParameter', message: 'url error, please check url!' }).summary.en, /does not serve this model on this route/);
    const other = serviceError({ status: 400, code: 'InvalidURL', message: 'url error' });
    assert.deepEqual(other.summary, KIND_SUMMARIES['invalid-input']);
  });
});
