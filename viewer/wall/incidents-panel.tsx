import type { Lang } from '../../layers';
import type { IncidentState } from './incident-kpis';
import { WALL_STRINGS as S } from './wall-strings';

/** Events open / closed / overdue and the handling rate, once the incidents API answers; else "unavailable". */
export function IncidentsPanel({ lang, kpis }: { lang: Lang; kpis: IncidentState }) {
  return (
    <section className="wall-panel wall-incidents" data-testid="incidents-panel" data-state={kpis.state}>
      <h2>{S.incidents[lang]}</h2>
      {kpis.state === 'ok' ? (
        <div className="incident-grid">
          <Figure label={S.open[lang]} value={kpis.open} id="open" />
          <Figure label={S.closed[lang]} value={kpis.closed} id="closed" />
          <Figure label={S.overdue[lang]} value={kpis.overdue} id="overdue" alarm={kpis.overdue > 0} />
          <Figure
            label={S.handlingRate[lang]}
            value={`${Math.round(kpis.handlingRate * 100)}%`}
            id="handling-rate"
          />
        </div>
      ) : (
        <div className="muted">{kpis.state === 'loading' ? '…' : S.incidentsUnavailable[lang]}</div>
      )}
    </section>
  );
}

function Figure(props: { label: string; value: number | string; id: string; alarm?: boolean }) {
  return (
    <div className={`incident-figure${props.alarm ? ' alarm' : ''}`} data-kpi={props.id}>
      <div className="incident-value">{props.value}</div>
      <div className="incident-label">{props.label}</div>
    </div>
  );
}
