import { randomUUID } from 'node:crypto';

/**
 * The quota API as the addendum (§A3) shows it: `/api/v1/quotas` in the newest docs, `/api/v1/models/limits` in an
 * older one. The simulator serves one of them (the other answers 404), so a client must try both.
 */
export type QuotaRoute = 'quotas' | 'limits' | 'none';

export function quotaBody(models: string[], concurrencyOf: (model: string) => number, workspaceId: string | undefined): unknown {
  return {
    code: null,
    message: null,
    success: true,
    output: {
      total: models.length,
      page_no: 1,
      page_size: 20,
      quotas: models.map((model) => ({
        model,
        workspace_id: workspaceId ?? 'llm-simulator',
        model_limit: {
          request_limit: 5,
          request_limit_period: 1,
          usage_limit: null,
          usage_limit_field: null,
          usage_limit_period: null,
          async_user_queue_limit: 500,
          async_user_concurrency_limit: concurrencyOf(model),
        },
        workspace_limit: null,
      })),
    },
    request_id: randomUUID(),
  };
}
