import type { Lang } from '../../layers';
import type { TickerEntry } from './alert-feed';
import { levelCss } from './level-color';
import { formatShanghai } from './shanghai-time';
import { WALL_STRINGS as S } from './wall-strings';

/** The alert ticker: newest alerts first with level, place, what tripped and the reading's time. */
export function AlertTicker(props: { lang: Lang; entries: readonly TickerEntry[]; max?: number }) {
  const { lang, entries, max = 8 } = props;
  return (
    <section className="wall-panel wall-ticker" data-testid="alert-ticker">
      <h2>{S.ticker[lang]}</h2>
      {entries.length === 0 && <div className="muted">{S.noAlerts[lang]}</div>}
      <ol>
        {entries.slice(0, max).map((e) => (
          <li
            key={`${e.id}@${e.seenAt}`}
            className={`tick level-${e.level}`}
            data-level={e.level}
            data-layer={e.layer}
          >
            <span className="tick-level" style={{ background: levelCss(e.level) }}>
              {S[e.level][lang]}
            </span>
            <span className="tick-time">{formatShanghai(e.time).slice(11)}</span>
            <span className="tick-place">{e.place}</span>
            <span className="tick-what">
              {e.label[lang]}
              {typeof e.value === 'number' ? ` ${Math.round(e.value * 10) / 10}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
