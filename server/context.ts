import type { Catalog } from './catalog';
import type { Database } from './db/database';

/** What route handlers share: the database (null when no data was built) and the catalog, derived once. */
export interface ServerContext {
  dataDir: string;
  db: Database | null;
  /** Catalog from the registry and the data; computed on first use. */
  catalog(): Promise<Catalog>;
  /** Time limit of one query in milliseconds (→ 504). */
  queryTimeoutMs: number;
}
