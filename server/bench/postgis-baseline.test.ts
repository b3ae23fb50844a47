import { describe, expect, it } from 'vitest';
import {
  ensurePostgisInstalled,
  openPostgisSession,
  POSTGIS_PACKAGE,
  type PostgisProbe,
} from './postgis-baseline';

/** A machine that has PostGIS from the start, gets it when installed, or cannot install it. */
function machine(installed: boolean, canInstall: boolean, installWorks = true) {
  const calls: string[] = [];
  const probe: PostgisProbe = {
    installed: () => installed,
    canInstall: () => canInstall,
    install: () => {
      calls.push('install');
      installed = installWorks;
    },
  };
  return { probe, calls };
}

describe('the bench’s PostGIS baseline is started or the bench fails with a message', () => {
  it('does nothing when PostGIS is installed', () => {
    const m = machine(true, false);
    ensurePostgisInstalled(m.probe);
    expect(m.calls).toEqual([]);
  });

  it('installs the Debian package when it may', () => {
    const m = machine(false, true);
    const log: string[] = [];
    ensurePostgisInstalled(m.probe, (x) => log.push(x));
    expect(m.calls).toEqual(['install']);
    expect(log.join('\n')).toContain(POSTGIS_PACKAGE);
  });

  it('fails, naming the package and the way out, when it may not install', () => {
    const m = machine(false, false);
    expect(() => ensurePostgisInstalled(m.probe)).toThrow(
      `PostgreSQL 15 / PostGIS 3 (the bench's baseline) is not installed; install it with: sudo apt-get install -y postgresql-15-postgis-3 (or set BENCH_POSTGIS=0 to run without the PostGIS baseline)`,
    );
    expect(m.calls).toEqual([]);
  });

  it('fails when the install did not give a working PostGIS', () => {
    const m = machine(false, true, false);
    expect(() => ensurePostgisInstalled(m.probe)).toThrow(
      /postgresql-15-postgis-3 was installed but initdb or postgis.control is still missing/,
    );
  });
});

/**
 * A stand-in psql (the session's edge, which the tests do not own): answers `\timing on` as psql does, each
 * statement `SELECT <n>;` with `Time: <n> ms` after a result line, and `SELECT fail;` with an error and exit 3.
 */
const FAKE_PSQL = `
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (t) => {
  buf += t;
  let nl;
  while ((nl = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, nl).trim();
    buf = buf.slice(nl + 1);
    if (line === '\\\\timing on') process.stdout.write('Timing is on.\\n');
    else if (line === 'SELECT fail;') { process.stderr.write('ERROR:  boom\\n'); process.exit(3); }
    else if (line.endsWith(';')) process.stdout.write('row\\nTime: ' + line.slice(7, -1) + ' ms\\n');
  }
});
`;

describe('the interleaved psql session', () => {
  it('answers each statement with its own time, in order, also when several wait at once', async () => {
    const s = openPostgisSession([process.execPath, ['-e', FAKE_PSQL]]);
    expect(await s.time('SELECT 12.5')).toBe(12.5);
    expect(await Promise.all([s.time('SELECT 1.25;'), s.time('SELECT 300'), s.time('SELECT 0.5')])).toEqual([
      1.25, 300, 0.5,
    ]);
    await s.close();
    await expect(s.time('SELECT 1')).rejects.toThrow(/session ended/);
  });

  it('rejects the waiting statement with psql’s error when a statement fails, and every later one', async () => {
    const s = openPostgisSession([process.execPath, ['-e', FAKE_PSQL]]);
    await expect(s.time('SELECT fail')).rejects.toThrow(/exit 3.*boom/);
    await expect(s.time('SELECT 2')).rejects.toThrow(/exit 3/);
    await s.close();
  });
});
