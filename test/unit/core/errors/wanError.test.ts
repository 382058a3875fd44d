import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindOfServiceError, serviceError } from '../../../../src/core/service/serviceErrors';
import { classifyTransportError, retryAfterMs } from '../../../../src/core/net/transport';

describe('service errors', () => {
  it('sorts the documented codes into kinds', () => {
    const table: Array<[number | undefined, string, string]> = [
      [401, 'InvalidApiKey', 'auth'],
      [403, 'AccessDenied.Unpurchased', 'access'],
      [403, 'Model.AccessDenied', 'model-not-authorized'],
      [403, 'AccessDenied', 'access'],
      [403, 'Endpoint.AccessDenied', 'retired'],
      [404, 'WorkSpaceNotFound', 'workspace'],
      [401, 'NOT AUTHORIZED', 'workspace'],
      [403, 'Workspace.AccessDenied', 'workspace'],
      [429, 'Throttling.Concurrency', 'concurrency'],
      [403, 'AllocationQuota.FreeTierOnly', 'quota'],
      [400, 'Arrearage', 'arrears'],
      [400, 'isv.OUT_OF_SERVICE', 'arrears'],
      [429, 'Throttling', 'rate-limit'],
      [429, 'Throttling.RateQuota', 'rate-limit'],
      [429, 'Throttling.BurstRate', 'rate-limit'],
      [429, 'Throttling.AllocationQuota', 'quota'],
      [429, 'PrepaidBillOverdue', 'quota'],
      [400, 'DataInspectionFailed', 'moderation'],
      [400, 'IPInfringementSuspect', 'moderation'],
      [400, 'InvalidParameter', 'invalid-input'],
      [400, 'InvalidParameter.DataInspection', 'invalid-input'],
      [400, 'UnsupportedOperation', 'invalid-input'],
      [404, 'ModelNotFound', 'region'],
      [500, 'InternalError', 'server'],
      [503, 'ModelUnavailable', 'server'],
      [undefined, 'InternalError.Timeout', 'server'],
    ];
    for (const [status, code, kind] of table) assert.equal(kindOfServiceError(status, code), kind, `${status} ${code}`);
  });

  it('knows the budget stop by its message, whatever its undocumented code, and never as a rate limit', () => {
    const en = 'The budget configured in Budget Management has been exhausted. You will be unable to make further API calls until the budget limit is increased or reset.';
    const zh = '您在「预算管理」中设置的预算额度已用尽。在提高或重置预算额度前，您将无法继续调用 API。';
    for (const [code, message] of [[undefined, en], ['Throttling', en], ['Throttling.RateQuota', zh], ['BudgetExhausted', 'x']] as const) {
      const error = serviceError({ status: 429, code, message });
      assert.equal(error.kind, 'budget', `${code} ${message}`);
      assert.equal(error.retryable, false);
    }
    const notActivated = serviceError({ status: 400, code: 'InvalidParameter', message: 'The product is not activated, please confirm that you have activated products and try again after activation.' });
    assert.equal(notActivated.kind, 'not-activated');
    for (const code of ['Arrearage', 'Model.AccessDenied', 'AccessDenied', 'Endpoint.AccessDenied', 'WorkSpaceNotFound', 'NOT AUTHORIZED', 'Throttling.Concurrency']) {
      assert.equal(serviceError({ status: 403, code }).retryable, false, `${code} is never retried by itself`);
    }
  });

  it('retries only what a retry can fix, and never a FAILED task', () => {
    assert.equal(serviceError({ status: 429, code: 'Throttling.RateQuota' }).retryable, true);
    assert.equal(serviceError({ status: 503, code: 'ModelUnavailable' }).retryable, true);
    assert.equal(serviceError({ status: 429, code: 'Throttling.AllocationQuota' }).retryable, false);
    assert.equal(serviceError({ status: 401, code: 'InvalidApiKey' }).retryable, false);
    const failed = serviceError({ code: 'InternalError.Timeout', fromTask: true, taskId: 't' });
    assert.equal(failed.kind, 'task-failed');
    assert.equal(failed.retryable, false);
  });

  it('explains the route mismatch and speaks both languages', () => {
    const error = serviceError({ status: 400, code: 'InvalidParameter', message: 'url error, please check url!', requestId: 'r-1' });
    assert.match(error.message, /does not serve this model on this route/);
    assert.match(error.message, /\[request r-1\]/);
    assert.match(error.localized('zh-CN'), /服务在此路径上不提供该模型/);
    assert.match(error.localized('zh-cn'), /请求 ID r-1/);
  });

  it('keeps signed URLs and keys out of service messages', () => {
    const fakeKey = ['sk', 'fake', 'service', 'echo'].join('-');
    const error = serviceError({ status: 400, code: 'InvalidParameter', message: `bad https://b.oss.aliyuncs.com/x.png?Signature=abc for key ${fakeKey}` });
    assert.ok(!error.message.includes('Signature=abc'));
    assert.ok(!error.message.includes(fakeKey));
  });
});

describe('transport', () => {
  it('reads Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    assert.equal(retryAfterMs('7', now), 7000);
    assert.equal(retryAfterMs('Tue, 24 Nov 2026 10:00:30 GMT', now), 30_000);
    assert.equal(retryAfterMs('Tue, 24 Nov 2026 09:00:00 GMT', now), 0);
    assert.equal(retryAfterMs('soon', now), undefined);
    assert.equal(retryAfterMs(undefined, now), undefined);
  });

  it('knows a refused connection never carried the request, and a reset may have', () => {
    const refused = classifyTransportError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'POST /x');
    assert.equal(refused.requestNotSent, true);
    const reset = classifyTransportError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), 'POST /x');
    assert.equal(reset.requestNotSent, false);
    assert.equal(reset.kind, 'network');
    const slow = classifyTransportError(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'POST /x');
    assert.equal(slow.kind, 'timeout');
  });
});
