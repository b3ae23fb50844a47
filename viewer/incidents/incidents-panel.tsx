import { useEffect, useState } from 'react';
import {
  ACTIONS,
  allowedActions,
  CATEGORIES,
  type CategorySpec,
  DEPARTMENTS,
  type EventAction,
  type Lang,
  OPEN_STATES,
  ROLE_LABELS,
  SEVERITY_LABELS,
  STATE_LABELS,
  teamId,
  teamLabel,
} from '../../layers';
import {
  type AuditEntry,
  fetchEvent,
  fetchKpis,
  fetchScenario,
  type IncidentEvent,
  type IncidentKpis,
  postTransition,
  type Session,
  signIn,
} from './events-api';
import { INCIDENT_STRINGS as S } from './incident-strings';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hours = (v: number | null, lang: Lang) =>
  v === null ? '—' : `${v.toFixed(1)} ${lang === 'zh-CN' ? '小时' : 'h'}`;
/** `MM-DD HH:MM` in Shanghai time (UTC+8), whatever the browser's zone. */
const time = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().replace('T', ' ').slice(5, 16);
const categoryLabel = (id: string, lang: Lang) =>
  (CATEGORIES as Record<string, CategorySpec>)[id]?.label[lang] ?? id;

function SignInForm(props: { lang: Lang; onSession: (s: Session) => void }) {
  const [user, setUser] = useState('dispatcher');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      className="incident-signin"
      data-testid="incident-signin"
      onSubmit={(ev) => {
        ev.preventDefault();
        signIn(user, password)
          .then((s) => {
            setError('');
            props.onSession(s);
          })
          .catch((e: Error) => setError(e.message));
      }}
    >
      <input
        aria-label={S.username[props.lang]}
        value={user}
        onChange={(e) => setUser(e.target.value)}
        name="username"
      />
      <input
        aria-label={S.password[props.lang]}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        name="password"
      />
      <button type="submit">{S.signIn[props.lang]}</button>
      {error && <div className="error">{error}</div>}
    </form>
  );
}

function KpiView(props: { lang: Lang; changedAt: number }) {
  const [k, setK] = useState<IncidentKpis | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch when the stream reports a change
  useEffect(() => {
    const id = setTimeout(
      () =>
        fetchKpis()
          .then(setK)
          .catch(() => undefined),
      300,
    );
    return () => clearTimeout(id);
  }, [props.changedAt]);
  if (!k) return null;
  const { lang } = props;
  const rows: [string, string][] = [
    [S.open[lang], String(k.open)],
    [S.overdue[lang], String(k.overdue)],
    [S.closed[lang], String(k.closed)],
    [S.handlingRate[lang], pct(k.handlingRate)],
    [S.closingRate[lang], pct(k.closingRate)],
    [S.meanHours[lang], hours(k.meanHandlingHours, lang)],
    [S.p90Hours[lang], hours(k.p90HandlingHours, lang)],
    [S.sameDay[lang], pct(k.sameDayShare)],
  ];
  return (
    <table className="incident-kpis" data-testid="incident-kpis">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th>{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ActionBar(props: { lang: Lang; session: Session; event: IncidentEvent; onDone: () => void }) {
  const { lang, session, event } = props;
  const actions = allowedActions(event.state, session.user.role);
  const [team, setTeam] = useState(
    teamId(event.department as keyof typeof DEPARTMENTS, event.district ?? '黄浦区'),
  );
  const [note, setNote] = useState('');
  const [score, setScore] = useState(5);
  const [error, setError] = useState('');
  if (actions.length === 0) return null;
  const run = (action: EventAction) =>
    postTransition(session, event.id, {
      action,
      team,
      note: note || undefined,
      score,
      version: event.version,
    })
      .then(() => {
        setError('');
        setNote('');
        props.onDone();
      })
      .catch((e: Error) => setError(e.message));
  return (
    <div className="incident-actions" data-testid="incident-actions">
      {actions.some((a) => a === 'dispatch' || a === 'reassign') && (
        <select aria-label={S.team[lang]} value={team} onChange={(e) => setTeam(e.target.value)}>
          {Object.keys(DEPARTMENTS).map((d) => {
            const id = teamId(d as keyof typeof DEPARTMENTS, event.district ?? '黄浦区');
            return (
              <option key={id} value={id}>
                {teamLabel(id)[lang]}
              </option>
            );
          })}
        </select>
      )}
      <input
        aria-label={S.note[lang]}
        placeholder={S.note[lang]}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {actions.includes('verify') && (
        <select aria-label={S.score[lang]} value={score} onChange={(e) => setScore(Number(e.target.value))}>
          {[5, 4, 3, 2, 1].map((n) => (
            <option key={n} value={n}>
              {S.score[lang]} {n}
            </option>
          ))}
        </select>
      )}
      <div className="buttons">
        {actions.map((a) => (
          <button key={a} type="button" data-action={a} onClick={() => void run(a)}>
            {ACTIONS[a].label[lang]}
          </button>
        ))}
      </div>
      {error && (
        <div className="error" data-testid="incident-error">
          {error}
        </div>
      )}
    </div>
  );
}

function Detail(props: {
  lang: Lang;
  id: string;
  session: Session | null;
  version: number;
  onBack: () => void;
}) {
  const { lang } = props;
  const [detail, setDetail] = useState<(IncidentEvent & { audit: AuditEntry[] }) | null>(null);
  const [review, setReview] = useState<string | null>(null);
  const load = () =>
    fetchEvent(props.id)
      .then(setDetail)
      .catch(() => undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the stream brings a newer version
  useEffect(() => {
    void load();
  }, [props.id, props.version]);
  useEffect(() => {
    if (detail?.state === 'archived')
      fetchScenario(detail.id)
        .then((s) => setReview(s.url))
        .catch(() => undefined);
  }, [detail?.state, detail?.id]);
  if (!detail) return null;
  return (
    <div className="incident-detail" data-testid="incident-detail" data-state={detail.state}>
      <button type="button" onClick={props.onBack}>
        ← {S.back[lang]}
      </button>
      <h3>{detail.title}</h3>
      <div className="muted">
        {categoryLabel(detail.category, lang)} · {SEVERITY_LABELS[detail.severity][lang]} ·{' '}
        {detail.district ?? ''}
      </div>
      <div>
        <span className={`state state-${detail.state}`}>{STATE_LABELS[detail.state][lang]}</span>
        {detail.overdue && <span className="tag overdue">{S.overdue[lang]}</span>} {S.deadline[lang]}{' '}
        {time(detail.deadlineAt)}
      </div>
      {detail.team && (
        <div>
          {S.team[lang]}: {teamLabel(detail.team)[lang]}
        </div>
      )}
      {props.session && (
        <ActionBar lang={lang} session={props.session} event={detail} onDone={() => void load()} />
      )}
      {review && (
        <a className="review" href={review} data-testid="incident-review">
          {S.review[lang]} →
        </a>
      )}
      <h4>{S.audit[lang]}</h4>
      <ol className="audit" data-testid="incident-audit">
        {detail.audit.map((a) => (
          <li key={a.version}>
            <span className="muted">{time(a.at)}</span> {a.actor} (
            {a.role === 'system' ? 'system' : ROLE_LABELS[a.role][lang]}):{' '}
            {a.fromState ? `${STATE_LABELS[a.fromState][lang]} → ` : ''}
            {STATE_LABELS[a.toState][lang]}
            {a.action === 'supervise' ? ` · ${ACTIONS.supervise.label[lang]}` : ''}
            {a.note ? ` · ${a.note}` : ''}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The incident panel: sign-in, the event list (open first), a detail view with the audit trail and the actions
 * the signed-in role may take, and the KPI table. Selecting an event highlights it on the map.
 */
export function IncidentsPanel(props: {
  lang: Lang;
  events: readonly IncidentEvent[];
  connected: boolean;
  changedAt: number;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { lang, events } = props;
  const [session, setSession] = useState<Session | null>(() => {
    const raw = sessionStorage.getItem('twin-session');
    const s = raw ? (JSON.parse(raw) as Session) : null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : null;
  });
  const [tab, setTab] = useState<'list' | 'kpis'>('list');
  const [onlyOpen, setOnlyOpen] = useState(true);
  const keep = (s: Session | null) => {
    if (s) sessionStorage.setItem('twin-session', JSON.stringify(s));
    else sessionStorage.removeItem('twin-session');
    setSession(s);
  };
  const shown = events.filter((e) => !onlyOpen || OPEN_STATES.includes(e.state)).slice(0, 200);
  const selected = events.find((e) => e.id === props.selectedId);
  return (
    <aside className="panel incidents-panel" data-testid="incidents-panel">
      <header>
        <h2>
          {S.incidents[lang]}{' '}
          <span className={props.connected ? 'live' : 'muted'} data-testid="incident-live">
            ● {props.connected ? S.live[lang] : S.offline[lang]}
          </span>
        </h2>
        {session ? (
          <div className="who" data-testid="incident-user">
            {ROLE_LABELS[session.user.role][lang]} · {session.user.username}{' '}
            <button type="button" onClick={() => keep(null)}>
              {S.signOut[lang]}
            </button>
          </div>
        ) : (
          <SignInForm lang={lang} onSession={keep} />
        )}
      </header>
      <nav className="tabs">
        <button type="button" aria-pressed={tab === 'list'} onClick={() => setTab('list')}>
          {S.list[lang]}
        </button>
        <button type="button" aria-pressed={tab === 'kpis'} onClick={() => setTab('kpis')}>
          {S.kpis[lang]}
        </button>
      </nav>
      {tab === 'kpis' && <KpiView lang={lang} changedAt={props.changedAt} />}
      {tab === 'list' && selected && (
        <Detail
          lang={lang}
          id={selected.id}
          version={selected.version}
          session={session}
          onBack={() => props.onSelect(null)}
        />
      )}
      {tab === 'list' && !selected && (
        <>
          <label className="muted">
            <input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} />{' '}
            {S.onlyOpen[lang]}
          </label>
          <ul className="incident-list" data-testid="incident-list">
            {shown.map((e) => (
              <li key={e.id} data-id={e.id} data-state={e.state}>
                <button type="button" onClick={() => props.onSelect(e.id)}>
                  <span className={`dot state-${e.state}`} />
                  <span className="title">{e.title}</span>
                  <span className="state-label">{STATE_LABELS[e.state][lang]}</span>
                  {e.overdue && <span className="tag overdue">{S.overdue[lang]}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
