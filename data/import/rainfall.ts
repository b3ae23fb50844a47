import { readCsvRecords } from './read-csv';

/** One hourly rainfall observation: local (CST) date and hour, its UTC start, and mm in that hour (null = NA). */
export interface HourlyRain {
  localDate: string;
  hour: number;
  utcMs: number;
  mm: number | null;
}

const CST_OFFSET_MS = 8 * 3600_000;

/** Loads the UCI Shanghai hourly weather CSV's `precipitation` column (local time CST = UTC+8; NA = missing). */
export function loadHourlyRainfall(path: string): HourlyRain[] {
  return readCsvRecords(path).map((r) => {
    const y = Number(r.year);
    const m = Number(r.month);
    const d = Number(r.day);
    const hour = Number(r.hour);
    const p = r.precipitation?.trim();
    const mm = p === undefined || p === '' || p === 'NA' ? null : Number(p);
    return {
      localDate: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      hour,
      utcMs: Date.UTC(y, m - 1, d, hour) - CST_OFFSET_MS,
      mm: mm !== null && Number.isFinite(mm) ? mm : null,
    };
  });
}

/** Hourly rain (mm/h) at each hour start from `startUtcMs`, `hours + 1` values (the last one closes the day). */
export function rainHoursFrom(
  series: HourlyRain[],
  startUtcMs: number,
  hours: number,
): { mm: number[]; missing: number } {
  const byTime = new Map(series.map((r) => [r.utcMs, r.mm]));
  const mm: number[] = [];
  let missing = 0;
  for (let h = 0; h <= hours; h++) {
    const v = byTime.get(startUtcMs + h * 3600_000);
    if (v === null || v === undefined) missing++;
    mm.push(v ?? 0);
  }
  return { mm, missing };
}
