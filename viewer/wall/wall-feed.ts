import type { Table } from 'apache-arrow';
import { findLayer } from '../../layers';
import { featuresUrl, fetchArrow, readingsUrl } from '../data/api';
import { readNumbers } from '../data/arrow-columns';
import { type ActiveAlert, activeAlerts, advanceTicker, byUrgency, type TickerEntry } from './alert-feed';
import { backoffDelay, isConnectionFailure } from './backoff';
import { shanghaiDayStart } from './shanghai-time';
import { evaluateVitals, RAIN_LAYER, type VitalSign, vitalLayers } from './vital-signs';

/** Connection to the server as the wall sees it. */
export type Connection = 'connecting' | 'ok' | 'reconnecting';

/** One point of a vital sign's trend: clock time (ms) and value. */
export type TrendPoint = [number, number];

/** Everything the wall shows that comes from the server's readings. */
export interface WallFeedState {
  connection: Connection;
  /** Failed attempts in a row, and the delay before the next one (ms). */
  attempts: number;
  retryInMs: number;
  /** Clock time (quantised) of the last evaluation shown, and the newest reading time in it. */
  evaluatedAt: number | null;
  dataTime: number | null;
  vitals: VitalSign[];
  alerts: ActiveAlert[];
  ticker: TickerEntry[];
  /** Day-so-far trend of each vital sign by id, sorted by time. */
  trends: Record<string, TrendPoint[]>;
  /** Bumped after each reconnection so map layers reload. */
  epoch: number;
}

/** What `createWallFeed` needs from outside: the clock and timing knobs. */
export interface WallFeedOptions {
  /** Current clock time. */
  time(): number;
  /** Step of evaluations in clock time (the 5-min readings cadence). */
  stepMs?: number;
  /** Least real time between two evaluations, so fast replays stay cheap. */
  minIntervalMs?: number;
  /** Trend backfill spacing (clock time) for the part of the day before the wall opened. */
  backfillMs?: number;
}

/** A running feed: observable state, disposed with the page. */
export interface WallFeed {
  get(): WallFeedState;
  subscribe(l: () => void): () => void;
  /** Wakes the loop after a clock change. */
  poke(): void;
  dispose(): void;
}

/** The feed's state before anything has been read. */
export const EMPTY_FEED: WallFeedState = {
  connection: 'connecting',
  attempts: 0,
  retryInMs: 0,
  evaluatedAt: null,
  dataTime: null,
  vitals: [],
  alerts: [],
  ticker: [],
  trends: {},
  epoch: 0,
};

/** A request whose bad-request failure (4xx: a layer this server lacks) reads as no data; outages still throw. */
async function tolerant<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isConnectionFailure(e) || (e as Error)?.name === 'AbortError') throw e;
    return null;
  }
}

/** Feature names of the alerting layers (`id → name`), for the ticker's places. */
async function loadNames(signal: AbortSignal): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const defs = vitalLayers()
    .map((id) => findLayer(id))
    .filter((d): d is NonNullable<typeof d> => !!d?.nameColumn);
  const tables = await Promise.all(
    defs.map((def) =>
      tolerant(
        fetchArrow(featuresUrl(def.id, { columns: [def.idColumn, def.nameColumn!], limit: 100_000 }), signal),
      ),
    ),
  );
  for (const [k, def] of defs.entries()) {
    const table = tables[k];
    if (!table || !def.nameColumn) continue;
    const ids = table.getChild(def.idColumn);
    const ns = table.getChild(def.nameColumn);
    for (let i = 0; i < table.numRows; i++) {
      const n = ns?.get(i);
      if (n !== null && n !== undefined) names.set(String(ids?.get(i)), String(n));
    }
  }
  return names;
}

/** Reads every vital layer `at` one time, plus the day's rain buckets; returns vitals, alerts and data time. */
export async function readMoment(
  at: number,
  namesLoading: Promise<ReadonlyMap<string, string>>,
  signal?: AbortSignal,
) {
  const ids = vitalLayers();
  const [tables, names] = await Promise.all([
    Promise.all(ids.map((id) => tolerant(fetchArrow(readingsUrl(id, { at }, { limit: 100_000 }), signal)))),
    namesLoading,
  ]);
  const byId: Record<string, Table | null> = Object.fromEntries(ids.map((id, i) => [id, tables[i]!]));
  const from = shanghaiDayStart(at);
  const rain =
    at > from
      ? await tolerant(
          fetchArrow(readingsUrl(RAIN_LAYER, { from, to: at + 1, bucket: '5m' }, { limit: 100_000 }), signal),
        )
      : null;
  let dataTime = Number.NaN;
  for (const t of tables) {
    if (!t) continue;
    const ts = readNumbers(t, 'ts');
    if (ts) for (const v of ts) if (!(v / 1000 <= dataTime)) dataTime = v / 1000;
  }
  const alerts = ids.flatMap((id) => activeAlerts(id, byId[id], names)).sort(byUrgency);
  return {
    vitals: evaluateVitals(byId, rain),
    alerts,
    dataTime: Number.isFinite(dataTime) ? dataTime : null,
  };
}

function addPoint(trends: Record<string, TrendPoint[]>, at: number, vitals: VitalSign[]) {
  const out = { ...trends };
  for (const v of vitals) {
    if (v.value === null) continue;
    const list = (out[v.id] ?? []).filter((p) => p[0] !== at);
    list.push([at, v.value]);
    list.sort((a, b) => a[0] - b[0]);
    out[v.id] = list;
  }
  return out;
}

/**
 * The wall's data loop: evaluates the vital signs and alerts at the clock time (quantised to the readings
 * cadence, at most once per `minIntervalMs` of real time, one request set in flight), fills the day's trend
 * backwards while idle, feeds the ticker as the clock passes new alerts, and on a network or server failure
 * retries with backoff, showing `reconnecting` until the server answers again.
 */
export function createWallFeed(opts: WallFeedOptions): WallFeed {
  const step = opts.stepMs ?? 300_000;
  const minInterval = opts.minIntervalMs ?? 1000;
  const backfill = opts.backfillMs ?? 3_600_000;
  let state = EMPTY_FEED;
  const listeners = new Set<() => void>();
  const ac = new AbortController();
  let names: Promise<Map<string, string>> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let lastRun = 0;
  let disposed = false;
  const set = (patch: Partial<WallFeedState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const schedule = (ms: number) => {
    if (disposed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, ms);
  };
  const nextBackfill = (target: number): number | null => {
    const day = shanghaiDayStart(target);
    const have = state.trends['rain-now'] ?? [];
    for (let t = day; t < target; t += backfill) {
      if (!have.some((p) => Math.abs(p[0] - t) < backfill / 2)) return t;
    }
    return null;
  };
  const run = async () => {
    if (disposed || running) return;
    running = true;
    try {
      // Names load alongside the first readings (a retry after an outage asks again).
      names ??= loadNames(ac.signal).catch((e) => {
        names = null;
        throw e;
      });
      const target = Math.floor(opts.time() / step) * step;
      const last = state.evaluatedAt;
      if (last === null || target !== last) {
        const m = await readMoment(target, names, ac.signal);
        if (disposed) return;
        const wrapped =
          last !== null && (target < last || shanghaiDayStart(target) !== shanghaiDayStart(last));
        const trends = addPoint(wrapped ? {} : state.trends, target, m.vitals);
        const ticker = advanceTicker(
          wrapped ? [] : state.ticker,
          wrapped ? [] : state.alerts,
          m.alerts,
          target,
        );
        set({ ...m, evaluatedAt: target, trends, ticker, ...ok() });
      } else {
        const t = nextBackfill(target);
        if (t !== null) {
          const m = await readMoment(t, names, ac.signal);
          if (disposed) return;
          set({ trends: addPoint(state.trends, t, m.vitals), ...ok() });
        }
      }
      lastRun = performance.now();
      schedule(minInterval);
    } catch (e) {
      if (disposed) return;
      const attempts = state.attempts + 1;
      const wait = backoffDelay(attempts);
      if (isConnectionFailure(e)) set({ connection: 'reconnecting', attempts, retryInMs: wait });
      else console.warn('wall feed', e);
      schedule(wait);
    } finally {
      running = false;
    }
  };
  const ok = (): Partial<WallFeedState> =>
    state.connection === 'ok'
      ? {}
      : {
          connection: 'ok',
          attempts: 0,
          retryInMs: 0,
          epoch: state.connection === 'reconnecting' ? state.epoch + 1 : state.epoch,
        };
  void run();
  return {
    get: () => state,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    poke() {
      if (state.connection === 'reconnecting' || running || timer) return;
      schedule(Math.max(0, minInterval - (performance.now() - lastRun)));
    },
    dispose() {
      disposed = true;
      ac.abort();
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
