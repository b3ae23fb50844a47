/** Shanghai is UTC+8 all year (no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Formats ms as Shanghai local time: `2013-09-13 16:05` (or with seconds). Independent of the browser's zone. */
export function formatShanghai(ms: number, seconds = false): string {
  const iso = new Date(ms + OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, seconds ? 19 : 16)}`;
}

/** Start of the Shanghai calendar day containing `ms` (local midnight, as UTC ms). */
export function shanghaiDayStart(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}
