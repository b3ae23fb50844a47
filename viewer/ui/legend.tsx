import type { Lang, Legend } from '../../layers';
import { toCss } from '../overlay/color-rule';

/** A layer's legend, generated from its definition (title + swatch rows). */
export function LegendView({ legend, lang }: { legend: Legend; lang: Lang }) {
  return (
    <div className="legend">
      <div className="legend-title">{legend.title[lang]}</div>
      {legend.entries.map((e) => (
        <div className="legend-row" key={`${e.label.en}-${e.color.join()}`}>
          <span className="swatch" style={{ background: toCss(e.color) }} />
          {e.label[lang]}
        </div>
      ))}
    </div>
  );
}
