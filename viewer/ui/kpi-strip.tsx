import type { Table } from 'apache-arrow';
import { useEffect, useState } from 'react';
import type { Lang } from '../../layers';
import { fetchArrow, readingsUrl } from '../data/api';
import { computeKpis, KPI_LAYERS, type Kpis } from '../data/kpis';
import { STRINGS } from '../i18n/strings';
import { quantizeTime } from '../state/clock';

/** The wall's KPI strip, recomputed from the server's readings every 5 simulated minutes. */
export function KpiStrip({ time, lang }: { time: number; lang: Lang }) {
  const at = quantizeTime(time, 300_000);
  const [kpis, setKpis] = useState<Kpis | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    Promise.all(
      KPI_LAYERS.map((id) =>
        fetchArrow(readingsUrl(id, { at }, { limit: 100_000 }), ac.signal).catch(() => null as Table | null),
      ),
    ).then((tables) => {
      if (ac.signal.aborted) return;
      setKpis(computeKpis(Object.fromEntries(KPI_LAYERS.map((id, i) => [id, tables[i]]))));
    });
    return () => ac.abort();
  }, [at]);
  const show = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString());
  const items = [
    { id: 'waterlogged', label: STRINGS.kpiWaterlogging[lang], value: show(kpis?.waterlogged), alert: true },
    {
      id: 'pumps',
      label: STRINGS.kpiPumps[lang],
      value: `${show(kpis?.pumpsRunning)} / ${show(kpis?.pumpsTotal)}`,
      alert: false,
    },
    { id: 'crowd', label: STRINGS.kpiCrowd[lang], value: show(kpis?.crowdHotSpots), alert: true },
    { id: 'trucks', label: STRINGS.kpiTrucks[lang], value: show(kpis?.trucksInViolation), alert: true },
  ];
  return (
    <div className="kpi-strip" data-testid="kpi-strip">
      {items.map((k) => (
        <div className={`kpi ${k.alert ? 'alert' : ''}`} key={k.id} data-kpi={k.id}>
          <div className="kpi-value">{k.value}</div>
          <div className="kpi-label">{k.label}</div>
        </div>
      ))}
    </div>
  );
}
