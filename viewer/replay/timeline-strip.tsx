import { useEffect, useState } from 'react';
import type { Lang } from '../../layers';
import { nextEventAfter, previousEventBefore, type Scenario } from '../../scenarios';
import { fetchArrow, readingsUrl } from '../data/api';
import { REPLAY_STRINGS } from '../i18n/replay-strings';
import type { Clock } from '../state/clock';
import { type IndicatorSeries, seriesFromBuckets } from './indicator-series';

const W = 600;
const H = 64;
const STEP_MS = 300_000;

/** Fetches each indicator of the scenario once, as 5-minute buckets over the whole window. */
function useIndicators(scenario: Scenario): (IndicatorSeries | null)[] {
  const [series, setSeries] = useState<(IndicatorSeries | null)[]>([]);
  useEffect(() => {
    const ac = new AbortController();
    const from = Date.parse(scenario.window.from);
    const to = Date.parse(scenario.window.to);
    Promise.all(
      scenario.indicators.map(async (ind) => {
        // max over features: let the server aggregate into one 10 km cell; sums and means need every feature
        const grid = ind.combine === 'max' ? '&grid=10000' : '';
        const url = `${readingsUrl(ind.layer, { from, to, bucket: '5m' }, { limit: 100_000 })}${grid}`;
        try {
          return seriesFromBuckets(await fetchArrow(url, ac.signal), ind.measure, ind.combine);
        } catch {
          return null;
        }
      }),
    ).then((s) => {
      if (!ac.signal.aborted) setSeries(s);
    });
    return () => ac.abort();
  }, [scenario]);
  return series;
}

/**
 * The strip under the scrubber: the scenario window with event markers (filled once known, hollow while in the
 * future), step markers, and the indicators charted up to the clock time; plus step and event jump buttons.
 */
export function TimelineStrip(props: { scenario: Scenario; clock: Clock; time: number; lang: Lang }) {
  const { scenario, clock, time, lang } = props;
  const from = Date.parse(scenario.window.from);
  const to = Date.parse(scenario.window.to);
  const x = (t: number) => ((t - from) / (to - from)) * W;
  const series = useIndicators(scenario);
  const colors = ['#5ec8ff', '#ffb347', '#ff6b6b'];
  const paths = series.map((s) => {
    if (!s || s.t.length === 0) return '';
    const pts: string[] = [];
    s.t.forEach((t, i) => {
      if (t <= time)
        pts.push(`${x(t).toFixed(1)},${(H - 4 - (s.v[i]! / (s.max || 1)) * (H - 10)).toFixed(1)}`);
    });
    return pts.join(' ');
  });
  const seek = (t: number | null) => t !== null && clock.seek(t);
  return (
    <div className="panel timeline-strip" data-testid="timeline-strip">
      <div className="timeline-buttons">
        <button type="button" title={REPLAY_STRINGS.prevEvent[lang]} onClick={() => seek(pe(scenario, time))}>
          «
        </button>
        <button type="button" title={REPLAY_STRINGS.back[lang]} onClick={() => clock.seek(time - STEP_MS)}>
          −5′
        </button>
        <button type="button" title={REPLAY_STRINGS.forward[lang]} onClick={() => clock.seek(time + STEP_MS)}>
          +5′
        </button>
        <button
          type="button"
          data-testid="next-event"
          title={REPLAY_STRINGS.nextEvent[lang]}
          onClick={() => seek(ne(scenario, time))}
        >
          »
        </button>
      </div>
      <div
        className="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label={scenario.title[lang]}
        aria-valuemin={from}
        aria-valuemax={to}
        aria-valuenow={time}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') clock.seek(time - STEP_MS);
          if (e.key === 'ArrowRight') clock.seek(time + STEP_MS);
        }}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          clock.seek(from + ((e.clientX - r.left) / r.width) * (to - from));
        }}
      >
        <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true">
          <rect x={0} y={0} width={W} height={H} fill="rgba(255,255,255,0.04)" />
          {paths.map((p, i) =>
            p ? (
              <polyline
                key={scenario.indicators[i]!.measure}
                points={p}
                fill="none"
                stroke={colors[i % 3]}
                strokeWidth={1.5}
              />
            ) : null,
          )}
          {scenario.steps.map((s, i) => (
            <text key={s.id} x={x(Date.parse(s.at))} y={10} fontSize={9} fill="#9fb3c8" textAnchor="middle">
              {i + 1}
            </text>
          ))}
          {scenario.events.map((e) => {
            const t = Date.parse(e.at);
            const known = t <= time;
            return (
              <rect
                key={e.id}
                data-testid="event-marker"
                data-known={known}
                x={x(t) - 2}
                y={H - 14}
                width={4}
                height={12}
                className={`event-marker level-${e.level ?? 'info'}`}
                fill={known ? 'currentColor' : 'none'}
                stroke="currentColor"
              >
                {known && <title>{e.title[lang]}</title>}
              </rect>
            );
          })}
          <line x1={x(time)} x2={x(time)} y1={0} y2={H} stroke="#fff" strokeWidth={1} />
        </svg>
      </div>
      <ul className="timeline-legend">
        {scenario.indicators.map((ind, i) => (
          <li key={ind.measure} style={{ color: colors[i % 3] }}>
            {ind.label[lang]}
            {series[i] ? ` · max ${series[i]!.max.toFixed(1)} ${ind.unit}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

const ne = (s: Scenario, t: number) => {
  const e = nextEventAfter(s, t);
  return e ? Date.parse(e.at) : null;
};
const pe = (s: Scenario, t: number) => {
  const e = previousEventBefore(s, t);
  return e ? Date.parse(e.at) : null;
};
