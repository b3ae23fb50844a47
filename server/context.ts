import type { Catalog } from './catalog';
import type { Database } from './db/database';

/** What route handlers share: the database (null when no data was built) and the catalog, derived once. */
export interface ServerContext {
  dataDir: string;
  db: Database | null;
  /** Catalog from the registry and the data; computed on first use. */
  catalog(): Promise<Catalog>;
  /**
   * Public base URL of the server without a trailing slash (`publicBaseUrl` option, `TWIN_PUBLIC_URL`, else the
   * listening address): links in responses are built from it, never from the request's `Host` header.
   */
  publicBaseUrl: string;
  /** Time limit of one query in milliseconds (→ 504). */
  queryTimeoutMs: number;
}
