import type { ErrorKind } from '../errors/wanError';
import { WanError } from '../errors/wanError';
import { KIND_SUMMARIES } from '../errors/summaries';

const QUOTA_CODES = new Set([
  'Throttling.AllocationQuota',
  'AllocationQuota.FreeTierOnly',
  'CommodityNotPurchased',
  'PrepaidBillOverdue',
  'PostpaidBillOverdue',
]);
const RATE_CODES = new Set(['Throttling', 'Throttling.RateQuota', 'Throttling.BurstRate']);
const MODERATION_CODES = new Set(['DataInspectionFailed', 'IPInfringementSuspect']);

/** The budget stop's message (addendum §A4), in both languages; its `code` is not documented, so the text decides. */
const BUDGET_MESSAGE = /budget configured in Budget Management has been exhausted|预算额度已用尽/i;
const NOT_ACTIVATED_MESSAGE = /product is not activated/i;

/**
 * Sorts a service error (HTTP error body, or a FAILED task's output) into a kind. The account's own stops
 * (addendum §A4) come first: each needs a person to act, so none of them may read as a rate limit to retry.
 */
export function kindOfServiceError(status: number | undefined, code: string | undefined, message?: string): ErrorKind {
  const c = code ?? '';
  if (BUDGET_MESSAGE.test(message ?? '') || /budget/i.test(c)) return 'budget';
  if (c === 'Arrearage' || c === 'isv.OUT_OF_SERVICE') return 'arrears';
  if (NOT_ACTIVATED_MESSAGE.test(message ?? '')) return 'not-activated';
  if (c === 'Model.AccessDenied') return 'model-not-authorized';
  if (c === 'Endpoint.AccessDenied') return 'retired';
  if (c === 'WorkSpaceNotFound' || c === 'NOT AUTHORIZED' || c === 'Workspace.AccessDenied') return 'workspace';
  if (c === 'Throttling.Concurrency') return 'concurrency';
  if (QUOTA_CODES.has(c)) return 'quota';
  if (RATE_CODES.has(c) || (status === 429 && !c)) return 'rate-limit';
  if (status === 429) return c.startsWith('Throttling') ? 'rate-limit' : 'quota';
  if (MODERATION_CODES.has(c)) return 'moderation';
  if (c === 'InvalidApiKey' || status === 401) return 'auth';
  if (c === 'ModelNotFound') return 'region';
  if (status === 403 || c.endsWith('AccessDenied') || c.startsWith('AccessDenied')) return 'access';
  if (c.startsWith('InvalidParameter') || c.startsWith('BadRequest') || c.startsWith('InvalidURL') || c === 'UnsupportedOperation') {
    return 'invalid-input';
  }
  if (status === 404) return 'not-found';
  if ((status !== undefined && status >= 500) || c.startsWith('InternalError') || c === 'SystemError' || c === 'ModelServiceFailed' || c === 'ModelUnavailable' || c === 'RequestTimeOut') {
    return 'server';
  }
  if (status !== undefined && status >= 400) return 'invalid-input';
  return 'task-failed';
}

export function serviceError(init: {
  status?: number;
  code?: string;
  message?: string;
  requestId?: string;
  taskId?: string;
  /** A FAILED task: retrying the same HTTP call cannot help even for server-side codes. */
  fromTask?: boolean;
}): WanError {
  const kind = kindOfServiceError(init.status, init.code, init.message);
  const retryable = !init.fromTask && (kind === 'rate-limit' || kind === 'server');
  const summary =
    init.code === 'InvalidParameter' && /url error/i.test(init.message ?? '')
      ? {
          en: 'The service does not serve this model on this route (“url error”). Check the model id and endpoint.',
          zh: '服务在此路径上不提供该模型（“url error”）。请检查模型 ID 和端点。',
        }
      : init.fromTask && kind === 'server'
        ? KIND_SUMMARIES['task-failed']
        : KIND_SUMMARIES[kind];
  return new WanError({
    kind: init.fromTask && kind === 'server' ? 'task-failed' : kind,
    summary,
    status: init.status,
    code: init.code,
    serviceMessage: init.message,
    requestId: init.requestId,
    taskId: init.taskId,
    retryable,
  });
}
