/** DashScope speaks UTC+8 (Beijing time) in its task times, whatever the region. */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** `YYYYMMDDhhmmss` in UTC+8, the time zone DashScope's task list speaks. */
export function beijingCompact(date: Date): string {
  const shifted = new Date(date.getTime() + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${shifted.getUTCFullYear()}${pad(shifted.getUTCMonth() + 1)}${pad(shifted.getUTCDate())}${pad(shifted.getUTCHours())}${pad(shifted.getUTCMinutes())}${pad(shifted.getUTCSeconds())}`;
}

/** A task's `end_time` (`YYYY-MM-DD HH:mm:ss.SSS`, UTC+8) as epoch ms; undefined when absent or unreadable. */
export function parseBeijingTime(text: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // A field out of its range (month 13, hour 25) would roll over into another time: not a time at all.
  const back = new Date(utc);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || back.getUTCHours() !== hour || back.getUTCMinutes() !== minute || back.getUTCSeconds() !== second) return undefined;
  return utc - BEIJING_OFFSET_MS;
}
