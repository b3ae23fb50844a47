import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's PostgreSQL 15 binaries (package `postgresql`). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** True when `initdb` and `pg_ctl` are installed. */
export function hasPostgres(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

/** A throw-away PostgreSQL cluster: its URL and how to remove it. */
export interface TempPostgres {
  url: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function asPostgres(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  execFileSync(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, {
    stdio: 'pipe',
  });
}

/**
 * Creates and starts a cluster in a temporary directory on a free loopback port (as user `postgres` when run by
 * root), with PostgreSQL's default durability settings. Throws a clear message when the binaries are missing.
 */
export async function startTempPostgres(): Promise<TempPostgres> {
  if (!hasPostgres())
    throw new Error(`PostgreSQL binaries missing under ${PG_BIN}: install Debian's "postgresql" package`);
  const dir = mkdtempSync(join(tmpdir(), 'twin-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  asPostgres(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-locale',
  ]);
  const port = await freePort();
  asPostgres(join(PG_BIN, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`,
    '-l',
    join(dir, 'server.log'),
    '-w',
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
