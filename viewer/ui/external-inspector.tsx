import type { Lang } from '../../layers';
import { STRINGS } from '../i18n/strings';
import type { Selection } from '../overlay/resolve-pick';
import { tilesetTitle } from './add-tileset';

function format(v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return lang === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  if (typeof v === 'object') return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

/** The inspector for a feature of an added tileset: its metadata as they come (no layer definition to label them). */
export function ExternalFeatureInspector(props: { selection: Selection; lang: Lang; onClose: () => void }) {
  const { selection: s, lang, onClose } = props;
  return (
    <aside className="panel inspector" data-testid="inspector" data-layer={s.layerId}>
      <header>
        <div>
          <div className="muted">
            {STRINGS.externalTilesets[lang]} · {tilesetTitle(s.layerId.slice('tileset:'.length))}
          </div>
          <h2 data-testid="inspector-name">{s.name}</h2>
        </div>
        <button type="button" onClick={onClose} aria-label={STRINGS.close[lang]}>
          ×
        </button>
      </header>
      <table>
        <tbody>
          {Object.entries(s.values).map(([k, v]) => (
            <tr key={k} data-property={k}>
              <th>{k}</th>
              <td>{format(v, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
