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
 * The exit code of several takes, in the order they ended: 0 only when every take was saved, else the code of the
 * first failure (issue 20: each saved take is still printed) — except an interrupted run, which says so whatever
 * ended before the interrupt.
 */
export function batchExit(codes: readonly number[]): number {
  if (codes.includes(EXIT.interrupted)) return EXIT.interrupted;
  return codes.find((code) => code !== EXIT.saved) ?? EXIT.saved;
}
