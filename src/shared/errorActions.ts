/** What a user can do about a failed job; the editor turns each into a button, docs/errors.md lists them. */
export const ERROR_ACTIONS = [
  'set-api-key',
  'switch-region',
  'set-workspace-id',
  'open-budget',
  'top-up',
  'activate',
  'authorize-model',
  'use-newest-model',
  'save-as',
  'retry-download',
  'retry',
  'show-log',
] as const;
export type ErrorAction = (typeof ERROR_ACTIONS)[number];
