import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccountLimits, concurrencyOf } from '../../../../src/core/service/accountLimits';
import { QuotaListResponseSchema } from '../../../../src/core/service/schemas';
import { MODELS } from '../../../../src/core/catalog/models';

const response = (limits: Record<string, unknown>) =>
  QuotaListResponseSchema.parse({ success: true, output: { total: 1, quotas: [{ model: 'wan3.0-video', workspace_id: 'llm-1', ...limits }] }, request_id: 'r' });

describe('the account’s limits (quota API)', () => {
  it('reads the workspace’s cap first, then the account’s; floats and strings parse, nonsense does not count', () => {
    assert.equal(concurrencyOf(response({ model_limit: { async_user_concurrency_limit: 5.0 }, workspace_limit: { async_user_concurrency_limit: '2' } }), 'wan3.0-video'), 2);
    assert.equal(concurrencyOf(response({ model_limit: { async_user_concurrency_limit: 3 }, workspace_limit: null }), 'wan3.0-video'), 3);
    assert.equal(concurrencyOf(response({ model_limit: { async_user_concurrency_limit: 0 } }), 'wan3.0-video'), undefined);
    assert.equal(concurrencyOf(response({ model_limit: { async_user_concurrency_limit: 3 } }), 'wan2.7-i2v'), undefined, 'another model’s row');
  });

  it('looks each model up once, never two lookups at a time, and a failure leaves the catalog', async () => {
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    const limits = new AccountLimits(async (model) => {
      asked.push(model);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      if (model === 'wan2.7-i2v') throw new Error('socket hang up');
      return QuotaListResponseSchema.parse({ output: { quotas: [{ model, model_limit: { async_user_concurrency_limit: 1 } }] } });
    });
    assert.equal(limits.settled('wan3.0-video'), false);
    await Promise.all([limits.ensure('wan3.0-video', 'wan3.0-video'), limits.ensure('wan2.7-i2v', 'wan2.7-i2v'), limits.ensure('wan3.0-video', 'wan3.0-video')]);
    assert.deepEqual(asked, ['wan3.0-video', 'wan2.7-i2v']);
    assert.equal(most, 1, 'one lookup at a time');
    assert.equal(limits.limit('wan3.0-video'), 1);
    assert.equal(limits.limit('wan2.7-i2v'), MODELS['wan2.7-i2v'].concurrency, 'a failed lookup keeps the catalog’s number');
    assert.equal(limits.settled('wan2.7-i2v'), true, 'and does not hold jobs back');
    limits.lower('wan2.7-i2v', 0);
    assert.equal(limits.limit('wan2.7-i2v'), 1, 'Throttling.Concurrency holds the model to what runs (at least one)');
  });
});
