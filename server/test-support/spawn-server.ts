import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StartOptions } from '../start';

/** A server running in a child process. */
export interface ChildServer {
  url: string;
  pid: number;
  /** Resident memory of the child in bytes (from /proc). */
  rssBytes(): number;
  stop(): Promise<void>;
}

/** Starts `child-server.ts` under tsx with the given options and resolves once it listens. */
export function spawnServer(opts: Partial<StartOptions>): Promise<ChildServer> {
  const tsx = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
  const child: ChildProcess = spawn(tsx, [join(import.meta.dirname, 'child-server.ts')], {
    env: { ...process.env, TWIN_CHILD_OPTIONS: JSON.stringify(opts), VITEST: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => {
    err += String(d);
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening (\S+)/.exec(out);
      if (m)
        ok({
          url: m[1]!,
          pid: child.pid!,
          rssBytes: () => {
            const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
            return Number(kb) * 1024;
          },
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening: ${err}`)));
  });
}
