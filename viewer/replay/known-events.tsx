import type { Lang } from '../../layers';
import type { TimelineEvent } from '../../scenarios';
import { REPLAY_STRINGS } from '../i18n/replay-strings';
import { formatLocalTime } from '../i18n/strings';

/** "What was known at t": the scenario's events up to the clock time, newest first; clicking one seeks to it. */
export function KnownEvents(props: { known: TimelineEvent[]; lang: Lang; onSeek: (t: number) => void }) {
  const { known, lang, onSeek } = props;
  return (
    <aside className="panel known-events" data-testid="known-events">
      <h3>{REPLAY_STRINGS.known[lang]}</h3>
      {known.length === 0 && <p className="muted">{REPLAY_STRINGS.noneKnown[lang]}</p>}
      <ol>
        {[...known].reverse().map((e) => (
          <li key={e.id} className={`level-${e.level ?? 'info'}`} data-event={e.id}>
            <button type="button" onClick={() => onSeek(Date.parse(e.at))}>
              <time>{formatLocalTime(Date.parse(e.at)).slice(11)}</time> {e.title[lang]}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}
