import type { ErrorAction } from '../../shared/errorActions';
import type { WanError } from './wanError';

/** The one action that helps with each of the account's own stops (addendum §A4); a person has to act first. */
const ACCOUNT_ACTIONS: Partial<Record<WanError['kind'], ErrorAction>> = {
  budget: 'open-budget',
  arrears: 'top-up',
  'not-activated': 'activate',
  'model-not-authorized': 'authorize-model',
  retired: 'use-newest-model',
  workspace: 'set-workspace-id',
};

/** Actions that are not about the job itself (retrying it, saving it elsewhere, the log): what fixes the cause. */
const JOB_ACTIONS: readonly ErrorAction[] = ['save-as', 'retry-download', 'retry', 'show-log'];

/** The one action a job's card offers beside Retry: the first that fixes the cause (a key, a workspace, a budget…). */
export function fixAction(actions: readonly ErrorAction[]): ErrorAction | undefined {
  return actions.find((action) => !JOB_ACTIONS.includes(action));
}

/** Retry once the video exists (the download or the saving failed) fetches it again: it says so. */
export function retryAction(error: WanError): 'retry-download' | 'retry' {
  return error.step === 'download' || error.step === 'saving' ? 'retry-download' : 'retry';
}

/**
 * The actions that help with `error`, most useful first. `hasTask`: the job reached the service (it has a task id);
 * `retry`: core/lifecycle.ts canRetry said the same task can get past it.
 */
export function errorActions(error: WanError, hasTask: boolean, retry: boolean): ErrorAction[] {
  const actions: ErrorAction[] = [];
  if (error.kind === 'auth') actions.push('set-api-key', 'switch-region');
  const account = ACCOUNT_ACTIONS[error.kind];
  if (account) actions.push(account);
  if (error.kind === 'file-system' && hasTask) actions.push('save-as');
  if (retry) actions.push(retryAction(error));
  actions.push('show-log');
  return actions;
}
