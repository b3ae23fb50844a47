import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Lang } from '../../layers';
import { type Clock, type ClockState, createClock } from '../state/clock';
import { useKeyboard } from '../state/use-keyboard';
import { DEFAULT_TIME } from '../state/view-state';
import { AlertTicker } from './alert-ticker';
import { useIncidentKpis } from './incident-kpis';
import { IncidentsPanel } from './incidents-panel';
import { shanghaiDayStart } from './shanghai-time';
import { TitleBar } from './title-bar';
import { useBasePlaces } from './use-base-places';
import { VitalPanel } from './vital-panel';
import { createWallFeed, EMPTY_FEED, type WallFeed, type WallFeedState } from './wall-feed';
import { WallMap } from './wall-map';
import { CITY_STOP, KEY_PLACES, tourStops, type WallStop } from './wall-places';
import { WALL_STRINGS as S } from './wall-strings';
import './wall.css';

const DAY = 86_400_000;
const noSubscribe = () => () => {};
const emptyFeed = () => EMPTY_FEED;

/** Options of the wall read from its URL. */
export interface WallOptions {
  lang: Lang;
  /** Opening clock: time, playing, speed; `live` follows the present. */
  time: number;
  playing: boolean;
  speed: number;
  live: boolean;
  /** Replay the day in a loop (the wall running all day on a replay, and the soak bench). */
  loop: boolean;
  /** Idle seconds before the auto tour starts, and seconds per stop. 0 disables the tour. */
  tourIdleS: number;
  dwellS: number;
}

/** Reads the wall's options from the query string (`t`, `play`, `speed`, `live`, `loop`, `tour`, `dwell`, `lang`). */
export function wallOptions(search: string): WallOptions {
  const q = new URLSearchParams(search);
  const num = (k: string, d: number) => {
    const v = Number(q.get(k));
    return q.has(k) && Number.isFinite(v) && v >= 0 ? v : d;
  };
  const t = Date.parse(q.get('t') ?? '');
  return {
    lang: q.get('lang') === 'en' ? 'en' : 'zh-CN',
    time: Number.isFinite(t) ? t : DEFAULT_TIME,
    playing: q.has('play') ? q.get('play') === '1' : true,
    speed: num('speed', 60) || 60,
    live: q.get('live') === '1',
    loop: q.has('loop') ? q.get('loop') === '1' : true,
    tourIdleS: num('tour', 90),
    dwellS: num('dwell', 20) || 20,
  };
}

/** Clock state at most every `ms` of real time (the wall does not re-render on every animation frame). */
function useThrottledClock(clock: Clock, ms: number): ClockState {
  const [s, setS] = useState(clock.get());
  useEffect(() => {
    let last = 0;
    let pending: ReturnType<typeof setTimeout> | null = null;
    const off = clock.subscribe((next) => {
      const now = performance.now();
      if (now - last >= ms) {
        last = now;
        setS(next);
      } else if (!pending)
        pending = setTimeout(() => {
          pending = null;
          last = performance.now();
          setS(clock.get());
        }, ms);
    });
    return () => {
      off();
      if (pending) clearTimeout(pending);
    };
  }, [clock, ms]);
  return s;
}

/** Type scale for the wall's resolution: 1 at 1080 lines, 2 at 2160 (4K and the 32:9 wall). */
function useScreenScale(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return Math.max(0.75, h / 1080);
}

/**
 * The commander's wall (一屏观天下): the whole city first, vital signs and incident figures around the map, the
 * alert ticker, a title bar that says LIVE or REPLAY, an auto tour when idle and keyboard/remote drills. No
 * catalog, no cursor, no hover-only information. The caption under the map names the tour stop. A scenario
 * briefing in wall mode (`?scenario=…&mode=wall`) is not this page: it runs on the replay page, which owns the
 * scenario clock and draws the briefing captions (`replay/briefing-caption.tsx`).
 */
export function WallPage(props: { options?: Partial<WallOptions> } = {}) {
  const opts = useMemo(() => ({ ...wallOptions(window.location.search), ...props.options }), [props.options]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one clock per page, from the opening options
  const clock = useMemo(() => {
    const day = shanghaiDayStart(opts.time);
    const c = createClock({
      time: opts.time,
      playing: opts.playing,
      speed: opts.speed,
      range: [day, day + DAY - 1],
    });
    if (opts.live) c.goLive();
    return c;
  }, []);
  const clockState = useThrottledClock(clock, 250);
  const [lang, setLang] = useState<Lang>(opts.lang);
  // The feed lives in an effect so React's StrictMode (dev) double mount disposes only the first one.
  const [feed, setFeed] = useState<WallFeed | null>(null);
  useEffect(() => {
    const f = createWallFeed({ time: () => clock.get().time });
    setFeed(f);
    return () => f.dispose();
  }, [clock]);
  const data: WallFeedState = useSyncExternalStore(feed?.subscribe ?? noSubscribe, feed?.get ?? emptyFeed);
  // biome-ignore lint/correctness/useExhaustiveDependencies: wake the feed whenever the clock moves
  useEffect(() => feed?.poke(), [feed, clockState.time]);

  // Replay loop: at the end of the day, start again.
  useEffect(() => {
    if (!opts.loop || clockState.live || clockState.playing || clockState.time < clockState.range[1]) return;
    clock.seek(clockState.range[0]);
    clock.play();
  }, [opts.loop, clock, clockState]);

  // The tour and drills.
  const stops = useMemo(() => tourStops(data.alerts), [data.alerts]);
  // The tour reads the newest stops when it moves on; a new alert list never cuts the current stop short.
  const stopsRef = useRef(stops);
  stopsRef.current = stops;
  const [stop, setStop] = useState<WallStop>(CITY_STOP);
  const [touring, setTouring] = useState(false);
  const [lastInput, setLastInput] = useState(() => performance.now());
  const drill = (s: WallStop) => {
    setStop(s);
    setTouring(false);
    setLastInput(performance.now());
  };
  const step = (d: number) => {
    const i = stops.findIndex((s) => s.id === stop.id);
    drill(stops[(i + d + stops.length) % stops.length]!);
  };
  const keys: Record<string, () => void> = {
    '0': () => drill(CITY_STOP),
    home: () => drill(CITY_STOP),
    arrowright: () => step(1),
    arrowdown: () => step(1),
    pagedown: () => step(1),
    arrowleft: () => step(-1),
    arrowup: () => step(-1),
    pageup: () => step(-1),
    l: () => setLang((l) => (l === 'zh-CN' ? 'en' : 'zh-CN')),
    t: () => setTouring((x) => !x),
  };
  KEY_PLACES.forEach((p, i) => {
    keys[String(i + 1)] = () => drill(p);
  });
  useKeyboard(keys);
  useEffect(() => {
    if (opts.tourIdleS <= 0) return;
    const id = setInterval(() => {
      if (!touring && performance.now() - lastInput > opts.tourIdleS * 1000) setTouring(true);
    }, 1000);
    return () => clearInterval(id);
  }, [touring, lastInput, opts.tourIdleS]);
  // Touring moves on at once, then after each stop's dwell timed from when the stop is shown: a long frame
  // between a timer and React's commit never shortens a stop, and a new alert list never cuts one short.
  const advance = useCallback(
    () =>
      setStop((cur) => {
        const list = stopsRef.current;
        const i = list.findIndex((s) => s.id === cur.id);
        return list[(i + 1) % list.length]!;
      }),
    [],
  );
  useEffect(() => {
    if (touring) advance();
  }, [touring, advance]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the dwell restarts whenever a new stop is shown
  useEffect(() => {
    if (!touring) return;
    const id = setTimeout(advance, opts.dwellS * 1000);
    return () => clearTimeout(id);
  }, [touring, stop, opts.dwellS, advance]);

  // Lost WebGL context: rebuild the map.
  const [mapKey, setMapKey] = useState(0);
  const [recovering, setRecovering] = useState(false);
  const onContextLost = () => {
    setRecovering(true);
    setTimeout(() => {
      setMapKey((k) => k + 1);
      setRecovering(false);
    }, 500);
  };
  useEffect(() => {
    const w = window as unknown as { __twin?: Record<string, unknown> };
    w.__twin = { ...(w.__twin ?? {}), clock, wall: { mapKey, feed } };
  }, [clock, mapKey, feed]);

  const incidents = useIncidentKpis(shanghaiDayStart(clockState.time), clockState.time, data.epoch);
  const base = useBasePlaces();
  const scale = useScreenScale();
  const dayStart = shanghaiDayStart(clockState.time);
  return (
    <div className="wall" lang={lang} data-mode="wall" data-lang={lang} data-testid="wall-page">
      <TitleBar
        lang={lang}
        clock={clockState}
        dataTime={data.dataTime}
        connection={data.connection}
        retryInMs={data.retryInMs}
      />
      <main className="wall-body">
        <VitalPanel
          lang={lang}
          vitals={data.vitals}
          trends={data.trends}
          dayStart={dayStart}
          now={clockState.time}
        />
        <div className="wall-map">
          <WallMap
            key={mapKey}
            time={clockState.time}
            stop={stop}
            alerts={data.alerts}
            districts={base.districts}
            labels={base.labels}
            labelScale={scale}
            lang={lang}
            epoch={data.epoch}
            onContextLost={onContextLost}
          />
          {recovering && <div className="wall-recovering">{S.recovering[lang]}</div>}
          <div className="wall-caption" data-testid="wall-caption" data-stop={stop.id} data-touring={touring}>
            {touring && <span className="caption-tag">{S.tour[lang]}</span>}
            <span className="caption-text">{stop.caption[lang]}</span>
          </div>
        </div>
        <aside className="wall-side">
          <AlertTicker lang={lang} entries={data.ticker} />
          <IncidentsPanel lang={lang} kpis={incidents} />
          <div className="wall-keys">{S.keys[lang]}</div>
        </aside>
      </main>
    </div>
  );
}
