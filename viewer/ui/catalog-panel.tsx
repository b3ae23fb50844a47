import { type ReactNode, useState } from 'react';
import { GROUPS, type Lang, type LayerDefinition } from '../../layers';
import { STRINGS } from '../i18n/strings';
import { type LayerStatus, useLayerStatuses } from '../state/layer-status';
import type { FilterClause, Mode } from '../state/view-state';
import { FilterEditor } from './filter-editor';
import { LegendView } from './legend';

/** Props of the catalog: the layers, what is on, and callbacks to change it. */
export interface CatalogProps {
  layers: readonly LayerDefinition[];
  visible: string[];
  opacity: Record<string, number>;
  filters: Record<string, FilterClause[]>;
  lang: Lang;
  mode: Mode;
  onToggle: (id: string, on: boolean) => void;
  onOpacity: (id: string, value: number) => void;
  onFilters: (id: string, f: FilterClause[]) => void;
  /** Extra groups below the layers (e.g. added 3D Tilesets). */
  children?: ReactNode;
}

function Badge({
  status,
  lang,
  overviewLabel,
}: {
  status: LayerStatus | undefined;
  lang: Lang;
  /** What the city-zoom subset shows (`def.overview.label`), as the badge's tooltip. */
  overviewLabel?: string;
}) {
  if (!status || status.state === 'idle') return null;
  if (status.state === 'loading') return <span className="badge loading">{STRINGS.loading[lang]}</span>;
  if (status.state === 'error')
    return (
      <span className="badge error" title={status.message}>
        {STRINGS.error[lang]}
      </span>
    );
  return (
    <>
      <span className="badge ready">{status.rows > 0 ? status.rows.toLocaleString() : '✓'}</span>
      {status.aggregated && (
        <span className="badge aggregated" title={STRINGS.aggregatedHint[lang]}>
          {STRINGS.aggregated[lang]}
        </span>
      )}
      {status.overview && (
        <span className="badge overview" data-testid="overview-badge" title={overviewLabel}>
          {STRINGS.overview[lang]}
        </span>
      )}
      {status.truncated && (
        <span className="badge truncated" title={STRINGS.truncatedHint[lang]}>
          {STRINGS.truncated[lang]}
        </span>
      )}
    </>
  );
}

/**
 * The layer catalog: layers grouped and titled in the current language, each with a toggle, a status badge
 * (loading / count / error), a synthetic tag, and — when expanded — opacity, legend and attribute filters.
 */
export function CatalogPanel(p: CatalogProps) {
  const statuses = useLayerStatuses();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <aside className="panel catalog" aria-label={STRINGS.layers[p.lang]}>
      <h2>{STRINGS.layers[p.lang]}</h2>
      {GROUPS.map((g) => {
        const layers = p.layers.filter((l) => l.group === g.id);
        if (!layers.length) return null;
        return (
          <section key={g.id} className="group">
            <h3>{g.title[p.lang]}</h3>
            {layers.map((l) => {
              const on = p.visible.includes(l.id);
              const status = statuses.get(l.id);
              const filters = p.filters[l.id] ?? [];
              return (
                <div
                  className="layer-row"
                  key={l.id}
                  data-layer={l.id}
                  data-status={on ? (status?.state ?? 'idle') : 'off'}
                  data-truncated={on && status?.state === 'ready' && status.truncated ? 'true' : undefined}
                >
                  <div className="layer-head">
                    <label>
                      <input
                        type="checkbox"
                        checked={on}
                        onChange={(e) => p.onToggle(l.id, e.target.checked)}
                      />
                      <span className="layer-title">{l.title[p.lang]}</span>
                    </label>
                    {l.provenance.synthetic && (
                      <span className="tag synthetic">{STRINGS.synthetic[p.lang]}</span>
                    )}
                    {filters.length > 0 && <span className="tag">⧩ {filters.length}</span>}
                    {on && <Badge status={status} lang={p.lang} overviewLabel={l.overview?.label[p.lang]} />}
                    {p.mode !== 'wall' && (
                      <button
                        type="button"
                        className="expand"
                        aria-expanded={open === l.id}
                        onClick={() => setOpen(open === l.id ? null : l.id)}
                      >
                        {open === l.id ? '▾' : '▸'}
                      </button>
                    )}
                  </div>
                  {(open === l.id || (p.mode === 'wall' && on)) && (
                    <div className="layer-body">
                      {p.mode !== 'wall' && (
                        <label className="opacity">
                          {STRINGS.opacity[p.lang]}
                          <input
                            type="range"
                            min={0}
                            max={1}
                            step={0.05}
                            value={p.opacity[l.id] ?? l.style.opacity}
                            onChange={(e) => p.onOpacity(l.id, Number(e.target.value))}
                          />
                        </label>
                      )}
                      <LegendView legend={l.legend} lang={p.lang} />
                      {p.mode !== 'wall' && (
                        <FilterEditor
                          def={l}
                          lang={p.lang}
                          filters={filters}
                          onChange={(f) => p.onFilters(l.id, f)}
                        />
                      )}
                      {status?.state === 'error' && <div className="error-text">{status.message}</div>}
                    </div>
                  )}
                </div>
              );
            })}
          </section>
        );
      })}
      {p.children}
    </aside>
  );
}
