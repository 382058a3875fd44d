import { type ErrorStep, isWanError, type WanError } from './wanError';
import { fileSystemError } from './fileErrors';

/** The error `error` becomes at `step`: the innermost step that knew is kept; a disk error becomes a file-system one. */
export function atStep(step: ErrorStep, error: unknown): unknown {
  if (isWanError(error)) return error.step ? error : error.with({ step });
  return fileSystemError(error, step) ?? error;
}

/** Runs one step of a job; what it throws names that step. */
export async function inStep<T>(step: ErrorStep, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw atStep(step, error) as WanError | Error;
  }
}
