import type { Eta } from '../../../core/service/eta';

/** The words of an ETA in the display language; `{0}` is a duration ("1:40"). */
export interface EtaWords {
  /** "~{0} left" */
  left: string;
  /** "no estimate yet" */
  noEstimate: string;
  /** "taking longer than usual" */
  late: string;
  /** "queued {0}" */
  queued: string;
  /** "running {0}" */
  running: string;
}

/** What a card and the status bar show of an ETA: the text, its detail for a hover, and whether it is late. */
export interface EtaView {
  text: string;
  detail: string;
  late: boolean;
}

/**
 * "~1:40 left" with "p50 1:40 · p90 2:30 · queued 0:12" on hover; "taking longer than usual" once past the kind's
 * p90; "no estimate yet" without a basis (nothing learnt of this kind, or the task's own times unknown) — never a
 * number without one. Queued time is always shown apart from running time.
 */
export function etaView(eta: Eta | undefined, words: EtaWords): EtaView | undefined {
  if (!eta) return undefined;
  const times = [
    ...(eta.queuedMs !== undefined ? [fill(words.queued, clockText(eta.queuedMs))] : []),
    ...(eta.runningMs !== undefined ? [fill(words.running, clockText(eta.runningMs))] : []),
  ];
  const estimate = eta.estimate;
  if (!estimate) return { text: words.noEstimate, detail: times.join(' · '), late: false };
  const { p50, p90 } = estimate.remainingMs;
  const detail = [`p50 ${clockText(p50)}`, `p90 ${clockText(p90)}`, ...times].join(' · ');
  return { text: estimate.longerThanUsual ? words.late : fill(words.left, clockText(p50)), detail, late: estimate.longerThanUsual };
}

/** 0:12, 1:40, 1:02:05: whole seconds, rounded up so "0:00 left" only when it is due. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

function fill(template: string, value: string): string {
  return template.replace('{0}', value);
}
