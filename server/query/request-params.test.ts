import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LIMITS,
  parseBbox,
  parseCommonParams,
  parseDuration,
  parseReadingsParams,
  parseTime,
  type RawQuery,
} from './request-params';

/** A query string as the routes hand it over: every parameter as a list of its values. */
function q(text: string): RawQuery {
  const raw: RawQuery = {};
  for (const [k, v] of new URLSearchParams(text)) raw[k] = [...(raw[k] ?? []), v];
  return raw;
}

/** The error a parse throws (undefined when it does not throw), to compare with the 400 it must be. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** A 400 naming the parameter, in the error and in its message (API.md: the JSON message names it). */
const bad = (parameter: string) => ({
  name: 'ApiError',
  code: 'bad_parameter',
  status: 400,
  parameter,
  message: expect.stringContaining(parameter),
});
const common = (text: string) => parseCommonParams(q(text), null);
const readings = (text: string) => parseReadingsParams(q(text), null);

// Epoch seconds computed outside this code (Python's calendar.timegm):
// 2013-09-13T00:00:00Z = 1379030400, 2013-09-13T08:00:00Z = 1379059200, 2012-02-29T00:00:00Z = 1330473600.
const S_0913 = 1379030400n;
const S_0913_08 = 1379059200n;

describe('parseTime (ISO 8601 → epoch microseconds)', () => {
  it.each([
    ['2013-09-13', S_0913 * 1_000_000n],
    ['2013-09-13T08:00:00Z', S_0913_08 * 1_000_000n],
    ['2013-09-13 08:00:00Z', S_0913_08 * 1_000_000n],
    ['2013-09-13T08:00Z', S_0913_08 * 1_000_000n],
    ['2013-09-13T08:00:00', S_0913_08 * 1_000_000n], // no zone: UTC
    ['2013-09-13T16:00:00+08:00', S_0913_08 * 1_000_000n],
    ['2013-09-13T16:00:00+0800', S_0913_08 * 1_000_000n],
    ['2013-09-13T03:30:00-04:30', S_0913_08 * 1_000_000n],
    ['2013-09-13T08:00:00.5Z', S_0913_08 * 1_000_000n + 500_000n],
    ['2013-09-13T08:00:00.123456Z', S_0913_08 * 1_000_000n + 123_456n],
    ['2013-09-13T08:00:00.1234Z', S_0913_08 * 1_000_000n + 123_400n],
    ['2012-02-29', 1330473600n * 1_000_000n],
    ['2013-09-13T23:59:59Z', (S_0913 + 86_399n) * 1_000_000n],
    ['2013-09-13T00:00:00+14:00', (S_0913 - 14n * 3600n) * 1_000_000n],
    // the first and last month, the first day, the last minute of a zone offset
    ['2013-01-31', 1359590400n * 1_000_000n],
    ['2013-12-31T23:59:59Z', 1388534399n * 1_000_000n],
    ['2013-09-01', 1377993600n * 1_000_000n],
    ['2013-09-13T08:00:00+00:59', 1379055660n * 1_000_000n],
    // leap years by the century rules, and a year below 100 (not 1900 + year)
    ['2000-02-29', 951782400n * 1_000_000n],
    ['0013-09-13T08:00:00Z', -61734844800n * 1_000_000n],
  ])('%s', (text, us) => {
    expect(parseTime(text, 'at')).toBe(us);
  });

  it.each([
    '2013-02-29', // not a leap year
    '1900-02-29', // a century not divisible by 400
    '2013-13-01',
    '2013-00-10',
    '2013-04-31',
    '2013-09-00',
    '2013-09-13T24:00:00Z',
    '2013-09-13T08:60:00Z',
    '2013-09-13T08:00:60Z',
    '2013-09-13T08:00:00+15:00',
    '2013-09-13T08:00:00+08:60',
    '2013-9-13',
    '13-09-2013',
    '2013-09-13T08',
    '2013-09-13T08:00:00.1234567Z',
    'yesterday',
    '',
    'x2013-09-13', // text before or after a valid time
    '2013-09-13x',
    '2013-09-13T08:00:00Zx',
  ])('rejects %j naming the parameter', (text) => {
    expect(thrown(() => parseTime(text, 'from'))).toMatchObject(bad('from'));
  });
});

describe('parseDuration', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['15m', 900],
    ['1h', 3600],
    ['2d', 172_800],
    ['9999999', 9_999_999],
  ])('%s → %i s', (text, s) => {
    expect(parseDuration(text, 'maxAge')).toBe(s);
  });
  it.each(['1.5h', '10000000', '-5m', '5w', 'h', ' 5m', '5m '])('rejects %j', (text) => {
    expect(thrown(() => parseDuration(text, 'maxAge'))).toMatchObject(bad('maxAge'));
  });
});

describe('parseBbox', () => {
  it('reads xmin,ymin,xmax,ymax, allows zero width and height and the WGS84 edges', () => {
    expect(parseBbox('121.4,31.2,121.5,31.3')).toEqual([121.4, 31.2, 121.5, 31.3]);
    expect(parseBbox('121.4,31.2,121.4,31.2')).toEqual([121.4, 31.2, 121.4, 31.2]);
    expect(parseBbox('-180,-90,180,90')).toEqual([-180, -90, 180, 90]);
  });
  it.each([
    '121.4,31.2,121.5',
    '121.4,31.2,121.5,31.3,1',
    '121.4,,121.5,31.3',
    '121.4, ,121.5,31.3',
    'a,31.2,121.5,31.3',
    '121.4,31.2,Infinity,31.3',
    '-180.1,31.2,121.5,31.3',
    '121.4,-90.1,121.5,31.3',
    '121.4,31.2,180.1,31.3',
    '121.4,31.2,121.5,90.1',
    '121.5,31.2,121.4,31.3',
    '121.4,31.3,121.5,31.2',
  ])('rejects %j', (text) => {
    expect(thrown(() => parseBbox(text))).toMatchObject(bad('bbox'));
  });
});

describe('parseCommonParams', () => {
  it('defaults: no selector, no filters, all columns, 10 000 rows from 0, plain Arrow', () => {
    expect(common('')).toEqual({
      spatial: null,
      filters: [],
      columns: null,
      orderBy: null,
      limit: 10_000,
      offset: 0,
      format: 'arrow',
      encoding: 'plain',
    });
  });

  it('reads each spatial selector', () => {
    expect(common('bbox=121.4,31.2,121.5,31.3').spatial).toEqual({
      kind: 'bbox',
      bbox: [121.4, 31.2, 121.5, 31.3],
    });
    expect(common('radius=121.49,31.24,500').spatial).toEqual({
      kind: 'radius',
      lon: 121.49,
      lat: 31.24,
      metres: 500,
    });
    expect(common('radius=-180,90,50000').spatial).toEqual({
      kind: 'radius',
      lon: -180,
      lat: 90,
      metres: 50_000,
    });
    expect(common('district=310101').spatial).toEqual({ kind: 'district', district: '310101' });
    expect(common(`district=${'x'.repeat(64)}`).spatial).toEqual({
      kind: 'district',
      district: 'x'.repeat(64),
    });
    const square = [
      [
        [
          [121, 31],
          [122, 31],
          [122, 32],
          [121, 31],
        ],
      ],
    ];
    expect(parseCommonParams(q(''), square).spatial).toEqual({ kind: 'polygon', polygons: square });
  });

  it.each([
    ['radius=121.49,31.24', 'radius'],
    ['radius=180.5,31.24,500', 'radius'],
    ['radius=-180.5,31.24,500', 'radius'],
    ['radius=121.49,90.5,500', 'radius'],
    ['radius=121.49,-90.5,500', 'radius'],
    ['radius=121.49,31.24,0', 'radius'],
    ['radius=121.49,31.24,-1', 'radius'],
    ['radius=121.49,31.24,50001', 'radius'],
    ['district=', 'district'],
    [`district=${'x'.repeat(65)}`, 'district'],
    ['bbox=121.4,31.2,121.5,31.3&bbox=121.4,31.2,121.5,31.3', 'bbox'],
    ['bbox=121.4,31.2,121.5,31.3&radius=121.49,31.24,500', 'radius'],
    ['radius=121.49,31.24,500&district=310101', 'district'],
    ['orderBy=1abc', 'orderBy'],
    ['orderBy=name:up', 'orderBy'],
    ['orderBy=name;drop', 'orderBy'],
    ['limit=0', 'limit'],
    ['limit=100001', 'limit'],
    ['limit=1.5', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=10000001', 'offset'],
    ['format=csv', 'format'],
    ['encoding=zip', 'encoding'],
    ['format=geojson&encoding=compact', 'encoding'],
    ['filter=status', 'filter'],
    ['filter=status:like:x', 'filter'],
    ['filter=1x:eq:a', 'filter'],
  ])('%s → 400 naming %s', (text, parameter) => {
    expect(thrown(() => common(text))).toMatchObject(bad(parameter));
  });

  it('names the second selector when two are given with a polygon', () => {
    const square = [
      [
        [
          [121, 31],
          [122, 31],
          [122, 32],
          [121, 31],
        ],
      ],
    ];
    expect(thrown(() => parseCommonParams(q('district=310101'), square))).toMatchObject(bad('polygon'));
  });

  it('format=arrow given explicitly is the default, not an error', () => {
    expect(common('format=arrow').format).toBe('arrow');
    expect(common('format=geojson').format).toBe('geojson');
  });

  it('reads columns, order, paging, format and encoding', () => {
    const p = common(
      'columns=id,,name&orderBy=capacity_m3s:desc&limit=100000&offset=10000000&encoding=compact',
    );
    expect(p.columns).toEqual(['id', 'name']);
    expect(p.orderBy).toEqual({ column: 'capacity_m3s', desc: true });
    expect(p.limit).toBe(LIMITS.maxLimit);
    expect(p.offset).toBe(LIMITS.maxOffset);
    expect(p.encoding).toBe('compact');
    expect(common('orderBy=name').orderBy).toEqual({ column: 'name', desc: false });
    expect(common('orderBy=_x9:asc').orderBy).toEqual({ column: '_x9', desc: false });
    expect(common('limit=1').limit).toBe(1);
    expect(common('format=geojson').format).toBe('geojson');
    expect(common('columns=').columns).toEqual([]);
  });

  it('reads filters: one value, or "in" values split on |, at most 16 filters and 200 values', () => {
    expect(common('filter=status:eq:running&filter=capacity_m3s:ge:10').filters).toEqual([
      { column: 'status', op: 'eq', values: ['running'] },
      { column: 'capacity_m3s', op: 'ge', values: ['10'] },
    ]);
    expect(common('filter=status:in:running|fault').filters).toEqual([
      { column: 'status', op: 'in', values: ['running', 'fault'] },
    ]);
    // the value may contain the separator and colons when the op is not "in"
    expect(common('filter=name:eq:a|b:c').filters).toEqual([{ column: 'name', op: 'eq', values: ['a|b:c'] }]);
    const sixteen = Array.from({ length: 16 }, (_, i) => `filter=c${i}:eq:${i}`).join('&');
    expect(common(sixteen).filters).toHaveLength(16);
    expect(thrown(() => common(`${sixteen}&filter=c16:eq:16`))).toMatchObject(bad('filter'));
    const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`).join('|');
    expect(common(`filter=name:in:${values(200)}`).filters[0]!.values).toHaveLength(200);
    expect(thrown(() => common(`filter=name:in:${values(201)}`))).toMatchObject(bad('filter'));
  });
});

describe('parseReadingsParams', () => {
  const AT = '2013-09-13T08:00:00Z';
  const US = S_0913_08 * 1_000_000n;
  const HOUR = 3_600_000_000n;

  it('an instant with a default maxAge of one hour, or a given one up to 7 days', () => {
    expect(readings(`at=${AT}`).temporal).toEqual({ kind: 'instant', atUs: US, maxAgeSeconds: 3600 });
    expect(readings(`at=${AT}&maxAge=15m`).temporal).toEqual({
      kind: 'instant',
      atUs: US,
      maxAgeSeconds: 900,
    });
    expect(readings(`at=${AT}&maxAge=7d`).temporal).toMatchObject({ maxAgeSeconds: 604_800 });
    expect(thrown(() => readings(`at=${AT}&maxAge=604801`))).toMatchObject(bad('maxAge'));
    expect(thrown(() => readings(`at=${AT}&maxAge=0`))).toMatchObject(bad('maxAge'));
  });

  it('a range [from, to), and buckets with an optional grid', () => {
    const w = `from=${AT}&to=2013-09-13T09:00:00Z`;
    expect(readings(w).temporal).toEqual({ kind: 'range', fromUs: US, toUs: US + HOUR });
    expect(readings(`${w}&bucket=15m`).temporal).toEqual({
      kind: 'bucket',
      fromUs: US,
      toUs: US + HOUR,
      bucket: '15m',
      gridMetres: null,
    });
    expect(readings(`${w}&bucket=1h&grid=10`).temporal).toMatchObject({ bucket: '1h', gridMetres: 10 });
    expect(readings(`${w}&bucket=1d&grid=10000`).temporal).toMatchObject({
      bucket: '1d',
      gridMetres: 10_000,
    });
    expect(readings(`${w}&bucket=5m`).temporal).toMatchObject({ bucket: '5m' });
    expect(readings(`${w}&key=a&key=b`).keys).toEqual(['a', 'b']);
    expect(readings(w).keys).toEqual([]);
    expect(readings(`${w}&limit=5`).limit).toBe(5);
  });

  it('at most 20 000 buckets: 5-minute buckets over 20 000 × 300 s pass, one more bucket fails', () => {
    // 20 000 × 300 s = 6 000 000 s = 69 days 10 h 40 min after 2013-09-13T00:00Z → 2013-11-21T10:40:00Z
    expect(readings('from=2013-09-13&to=2013-11-21T10:40:00Z&bucket=5m').temporal).toMatchObject({
      bucket: '5m',
    });
    expect(thrown(() => readings('from=2013-09-13&to=2013-11-21T10:45:00Z&bucket=5m'))).toMatchObject(
      bad('bucket'),
    );
  });

  it.each([
    ['', 'from'],
    ['to=2013-09-13T09:00:00Z', 'from'],
    ['from=2013-09-13T08:00:00Z', 'to'],
    ['from=2013-09-13T08:00:00Z&to=2013-09-13T08:00:00Z', 'to'],
    ['from=2013-09-13T09:00:00Z&to=2013-09-13T08:00:00Z', 'to'],
    ['at=2013-09-13T08:00:00Z&from=2013-09-13T08:00:00Z', 'at'],
    ['at=2013-09-13T08:00:00Z&to=2013-09-13T08:00:00Z', 'at'],
    ['at=2013-09-13T08:00:00Z&bucket=15m', 'bucket'],
    ['at=2013-02-30', 'at'],
    ['at=2013-09-13T08:00:00Z&maxAge=soon', 'maxAge'],
    ['from=2013-09-13T08:00:00Z&to=2013-09-13T09:00:00Z&bucket=10m', 'bucket'],
    ['from=2013-09-13T08:00:00Z&to=2013-09-13T09:00:00Z&grid=100', 'grid'],
    ['from=2013-09-13T08:00:00Z&to=2013-09-13T09:00:00Z&bucket=15m&grid=9', 'grid'],
    ['from=2013-09-13T08:00:00Z&to=2013-09-13T09:00:00Z&bucket=15m&grid=10001', 'grid'],
    ['from=2013-09-13T08:00:00Z&to=2013-09-13T09:00:00Z&bucket=15m&grid=50.5', 'grid'],
  ])('%s → 400 naming %s', (text, parameter) => {
    expect(thrown(() => readings(text))).toMatchObject(bad(parameter));
  });

  it('says what is missing, and names the time that is wrong', () => {
    const msg = (text: string) => (thrown(() => readings(text)) as Error).message;
    expect(msg('to=2013-09-13T09:00:00Z')).toBe('readings need at=T, or from=T0&to=T1');
    expect(msg('from=2013-09-13T09:00:00Z')).toBe('readings need at=T, or from=T0&to=T1');
    expect(thrown(() => readings('from=yesterday&to=2013-09-13T09:00:00Z'))).toMatchObject(bad('from'));
    expect(thrown(() => readings('from=2013-09-13T09:00:00Z&to=tomorrow'))).toMatchObject(bad('to'));
  });

  it('at most 1 000 keys', () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `key=k${i}`).join('&');
    const w = 'from=2013-09-13T08:00:00Z&to=2013-09-13T09:00:00Z';
    expect(readings(`${w}&${keys(1000)}`).keys).toHaveLength(1000);
    expect(thrown(() => readings(`${w}&${keys(1001)}`))).toMatchObject(bad('key'));
  });
});

describe('why a time or value is refused, in the message', () => {
  it.each([
    ['2013-13-01', 'month 13 does not exist'],
    ['2013-00-10', 'month 0 does not exist'],
    ['2013-02-29', 'day 29 (month 2 of 2013 has 28 days) does not exist'],
    ['2013-09-00', 'day 0 (month 9 of 2013 has 30 days) does not exist'],
    ['2013-09-13T24:00:00Z', 'hour 24 does not exist'],
    ['2013-09-13T08:60:00Z', 'minute 60 does not exist'],
    ['2013-09-13T08:00:60Z', 'second 60 does not exist'],
    ['2013-09-13T08:00:00+15:00', 'zone offset does not exist'],
    ['2013-09-13T08:00:00+08:60', 'zone offset does not exist'],
  ])('%s: %s', (text, why) => {
    expect((thrown(() => parseTime(text, 'at')) as Error).message).toBe(
      `at "${text}" is not a real time: ${why}`,
    );
  });

  it('names the rule broken by a bad number, limit or list', () => {
    const msg = (f: () => unknown) => (thrown(f) as Error).message;
    expect(msg(() => parseTime('yesterday', 'from'))).toBe(
      'from must be an ISO 8601 time such as 2024-07-01T08:00:00Z',
    );
    expect(msg(() => parseDuration('soon', 'maxAge'))).toBe('maxAge must be a duration like 30m, 1h or 3600');
    expect(msg(() => parseBbox('1,2,3'))).toBe('bbox needs 4 comma-separated numbers');
    expect(msg(() => parseBbox('1,,3,4'))).toBe('bbox has an empty number');
    expect(msg(() => parseBbox('1,2,x,4'))).toMatch(/^bbox: .+/);
    expect(msg(() => common('limit=0'))).toMatch(/^limit: .+/);
    expect(msg(() => common('limit=1.5'))).toBe('limit: must be an integer');
    expect(msg(() => common('format=csv'))).toMatch(/^format: .+/);
    expect(msg(() => common('bbox=1,2,3,4&bbox=1,2,3,4'))).toBe('"bbox" may be given once');
    expect(msg(() => common('filter=x'))).toBe(
      'filter "x" must look like column:op:value (ops eq ne lt le gt ge in)',
    );
  });

  it('accepts a radius centred on the east and south edges of WGS84', () => {
    expect(common('radius=180,-90,10').spatial).toEqual({ kind: 'radius', lon: 180, lat: -90, metres: 10 });
  });
});

describe('times without a zone are UTC wherever the server runs', () => {
  it('reads 2013-09-13T08:00:00 as 08:00 UTC in a process on Shanghai time (UTC+8)', () => {
    // A child process, because the time zone is fixed per process (a worker thread cannot switch it).
    const script = `import('./server/query/request-params.ts').then((m) => {
      const at = ['2013-09-13T08:00:00', '2013-09-13 08:00', '2013-09-13', '2013-09-13T16:00:00+08:00'];
      console.log(JSON.stringify([new Date(2013, 8, 13, 8).getTime(), ...at.map((t) => String(m.parseTime(t, 'at')))]));
    });`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve(import.meta.dirname, '..', '..'),
      env: { ...process.env, TZ: 'Asia/Shanghai' },
      encoding: 'utf8',
    });
    const us = (s: bigint) => String(s * 1_000_000n);
    expect(JSON.parse(out)).toEqual([
      Number(S_0913_08 - 8n * 3600n) * 1000, // local 08:00 in Shanghai is 00:00 UTC: the zone took effect
      us(S_0913_08),
      us(S_0913_08),
      us(S_0913),
      us(S_0913_08),
    ]);
  });
});
