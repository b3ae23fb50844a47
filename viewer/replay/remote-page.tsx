import './replay.css';
import { useEffect, useState } from 'react';
import type { Lang } from '../../layers';
import { REPLAY_STRINGS } from '../i18n/replay-strings';
import { formatLocalTime } from '../i18n/strings';
import { useScenario } from './use-scenario';

interface HubState {
  index: number;
  playing: boolean;
  seq: number;
  scenario: string | null;
}

/**
 * The remote control (a tablet): `/?remote=<session>&scenario=<id>` lists the story steps and drives every wall
 * following the session (`/?scenario=<id>&mode=wall&autoplay=1&session=<session>`) through the server.
 */
export function RemotePage({ session, scenarioId }: { session: string; scenarioId: string | null }) {
  const load = useScenario(scenarioId);
  const [lang, setLang] = useState<Lang>('zh-CN');
  const [state, setState] = useState<HubState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const es = new EventSource(`/api/briefings/${encodeURIComponent(session)}/stream`);
    es.addEventListener('state', (e) => setState(JSON.parse((e as MessageEvent<string>).data) as HubState));
    return () => es.close();
  }, [session]);
  const send = async (command: string, step?: number) => {
    const res = await fetch(`/api/briefings/${encodeURIComponent(session)}/commands`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ command, step, scenario: scenarioId }),
    });
    if (!res.ok) setError(((await res.json()) as { error: { message: string } }).error.message);
    else setError(null);
  };
  if (load.status !== 'ready')
    return (
      <main className="remote" data-testid="remote">
        {load.status === 'error'
          ? `${REPLAY_STRINGS.failed[lang]}: ${load.error}`
          : REPLAY_STRINGS.loading[lang]}
      </main>
    );
  const s = load.scenario;
  const current = state && state.scenario === s.id ? state.index : -1;
  return (
    <main className="remote" data-testid="remote" lang={lang}>
      <header>
        <h1>
          {REPLAY_STRINGS.remote[lang]} · {s.title[lang]}
        </h1>
        <button type="button" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {lang === 'zh-CN' ? 'EN' : '中文'}
        </button>
      </header>
      <nav className="remote-buttons">
        <button type="button" data-testid="remote-previous" onClick={() => send('previous')}>
          ◀ {REPLAY_STRINGS.previous[lang]}
        </button>
        <button type="button" data-testid="remote-pause" onClick={() => send('pause')}>
          ❚❚ {REPLAY_STRINGS.pause[lang]}
        </button>
        <button type="button" data-testid="remote-play" onClick={() => send('play')}>
          ▶ {REPLAY_STRINGS.play[lang]}
        </button>
        <button type="button" data-testid="remote-next" onClick={() => send('next')}>
          {REPLAY_STRINGS.next[lang]} ▶
        </button>
      </nav>
      {error && <p className="banner error">{error}</p>}
      <ol className="remote-steps">
        {s.steps.map((st, i) => (
          <li key={st.id} aria-current={i === current ? 'step' : undefined}>
            <button type="button" data-testid="remote-step" onClick={() => send('jump', i)}>
              <strong>
                {i + 1}. {st.title[lang]}
              </strong>
              <small>
                {formatLocalTime(Date.parse(st.at)).slice(11)} · {st.dwellSeconds}s
              </small>
            </button>
          </li>
        ))}
      </ol>
      <p
        className="muted"
        data-testid="remote-state"
        data-index={current}
        data-playing={state?.playing ?? ''}
      >
        {REPLAY_STRINGS.step[lang]} {current + 1} / {s.steps.length}
      </p>
    </main>
  );
}
