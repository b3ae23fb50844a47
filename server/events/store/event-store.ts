import type { AuditRecord, EventFilter, EventRecord, UserRecord } from '../event-record';
import { openDuckDbEngine } from './duckdb-engine';
import {
  AUDIT_BULK_COLUMNS,
  auditFromRow,
  EVENT_BULK_COLUMNS,
  eventFromRow,
  insertAuditSql,
  insertEventSql,
  SCHEMA_SQL,
  selectAuditSql,
  selectEventSql,
  selectEventsSql,
  updateEventSql,
} from './event-sql';
import { openPgEngine } from './pg-engine';
import type { SqlEngine, StoreMessage } from './sql-engine';

/** The event store: the same SQL over the embedded DuckDB file or PostgreSQL. Every write is one transaction. */
export interface EventStore {
  readonly engine: SqlEngine;
  /** Inserts a new event with its creation audit record. */
  insert(event: EventRecord, audit: AuditRecord): Promise<void>;
  /** Inserts many events and their audit records in one transaction (seeding history). */
  insertMany(rows: { event: EventRecord; audit: AuditRecord[] }[]): Promise<void>;
  /**
   * Writes `event` (version already incremented) and its audit record only if the stored version is still
   * `expectedVersion`; false means another writer changed it first (→ 409).
   */
  update(event: EventRecord, expectedVersion: number, audit: AuditRecord): Promise<boolean>;
  get(id: string): Promise<EventRecord | null>;
  audit(id: string): Promise<AuditRecord[]>;
  list(filter: EventFilter): Promise<EventRecord[]>;
  count(): Promise<number>;
  /** Reads a setting; when absent, stores `fallback` (first writer wins across replicas) and returns the stored one. */
  setting(key: string, fallback: () => string): Promise<string>;
  /** Overwrites a setting. */
  putSetting(key: string, value: string): Promise<void>;
  getUser(username: string): Promise<UserRecord | null>;
  /** Adds a user unless one with that name exists; true when added. */
  addUser(user: UserRecord): Promise<boolean>;
  publish(msg: StoreMessage): Promise<void>;
  subscribe(cb: (msg: StoreMessage) => void): () => void;
  close(): Promise<void>;
}

class Conflict extends Error {}

/** Opens the store named by `location`: a `postgres://` URL, a DuckDB file path, or `:memory:`. */
export async function openEventStore(location: string): Promise<EventStore> {
  const engine = /^postgres(ql)?:\/\//.test(location)
    ? await openPgEngine(location)
    : await openDuckDbEngine(location);
  await engine.transaction(async (q) => {
    for (const sql of SCHEMA_SQL) await q(sql);
  });
  return storeOver(engine);
}

function storeOver(engine: SqlEngine): EventStore {
  return {
    engine,
    async insert(event, audit) {
      await engine.transaction(async (q) => {
        const e = insertEventSql(event);
        await q(e.sql, e.params);
        const a = insertAuditSql(audit);
        await q(a.sql, a.params);
      });
    },
    async insertMany(rows) {
      if (rows.length === 0) return;
      await engine.transaction(async (_q, many) => {
        await many(
          'events',
          EVENT_BULK_COLUMNS(),
          rows.map((r) => insertEventSql(r.event).params),
        );
        await many(
          'audit',
          AUDIT_BULK_COLUMNS(),
          rows.flatMap((r) => r.audit.map((a) => insertAuditSql(a).params)),
        );
      });
    },
    async update(event, expectedVersion, audit) {
      try {
        await engine.transaction(async (q) => {
          const u = updateEventSql(event, expectedVersion);
          const done = await q(u.sql, u.params);
          if (done.length !== 1) throw new Conflict();
          const a = insertAuditSql(audit);
          await q(a.sql, a.params);
        });
        return true;
      } catch (err) {
        if (err instanceof Conflict) return false;
        // PostgreSQL: a concurrent writer's audit row with the same (event, version) also means "lost the race"
        if (/duplicate key|unique|PRIMARY KEY|conflict/i.test(String(err))) return false;
        throw err;
      }
    },
    async get(id) {
      const s = selectEventSql(id);
      const rows = await engine.query(s.sql, s.params);
      return rows[0] ? eventFromRow(rows[0]) : null;
    },
    async audit(id) {
      const s = selectAuditSql(id);
      return (await engine.query(s.sql, s.params)).map(auditFromRow);
    },
    async list(filter) {
      const s = selectEventsSql(filter);
      return (await engine.query(s.sql, s.params)).map(eventFromRow);
    },
    async count() {
      const rows = await engine.query('SELECT COUNT(*) AS n FROM events');
      return Number(rows[0]?.n ?? 0);
    },
    async setting(key, fallback) {
      const rows = await engine.query('SELECT value FROM settings WHERE key = $1', [key]);
      if (rows[0]) return String(rows[0].value);
      await engine.transaction((q) =>
        q('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
          key,
          fallback(),
        ]),
      );
      const again = await engine.query('SELECT value FROM settings WHERE key = $1', [key]);
      return String(again[0]?.value);
    },
    async putSetting(key, value) {
      await engine.transaction(async (q) => {
        await q('DELETE FROM settings WHERE key = $1', [key]);
        await q('INSERT INTO settings (key, value) VALUES ($1, $2)', [key, value]);
      });
    },
    async getUser(username) {
      const rows = await engine.query(
        'SELECT username, role, display_name, password_hash FROM users WHERE username = $1',
        [username],
      );
      const r = rows[0];
      return r
        ? {
            username: String(r.username),
            role: String(r.role),
            displayName: String(r.display_name),
            passwordHash: String(r.password_hash),
          }
        : null;
    },
    async addUser(user) {
      const rows = await engine.transaction((q) =>
        q(
          'INSERT INTO users (username, role, display_name, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING username',
          [user.username, user.role, user.displayName, user.passwordHash],
        ),
      );
      return rows.length === 1;
    },
    publish: (msg) => engine.publish(msg),
    subscribe: (cb) => engine.subscribe(cb),
    close: () => engine.close(),
  };
}
