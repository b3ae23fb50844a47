/** The replay parameters of a URL, beside the view state: scenario, briefing autoplay, remote session, interpolation. */
export interface ReplayParams {
  scenario: string | null;
  autoplay: boolean;
  /** Briefing session the page follows (wall) or drives (remote). */
  session: string | null;
  /** Set on the remote-control page: the session it drives. */
  remote: string | null;
  /** Moving features interpolated between samples (default); `?interp=0` holds each at its last sample. */
  interpolation: boolean;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const pick = (q: URLSearchParams, k: string) => {
  const v = q.get(k);
  return v && ID.test(v) ? v : null;
};

/** Reads the replay parameters from a query string; ids that are not plain ids are ignored. */
export function readReplayParams(search: string): ReplayParams {
  const q = new URLSearchParams(search);
  return {
    scenario: pick(q, 'scenario'),
    autoplay: q.get('autoplay') === '1',
    session: pick(q, 'session'),
    remote: pick(q, 'remote'),
    interpolation: q.get('interp') !== '0',
  };
}

/** The query suffix (`&scenario=…`) that keeps the replay parameters when the app rewrites its URL. */
export function replayQuerySuffix(p: ReplayParams): string {
  const q = new URLSearchParams();
  if (p.scenario) q.set('scenario', p.scenario);
  if (p.autoplay) q.set('autoplay', '1');
  if (p.session) q.set('session', p.session);
  if (!p.interpolation) q.set('interp', '0');
  const s = q.toString();
  return s ? `&${s}` : '';
}
