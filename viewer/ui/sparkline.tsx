import { useEffect, useMemo, useState } from 'react';
import { type Lang, type LayerDefinition, measureColumn } from '../../layers';
import { fetchArrow, readingsUrl } from '../data/api';
import { readNumbers, readSeconds } from '../data/arrow-columns';
import { STRINGS } from '../i18n/strings';

/** The reading column a sparkline plots: the coloured column if it is a measure, else the first measure. */
export function sparklineMeasure(def: LayerDefinition): { measure: string; column: string } | null {
  const t = def.temporal;
  if (!t) return null;
  const by = def.style.color.kind === 'threshold' ? def.style.color.by : undefined;
  const measure = by && t.measures[by] ? by : Object.keys(t.measures)[0];
  if (!measure) return null;
  return { measure, column: measureColumn(t.measures[measure]!, measure) };
}

/** Builds an SVG polyline `points` string for values over times (both scaled into w×h). */
export function sparklinePoints(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  w: number,
  h: number,
): string {
  let t0 = Number.POSITIVE_INFINITY;
  let t1 = Number.NEGATIVE_INFINITY;
  let v1 = 0;
  for (let i = 0; i < times.length; i++) {
    t0 = Math.min(t0, times[i]!);
    t1 = Math.max(t1, times[i]!);
    if (Number.isFinite(values[i]!)) v1 = Math.max(v1, values[i]!);
  }
  const pts: string[] = [];
  for (let i = 0; i < times.length; i++) {
    if (!Number.isFinite(values[i]!)) continue;
    const x = t1 > t0 ? ((times[i]! - t0) / (t1 - t0)) * w : w / 2;
    const y = h - (v1 > 0 ? (values[i]! / v1) * (h - 2) : 0) - 1;
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return pts.join(' ');
}

/**
 * A sparkline of one feature's recent readings: `key=` + `from/to` + `bucket=15m` over the six hours before
 * the clock time, plotting the layer's main measure.
 */
export function Sparkline(props: { def: LayerDefinition; featureKey: string; time: number; lang: Lang }) {
  const { def, featureKey, time, lang } = props;
  const m = useMemo(() => sparklineMeasure(def), [def]);
  const to = Math.floor(time / 900_000) * 900_000 + 900_000;
  const [state, setState] = useState<{ points: string; last: number } | { error: string } | null>(null);
  useEffect(() => {
    if (!m) return;
    const ac = new AbortController();
    setState(null);
    fetchArrow(
      readingsUrl(def.id, { from: to - 6 * 3600_000, to, bucket: '15m' }, { keys: [featureKey] }),
      ac.signal,
    )
      .then((t) => {
        const times = readSeconds(t, 'bucket_start', 0) ?? new Float64Array();
        const vals = readNumbers(t, m.column) ?? readNumbers(t, m.measure) ?? new Float64Array(t.numRows);
        setState({
          points: sparklinePoints(times, vals, 220, 48),
          last: vals[vals.length - 1] ?? Number.NaN,
        });
      })
      .catch((e: Error) => ac.signal.aborted || setState({ error: e.message }));
    return () => ac.abort();
  }, [def.id, featureKey, to, m]);
  if (!m) return null;
  const spec = def.temporal?.columns[m.measure];
  return (
    <figure className="sparkline" data-testid="sparkline">
      <figcaption>
        {spec?.label[lang]} · {STRINGS.recent[lang]}
        {state && 'last' in state && Number.isFinite(state.last) && (
          <strong>
            {' '}
            {state.last.toFixed(2)} {spec?.unit ?? ''}
          </strong>
        )}
      </figcaption>
      {state && 'points' in state && (
        <svg width="220" height="48" viewBox="0 0 220 48" role="img" aria-label={spec?.label[lang]}>
          <polyline points={state.points} fill="none" stroke="#5ec8ff" strokeWidth="2" />
        </svg>
      )}
      {state && 'error' in state && <div className="error-text">{state.error}</div>}
      {!state && <div className="muted">{STRINGS.loading[lang]}…</div>}
    </figure>
  );
}
