import { describe, expect, it } from 'vitest';
import { ensurePostgisInstalled, POSTGIS_PACKAGE, type PostgisProbe } from './postgis-baseline';

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
