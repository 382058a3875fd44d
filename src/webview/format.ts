/** Text helpers for the page; lit escapes whatever they return, so no user text ever becomes markup. */
export function format(template: string, ...values: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (_, index: string) => String(values[Number(index)] ?? ''));
}

export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function elapsed(since: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Counts what the service counts: characters, not UTF-16 code units (an emoji is one). */
export function characters(text: string): number {
  return [...text].length;
}

/** "just now", "5 min ago", "3 h ago", "2 d ago" in the page's language. */
export function ago(at: number, s: { justNow: string; minutesAgo: string; hoursAgo: string; daysAgo: string }, now = Date.now()): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return s.justNow;
  if (minutes < 60) return format(s.minutesAgo, minutes);
  if (minutes < 48 * 60) return format(s.hoursAgo, Math.floor(minutes / 60));
  return format(s.daysAgo, Math.floor(minutes / 1440));
}
