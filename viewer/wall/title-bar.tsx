import { useEffect, useState } from 'react';
import type { Lang } from '../../layers';
import type { ClockState } from '../state/clock';
import { formatShanghai } from './shanghai-time';
import type { Connection } from './wall-feed';
import { WALL_STRINGS as S } from './wall-strings';

/**
 * The wall's title bar: the centre's name, Shanghai time (now, from the machine's clock), the data time (newest
 * reading shown), LIVE or REPLAY with the replay time, and the connection badge while the server is away.
 */
export function TitleBar(props: {
  lang: Lang;
  clock: ClockState;
  dataTime: number | null;
  connection: Connection;
  retryInMs: number;
}) {
  const { lang, clock, dataTime, connection, retryInMs } = props;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const live = !!clock.live;
  return (
    <header className="wall-title" data-testid="wall-title">
      <div className="wall-name">
        <h1>{S.centre[lang]}</h1>
        <span className="wall-sub">{S.subtitle[lang]}</span>
      </div>
      <div className="wall-times">
        <div className="wall-time" data-testid="shanghai-time">
          <span className="k">{S.shanghaiTime[lang]}</span>
          <span className="v">{formatShanghai(now, true)}</span>
        </div>
        <div className="wall-time" data-testid="data-time">
          <span className="k">{S.dataTime[lang]}</span>
          <span className="v">{dataTime === null ? S.noData[lang] : formatShanghai(dataTime)}</span>
        </div>
      </div>
      {connection !== 'ok' && (
        <div className={`wall-conn ${connection}`} data-testid="connection-badge" data-state={connection}>
          {connection === 'reconnecting'
            ? `${S.reconnecting[lang]} · ${Math.ceil(retryInMs / 1000)} ${S.retryIn[lang]}`
            : S.connecting[lang]}
        </div>
      )}
      <div
        className={`wall-mode ${live ? 'live' : 'replay'}`}
        data-testid="live-badge"
        data-live={live ? 'true' : 'false'}
      >
        {live ? (
          <span className="mode-word">● {S.live[lang]}</span>
        ) : (
          <>
            <span className="mode-word">▶ {S.replay[lang]}</span>
            <span className="mode-time" data-testid="replay-time">
              {formatShanghai(clock.time)}
              {clock.playing && clock.speed !== 1 ? ` · ${clock.speed}×` : ''}
            </span>
          </>
        )}
      </div>
    </header>
  );
}
