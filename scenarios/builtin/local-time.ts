/** ISO UTC time of a Shanghai local (UTC+8) clock time on the replay day 2013-09-13, e.g. `local('16:00')`. */
export function local(hhmm: string, day = '2013-09-13'): string {
  const t = Date.parse(`${day}T${hhmm.length === 5 ? `${hhmm}:00` : hhmm}+08:00`);
  return new Date(t).toISOString().replace('.000Z', 'Z');
}
