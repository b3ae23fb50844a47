import { useState } from 'react';
import {
  COMPARISON_OPS,
  FILTER_OP_SYMBOLS,
  isNumericType,
  type Lang,
  type LayerDefinition,
} from '../../layers';
import { STRINGS } from '../i18n/strings';
import type { FilterClause } from '../state/view-state';

/** The filterable columns of a layer with their specs (feature or readings table). */
function filterableSpecs(def: LayerDefinition) {
  const all = { ...def.columns, ...(def.temporal?.columns ?? {}) };
  return def.filterable.flatMap((c) => (all[c] ? [{ column: c, spec: all[c] }] : []));
}

/**
 * Attribute filters of one layer, generated from `filterable`: a value picker for categorical and boolean
 * columns, a comparison for numeric ones, and equality for other text.
 */
export function FilterEditor(props: {
  def: LayerDefinition;
  lang: Lang;
  filters: FilterClause[];
  onChange: (f: FilterClause[]) => void;
}) {
  const { def, lang, filters, onChange } = props;
  const set = (column: string, clause: FilterClause | null) =>
    onChange([...filters.filter((f) => f.column !== column), ...(clause ? [clause] : [])]);
  return (
    <div className="filters">
      {filterableSpecs(def).map(({ column, spec }) => {
        const current = filters.find((f) => f.column === column) ?? null;
        const label = spec.label[lang] + (spec.unit ? ` (${spec.unit})` : '');
        if (spec.values || spec.type === 'bool') {
          const options = spec.values
            ? Object.entries(spec.values).map(([v, t]) => [v, t[lang]] as const)
            : ([
                ['true', lang === 'en' ? 'yes' : '是'],
                ['false', lang === 'en' ? 'no' : '否'],
              ] as const);
          return (
            <label className="filter" key={column}>
              <span>{label}</span>
              <select
                data-filter={column}
                value={current?.value ?? ''}
                onChange={(e) =>
                  set(column, e.target.value ? { column, op: 'eq', value: e.target.value } : null)
                }
              >
                <option value="">—</option>
                {options.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          );
        }
        return (
          <TextFilter
            key={column}
            column={column}
            label={label}
            numeric={isNumericType(spec.type)}
            current={current}
            lang={lang}
            onApply={(c) => set(column, c)}
          />
        );
      })}
    </div>
  );
}

function TextFilter(props: {
  column: string;
  label: string;
  numeric: boolean;
  current: FilterClause | null;
  lang: Lang;
  onApply: (c: FilterClause | null) => void;
}) {
  const { column, label, numeric, current, lang, onApply } = props;
  const [op, setOp] = useState<FilterClause['op']>(current?.op ?? (numeric ? 'ge' : 'eq'));
  const [value, setValue] = useState(current?.value ?? '');
  return (
    <form
      className="filter"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(value.trim() ? { column, op, value: value.trim() } : null);
      }}
    >
      <span>{label}</span>
      {numeric && (
        <select value={op} onChange={(e) => setOp(e.target.value as FilterClause['op'])}>
          {COMPARISON_OPS.map((o) => (
            <option key={o} value={o}>
              {FILTER_OP_SYMBOLS[o]}
            </option>
          ))}
        </select>
      )}
      <input
        data-filter={column}
        value={value}
        inputMode={numeric ? 'decimal' : 'text'}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit">{STRINGS.addFilter[lang]}</button>
    </form>
  );
}
