import type { Lang } from '../../layers';
import { levelCss } from './level-color';
import { TrendChart } from './trend-chart';
import type { VitalSign } from './vital-signs';
import type { TrendPoint } from './wall-feed';
import { WALL_STRINGS as S } from './wall-strings';

function show(v: number | null): string {
  return v === null ? '—' : v.toLocaleString('zh-CN');
}

/**
 * The vital signs (生命体征): one large number per sign with what it counts and the threshold it is counted
 * against, coloured by the worst alert level among what it counts, and the day's trend under it.
 */
export function VitalPanel(props: {
  lang: Lang;
  vitals: readonly VitalSign[];
  trends: Record<string, TrendPoint[]>;
  dayStart: number;
  now: number;
}) {
  const { lang, vitals, trends, dayStart, now } = props;
  return (
    <section className="wall-panel wall-vitals" data-testid="vital-panel">
      <h2>{S.vitals[lang]}</h2>
      {vitals.map((v) => (
        <div
          key={v.id}
          className={`vital level-${v.level ?? 'none'}`}
          data-kpi={v.id}
          data-value={v.value ?? ''}
          data-total={v.total ?? ''}
          data-level={v.level ?? ''}
        >
          <div className="vital-head">
            <span className="vital-label">{v.label[lang]}</span>
            <span className="vital-value" style={{ color: levelCss(v.level) }}>
              {show(v.value)}
              {v.total !== null && <span className="vital-total"> / {show(v.total)}</span>}
              {v.unit && <span className="vital-unit"> {v.unit}</span>}
            </span>
          </div>
          <div className="vital-caption" data-testid="vital-caption">
            {v.caption[lang]}
          </div>
          <TrendChart
            points={trends[v.id] ?? []}
            dayStart={dayStart}
            now={now}
            color={levelCss(v.level, '#5ec8ff')}
          />
        </div>
      ))}
    </section>
  );
}
