/**
 * Windows of time-series data fetched ahead of the clock. Time is cut into fixed windows
 * `[k·windowMs, (k+1)·windowMs)`; `at(t)` returns the loaded window holding t (or null while it loads — the
 * caller keeps drawing what it had), starts loading it if needed, and prefetches the next window(s) once t
 * has passed `prefetchAt` of the current one, so a playing clock finds its next window already there.
 * Loads are cancelled (AbortController) when they are no longer useful: the scope changed (layer, bbox,
 * filters) or the clock jumped elsewhere. Loaded windows are cached (LRU) by `scope|window start`.
 *
 * Framework-free: no React, deck.gl or Cesium. The viewer's moving layers and scenario replay both use it;
 * `load` decides what a window is (e.g. a readings range request `from`/`to` for a bbox).
 */

/** One window of time, ms since epoch, half-open `[from, to)`. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** A loaded window. */
export interface LoadedWindow<T> extends TimeWindow {
  scope: string;
  data: T;
}

/** Options of `createFetchAhead`. */
export interface FetchAheadOptions<T> {
  /** Length of a window in ms. */
  windowMs: number;
  /** Loads one window of the current scope; must reject (or settle) when `signal` aborts. */
  load: (window: TimeWindow, scope: string, signal: AbortSignal) => Promise<T>;
  /** How many windows to keep ahead of the clock (default 1). */
  ahead?: number;
  /** Fraction of the current window after which the next ones are prefetched (default 0.5). */
  prefetchAt?: number;
  /** Loaded windows kept in the cache (default 8). */
  cacheSize?: number;
  /** Called when a window of the current scope arrives (e.g. to redraw). */
  onLoad?: (w: LoadedWindow<T>) => void;
  /** Called when a load fails (not when it is aborted). */
  onError?: (error: Error, w: TimeWindow, scope: string) => void;
}

/** A fetch-ahead cache bound to one loader. */
export interface FetchAhead<T> {
  /** Sets what is fetched (e.g. `layer|bbox|filters`); in-flight loads of other scopes are aborted. */
  setScope(scope: string): void;
  /** The loaded window holding t for the current scope, or null; starts/prefetches loads as needed. */
  at(t: number): LoadedWindow<T> | null;
  /** The window holding t. */
  windowOf(t: number): TimeWindow;
  /** Keys (`scope|from`) of loads in flight, for tests and diagnostics. */
  pending(): string[];
  /** Keys of cached windows, most recently used last. */
  cached(): string[];
  /** Aborts everything and empties the cache. */
  dispose(): void;
}

/** Creates a fetch-ahead cache (see the module comment). */
export function createFetchAhead<T>(options: FetchAheadOptions<T>): FetchAhead<T> {
  const { windowMs, load } = options;
  const ahead = options.ahead ?? 1;
  const prefetchAt = options.prefetchAt ?? 0.5;
  const cacheSize = options.cacheSize ?? 8;
  const cache = new Map<string, LoadedWindow<T>>();
  const inflight = new Map<string, { ac: AbortController; scope: string; from: number }>();
  const failed = new Map<string, number>();
  let scope = '';
  let disposed = false;

  const windowOf = (t: number): TimeWindow => {
    const from = Math.floor(t / windowMs) * windowMs;
    return { from, to: from + windowMs };
  };
  const keyOf = (s: string, from: number) => `${s}|${from}`;

  const start = (w: TimeWindow) => {
    const key = keyOf(scope, w.from);
    if (cache.has(key) || inflight.has(key) || disposed) return;
    // A failed window is retried at most every 5 s, not on every frame.
    const lastFail = failed.get(key);
    if (lastFail !== undefined && Date.now() - lastFail < 5000) return;
    const ac = new AbortController();
    const s = scope;
    inflight.set(key, { ac, scope: s, from: w.from });
    load(w, s, ac.signal).then(
      (data) => {
        inflight.delete(key);
        if (ac.signal.aborted || disposed) return;
        failed.delete(key);
        const loaded: LoadedWindow<T> = { ...w, scope: s, data };
        cache.set(key, loaded);
        while (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
        if (s === scope) options.onLoad?.(loaded);
      },
      (e: Error) => {
        inflight.delete(key);
        if (ac.signal.aborted || disposed) return;
        failed.set(key, Date.now());
        options.onError?.(e, w, s);
      },
    );
  };

  return {
    windowOf,
    setScope(next) {
      if (next === scope) return;
      scope = next;
      for (const [k, f] of inflight)
        if (f.scope !== scope) {
          f.ac.abort();
          inflight.delete(k);
        }
    },
    at(t) {
      const w = windowOf(t);
      // Abort loads the clock has left behind (a seek): anything not the current or the next windows.
      for (const [k, f] of inflight)
        if (f.from < w.from || f.from > w.from + ahead * windowMs) {
          f.ac.abort();
          inflight.delete(k);
        }
      start(w);
      if ((t - w.from) / windowMs >= prefetchAt)
        for (let i = 1; i <= ahead; i++) start({ from: w.from + i * windowMs, to: w.to + i * windowMs });
      const key = keyOf(scope, w.from);
      const hit = cache.get(key);
      if (hit) {
        cache.delete(key);
        cache.set(key, hit);
      }
      return hit ?? null;
    },
    pending: () => [...inflight.keys()],
    cached: () => [...cache.keys()],
    dispose() {
      disposed = true;
      for (const f of inflight.values()) f.ac.abort();
      inflight.clear();
      cache.clear();
    },
  };
}
