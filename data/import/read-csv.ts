import { readFileSync } from 'node:fs';
import { type Crs, toWgs84From } from '../crs/gcj02';

/** Splits one CSV line, honouring double-quoted fields with `""` escapes. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Reads a CSV file with a header row into records of strings. */
export function readCsvRecords(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim());
  return lines.slice(1).map((l) => {
    const cells = splitCsvLine(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** A CSV record with its position converted to WGS84. */
export interface CsvPoint {
  lon: number;
  lat: number;
  props: Record<string, string>;
}

/** Reads points from a CSV with lon/lat columns (names configurable), converting from `crs` to WGS84. */
export function readCsvPoints(
  path: string,
  opts: { crs?: Crs; lonColumn?: string; latColumn?: string } = {},
): CsvPoint[] {
  const conv = toWgs84From(opts.crs ?? 'wgs84');
  const lonCol = opts.lonColumn ?? 'lon';
  const latCol = opts.latColumn ?? 'lat';
  const out: CsvPoint[] = [];
  for (const r of readCsvRecords(path)) {
    const x = Number(r[lonCol]);
    const y = Number(r[latCol]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const [lon, lat] = conv(x, y);
    out.push({ lon, lat, props: r });
  }
  return out;
}
