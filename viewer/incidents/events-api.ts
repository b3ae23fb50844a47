import type { ActorRole, EventAction, EventState, Role } from '../../layers';

/** An event as `GET /api/events` sends it (times ISO). */
export interface IncidentEvent {
  id: string;
  version: number;
  state: EventState;
  category: string;
  subcategory: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  source: string;
  title: string;
  description: string;
  lon: number;
  lat: number;
  district: string | null;
  department: string;
  team: string | null;
  reportedAt: string;
  deadlineAt: string;
  resolvedAt: string | null;
  archivedAt: string | null;
  updatedAt: string;
  escalationLevel: number;
  score: number | null;
  overdue: boolean;
}

/** One audit record of an event's trail. */
export interface AuditEntry {
  version: number;
  at: string;
  actor: string;
  role: ActorRole;
  action: string;
  fromState: EventState | null;
  toState: EventState;
  note: string | null;
  changes: Record<string, unknown>;
}

/** A signed-in session. */
export interface Session {
  token: string;
  expiresAt: string;
  user: { username: string; role: Role; displayName: string };
}

/** The KPI document of `GET /api/events/kpis`. */
export interface IncidentKpis {
  total: number;
  open: number;
  closed: number;
  overdue: number;
  handlingRate: number | null;
  closingRate: number | null;
  meanHandlingHours: number | null;
  p90HandlingHours: number | null;
  sameDayShare: number | null;
  byCategory: Record<string, { total: number; handlingRate: number | null }>;
}

async function readJson<T>(res: Response): Promise<T> {
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `${res.status}`);
  return body;
}

/** Lists events (newest first), optionally reported since `from`. */
export async function fetchEvents(opts: { from?: string; limit?: number } = {}): Promise<IncidentEvent[]> {
  const q = new URLSearchParams({ limit: String(opts.limit ?? 500) });
  if (opts.from) q.set('from', opts.from);
  return (await readJson<{ events: IncidentEvent[] }>(await fetch(`/api/events?${q}`))).events;
}

/** Fetches one event with its audit trail. */
export async function fetchEvent(id: string): Promise<IncidentEvent & { audit: AuditEntry[] }> {
  return readJson(await fetch(`/api/events/${encodeURIComponent(id)}`));
}

/** Fetches the KPIs of events reported since `from`. */
export async function fetchKpis(from?: string): Promise<IncidentKpis> {
  return readJson(await fetch(`/api/events/kpis${from ? `?from=${encodeURIComponent(from)}` : ''}`));
}

/** Signs in; throws the server's message on a wrong password. */
export async function signIn(username: string, password: string): Promise<Session> {
  return readJson(
    await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }),
  );
}

/** Requests a transition; throws the server's message (403 role, 409 conflict, 400 field). */
export async function postTransition(
  session: Session,
  id: string,
  body: { action: EventAction; note?: string; team?: string; score?: number; version?: number },
): Promise<IncidentEvent> {
  return readJson(
    await fetch(`/api/events/${encodeURIComponent(id)}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify(body),
    }),
  );
}

/** Fetches the replay scenario generated for an event ("review this incident"). */
export async function fetchScenario(
  id: string,
): Promise<{ url: string; window: { from: string; to: string } }> {
  return readJson(await fetch(`/api/events/${encodeURIComponent(id)}/scenario`));
}
