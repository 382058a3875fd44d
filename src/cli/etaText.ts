import type { Eta } from '../core/service/eta';
import { cliText } from './messages';

/** A duration as the progress line says it: m:ss (h:mm:ss past an hour). */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * What the progress line says of the time left: "~1:40 left" (the median), "taking longer than usual" past what 9
 * tasks in 10 of this kind take, "no estimate yet" with no basis; queued time is said apart.
 */
export function etaText(eta: Eta | undefined, zh: boolean): string | undefined {
  if (!eta) return undefined;
  const parts: string[] = [];
  if (eta.phase === 'queued' && eta.queuedMs !== undefined && eta.queuedMs >= 1000) parts.push(cliText('etaQueued', zh, clockText(eta.queuedMs)));
  if (!eta.estimate) parts.push(cliText('etaNone', zh));
  else {
    const left = eta.estimate.remainingMs.p50;
    if (left >= 1000) parts.push(cliText('etaLeft', zh, clockText(left)));
    if (eta.estimate.longerThanUsual) parts.push(cliText('etaLonger', zh));
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
