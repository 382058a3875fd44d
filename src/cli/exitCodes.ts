import type { WanError } from '../core/errors/wanError';

export const EXIT = { saved: 0, invalidInput: 2, service: 3, taskEnded: 4, download: 5, interrupted: 130 } as const;

/** The exit code for a job that ended in `error`: 5 whenever the video exists but is not on disk yet. */
export function exitCodeFor(error: WanError): number {
  if (error.kind === 'aborted') return EXIT.interrupted;
  if (error.step === 'download' || error.step === 'saving') return EXIT.download;
  if (error.step === 'generation' || error.kind === 'task-failed') return EXIT.taskEnded;
  return EXIT.service;
}

/**
 * Worst first: an interrupted run, then a service or account refusal, a task that ended without its video, a video
 * not yet on disk (resumable), a usage mistake; saved is the best.
 */
const SEVERITY: readonly number[] = [EXIT.interrupted, EXIT.service, EXIT.taskEnded, EXIT.download, EXIT.invalidInput, EXIT.saved];

/** The exit code of several takes: the worst of their outcomes (0 only when every take was saved). */
export function worstExit(codes: readonly number[]): number {
  const rank = (code: number) => (SEVERITY.includes(code) ? SEVERITY.indexOf(code) : 0);
  return codes.reduce((worst, code) => (rank(code) < rank(worst) ? code : worst), EXIT.saved as number);
}
