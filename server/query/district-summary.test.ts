import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { ALERT_LEVELS, evaluateAlert } from '../../layers/alerts';
import type { AlertRule, ColumnMap } from '../../layers/types';
import { createApp, type TwinApp } from '../app';
import { fetchArrow } from '../test-support/app-client';
import { alertLevelSql } from './alert-sql';
import { SqlParams } from './sql-params';

const demoDir = resolve(import.meta.dirname, '..', '..', 'out', 'data', 'demo');
const plain = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);

describe.skipIf(!existsSync(join(demoDir, 'twin.duckdb')))(
  'alert levels in SQL and district summaries (demo)',
  () => {
    let twin: TwinApp;
    beforeAll(async () => {
      twin = await createApp({ dataDir: demoDir, log: false, cesiumDir: null });
    });
    afterAll(async () => {
      await twin?.close();
    });

    it('alertLevelSql = evaluateAlert on edge values: null, NaN, thresholds, ==, the most severe rule', async () => {
      const columns: ColumnMap = {
        x: { type: 'float32', label: { 'zh-CN': 'x', en: 'x' } },
        s: { type: 'utf8', label: { 'zh-CN': 's', en: 's' } },
        b: { type: 'bool', label: { 'zh-CN': 'b', en: 'b' } },
      };
      const label = { 'zh-CN': '', en: '' };
      const rules: AlertRule[] = [
        { column: 'x', op: '>=', value: 1, level: 'warning', label },
        { column: 'x', op: '>', value: 2, level: 'critical', label },
        { column: 'x', op: '<', value: -1, level: 'notice', label },
        { column: 's', op: '==', value: 'fault', level: 'critical', label },
        { column: 'b', op: '==', value: true, level: 'notice', label },
      ];
      const values = [
        [null, null, null],
        ['NaN', "'ok'", 'false'],
        [1, "'ok'", 'false'],
        [0.999, null, 'true'],
        [2, "'fault'", 'false'],
        [2.5, "'ok'", null],
        [-1, "'ok'", 'false'],
        [-1.5, "'ok'", 'false'],
      ];
      const p = new SqlParams();
      const level = alertLevelSql(rules, (c) => ({ ref: `"${c}"`, columns }), p);
      const rows = await twin.context.db!.queryRows(
        `SELECT x, s, b, ${level} AS level FROM (VALUES ${values
          .map(
            ([x, s, b]) =>
              `(CAST(${x === 'NaN' ? "'NaN'" : x} AS FLOAT), CAST(${s} AS VARCHAR), CAST(${b} AS BOOLEAN))`,
          )
          .join(', ')}) t(x, s, b)`,
        { params: p.values, types: p.types },
      );
      const got = rows.map((r) => r.level ?? null);
      const want = rows.map((r) => evaluateAlert(rules, { x: r.x, s: r.s, b: r.b })?.level ?? null);
      expect(got).toEqual(want);
      expect(new Set(want)).toEqual(new Set([null, 'notice', 'warning', 'critical']));
    });

    it.each(LAYERS.filter((l) => l.temporal && l.alerts.length > 0).map((l) => [l.id] as const))(
      '%s: the SQL level of every sampled reading equals evaluateAlert on the reading joined with its feature',
      async (id) => {
        const l = LAYERS.find((x) => x.id === id)!;
        const t = l.temporal!;
        const p = new SqlParams();
        const level = alertLevelSql(
          l.alerts,
          (c) =>
            c in t.columns
              ? { ref: `r."${c}"`, columns: t.columns }
              : { ref: `f."${c}"`, columns: l.columns },
          p,
        );
        const cols = [...new Set(l.alerts.map((a) => a.column))];
        const rows = await twin.context.db!.queryRows(
          `SELECT ${cols.map((c) => `${c in t.columns ? 'r' : 'f'}."${c}" AS "${c}"`).join(', ')}, ${level} AS level_
         FROM ${t.table} r JOIN ${l.table} f ON f."${l.idColumn}" = r."${t.key}" USING SAMPLE 20000 ROWS (reservoir, 42)`,
          { params: p.values, types: p.types },
        );
        const got = rows.map((r) => r.level_ ?? null);
        const want = rows.map(
          (r) =>
            evaluateAlert(l.alerts, Object.fromEntries(cols.map((c) => [c, plain(r[c])])))?.level ?? null,
        );
        expect(got).toEqual(want);
        expect(rows.length).toBeGreaterThan(0);
      },
    );

    it.each([
      ['crowd-density', 'at=2013-09-13T12:00:00Z'],
      ['drainage-pipes', 'at=2013-09-12T22:00:00Z'],
      ['pump-stations', 'at=2013-09-12T22:00:00Z'],
    ] as const)(
      '%s summary=district at an instant = the instant rows grouped by district in JS',
      async (id, at) => {
        const l = LAYERS.find((x) => x.id === id)!;
        const t = l.temporal!;
        const readings = await fetchArrow(twin.app, `/api/layers/${id}/readings?${at}&limit=100000`);
        const features = await fetchArrow(twin.app, `/api/layers/${id}/features?limit=100000`);
        const codeOf = new Map<string, string>();
        for (const f of features) codeOf.set(String(f[l.idColumn]), String(f.district_code));
        const want = new Map<string, { features: number; alerts: number[]; sums: Record<string, number> }>();
        for (const r of readings) {
          const code = codeOf.get(String(r[t.key]))!;
          const g = want.get(code) ?? { features: 0, alerts: [0, 0, 0], sums: {} };
          g.features++;
          const lv = evaluateAlert(l.alerts, {
            ...Object.fromEntries(Object.keys(t.columns).map((c) => [c, plain(r[c])])),
          })?.level;
          if (lv) g.alerts[ALERT_LEVELS.indexOf(lv)]!++;
          for (const m of Object.keys(t.measures)) g.sums[m] = (g.sums[m] ?? 0) + Number(r[m]);
          want.set(code, g);
        }
        const got = await fetchArrow(twin.app, `/api/layers/${id}/readings?${at}&summary=district`);
        expect(got.numRows).toBe(want.size);
        expect(got.numRows).toBeGreaterThan(0);
        for (const row of got) {
          const w = want.get(String(row.district_code))!;
          expect({
            features: row.features,
            n: row.n,
            alerts: ALERT_LEVELS.map((lv) => row[`alert_${lv}`]),
          }).toEqual({
            features: w.features,
            n: w.features,
            alerts: w.alerts,
          });
          for (const [m, agg] of Object.entries(t.measures))
            if (agg === 'avg') expect(Number(row[`avg_${m}`])).toBeCloseTo(w.sums[m]! / w.features, 4);
        }
      },
    );

    it.each([
      ['a window', 'from=2013-09-12T22:00:00Z&to=2013-09-13T00:00:00Z', false],
      ['hourly buckets', 'from=2013-09-12T22:00:00Z&to=2013-09-13T00:00:00Z&bucket=1h', true],
      [
        'a window and a box',
        'from=2013-09-12T22:00:00Z&to=2013-09-13T00:00:00Z&bbox=121.3,31.1,121.6,31.35',
        false,
      ],
    ] as const)(
      'pump-stations summary=district over %s = every reading of the window grouped by (hour,) district in JS',
      async (_, window, bucket) => {
        const l = LAYERS.find((x) => x.id === 'pump-stations')!;
        const t = l.temporal!;
        const readings = await fetchArrow(
          twin.app,
          `/api/layers/${l.id}/readings?${window.replace('&bucket=1h', '')}&limit=100000`,
        );
        const features = await fetchArrow(twin.app, `/api/layers/${l.id}/features?limit=100000`);
        const codeOf = new Map<string, string>();
        for (const f of features) codeOf.set(String(f[l.idColumn]), String(f.district_code));
        const hourOf = (v: unknown) => Math.floor(Number(v) / 3_600_000) * 3_600_000;
        const want = new Map<string, { keys: Set<string>; n: number; alerts: number[]; max: number }>();
        for (const r of readings) {
          const code = codeOf.get(String(r[t.key]))!;
          const g0 = bucket ? `${hourOf(r[t.time])} ${code}` : code;
          const g = want.get(g0) ?? { keys: new Set<string>(), n: 0, alerts: [0, 0, 0], max: -Infinity };
          g.keys.add(String(r[t.key]));
          g.n++;
          const lv = evaluateAlert(
            l.alerts,
            Object.fromEntries(Object.keys(t.columns).map((c) => [c, plain(r[c])])),
          )?.level;
          if (lv) g.alerts[ALERT_LEVELS.indexOf(lv)]!++;
          g.max = Math.max(g.max, Number(r.forebay_level_m));
          want.set(g0, g);
        }
        const got = await fetchArrow(twin.app, `/api/layers/${l.id}/readings?${window}&summary=district`);
        expect(got.schema.fields.map((f) => f.name)).toEqual([
          ...(bucket ? ['bucket_start'] : []),
          'district_code',
          'features',
          'n',
          'avg_pumps_running',
          'avg_flow_m3s',
          'max_forebay_level_m',
          'alert_notice',
          'alert_warning',
          'alert_critical',
        ]);
        expect(got.numRows).toBe(want.size);
        expect(want.size).toBeGreaterThan(1); // several districts (and hours)
        expect(readings.numRows).toBeLessThan(100000); // the window's readings were not cut
        const keys: string[] = [];
        for (const row of got) {
          const k = bucket ? `${Number(row.bucket_start)} ${row.district_code}` : String(row.district_code);
          keys.push(k);
          const w = want.get(k)!;
          expect(w).toBeDefined();
          expect({
            features: row.features,
            n: row.n,
            alerts: ALERT_LEVELS.map((lv) => row[`alert_${lv}`]),
          }).toEqual({ features: w.keys.size, n: w.n, alerts: w.alerts });
          expect(Number(row.max_forebay_level_m)).toBeCloseTo(w.max, 4);
        }
        // ordered by (bucket,) district, as grouped
        expect(keys).toEqual(
          [...want.keys()].sort((a, b) =>
            bucket ? a.localeCompare(b, 'en', { numeric: true }) : a.localeCompare(b),
          ),
        );
        if (bucket) expect(new Set(keys.map((k) => k.split(' ')[0])).size).toBe(2);
        // limit= cuts the ordered rows (one more is fetched to tell a cut from an end)
        const two = await fetchArrow(
          twin.app,
          `/api/layers/${l.id}/readings?${window}&summary=district&limit=2`,
        );
        expect(two.numRows).toBe(2);
        expect(String(two.get(1)!.district_code)).toBe(String(got.get(1)!.district_code));
      },
    );

    it('summary=district: 503 naming the rebuild when the dataset does not vouch for district codes', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'twin-nocodes-'));
      try {
        await symlink(join(demoDir, 'twin.duckdb'), join(dir, 'twin.duckdb'));
        await symlink(join(demoDir, 'parquet'), join(dir, 'parquet'));
        const m = JSON.parse(await readFile(join(demoDir, 'manifest.json'), 'utf8'));
        delete m.districtCodes;
        await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
        const other = await createApp({ dataDir: dir, log: false, cesiumDir: null });
        try {
          const r = await other.app.request(
            '/api/layers/crowd-density/readings?at=2013-09-13T12:00:00Z&summary=district',
          );
          expect(r.status).toBe(503);
          expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/npm run data/);
        } finally {
          await other.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('summary=district: 400 for moving things and for unknown summaries', async () => {
      const a = await twin.app.request(
        '/api/layers/muck-trucks/readings?at=2013-09-12T22:00:00Z&summary=district',
      );
      expect(a.status).toBe(400);
      expect(((await a.json()) as { error: { parameter: string } }).error.parameter).toBe('summary');
      const b = await twin.app.request(
        '/api/layers/crowd-density/readings?at=2013-09-12T22:00:00Z&summary=city',
      );
      expect(b.status).toBe(400);
    });
  },
);
