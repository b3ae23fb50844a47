import { findLayer, type Lang } from '../../layers';
import { isExternalTilesetId } from '../globe/external-tilesets';
import { STRINGS } from '../i18n/strings';
import { formatSelection, type Selection } from '../overlay/resolve-pick';
import { ExternalFeatureInspector } from './external-inspector';
import { Sparkline } from './sparkline';

/** The inspector panel: the picked feature's attributes with labels and units from its definition, plus a
 * sparkline of recent readings for temporal layers. */
export function Inspector(props: { selection: Selection; lang: Lang; time: number; onClose: () => void }) {
  const { selection: s, lang, time, onClose } = props;
  const def = findLayer(s.layerId);
  if (!def)
    return isExternalTilesetId(s.layerId) ? (
      <ExternalFeatureInspector selection={s} lang={lang} onClose={onClose} />
    ) : null;
  const rows = formatSelection(def, s, lang);
  return (
    <aside className="panel inspector" data-testid="inspector" data-layer={s.layerId}>
      <header>
        <div>
          <div className="muted">{def.title[lang]}</div>
          <h2 data-testid="inspector-name">{s.name}</h2>
        </div>
        <button type="button" onClick={onClose} aria-label={STRINGS.close[lang]}>
          ×
        </button>
      </header>
      {def.provenance.synthetic && <span className="tag synthetic">合成数据 / synthetic</span>}
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.column}>
              <th>{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {def.temporal && s.key && <Sparkline def={def} featureKey={s.key} time={time} lang={lang} />}
    </aside>
  );
}
