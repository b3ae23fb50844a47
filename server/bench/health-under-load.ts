/**
 * `/health` latency while slow queries run, printed by `server/bench.ts`: the slow URLs are requested four at a
 * time (each once per round, three rounds) while `/health` is polled every 10 ms; compared with `/health` alone in
 * the same run.
 */
import { percentile, timeRequest } from './measure-http';

/** Polls `/health` every 10 ms until `stop` resolves; returns the latencies. */
async function pollHealth(base: string, stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.finally(() => {
    done = true;
  });
  const ms: number[] = [];
  while (!done) {
    const t = await timeRequest(`${base}/health`);
    if (t.status !== 200) throw new Error(`/health → ${t.status}`);
    ms.push(t.ms);
    await new Promise((ok) => setTimeout(ok, 10));
  }
  return ms;
}

/** Prints `/health` p50/p99/max alone and while `slow` URLs run four at a time, with the slow requests' times. */
export async function benchHealthUnderLoad(base: string, slow: string[], rounds = 3): Promise<void> {
  if (slow.length === 0) return;
  const quiet = await pollHealth(base, new Promise((ok) => setTimeout(ok, 1000)));
  const slowMs: number[] = [];
  const statuses = new Set<number>();
  const load = (async () => {
    for (let r = 0; r < rounds; r++)
      await Promise.all(
        Array.from({ length: 4 }, async (_, i) => {
          const t = await timeRequest(slow[(r * 4 + i) % slow.length]!);
          slowMs.push(t.ms);
          statuses.add(t.status);
        }),
      );
  })();
  const busy = await pollHealth(base, load);
  await load;
  const f = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
  console.log(
    '\n| /health (polled every 10 ms) | samples | p50 ms | p99 ms | max ms | slow requests: n, p50 / max ms, statuses |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(`| alone | ${quiet.length} | ${f(quiet, 50)} | ${f(quiet, 99)} | ${f(quiet, 100)} | — |`);
  console.log(
    `| while 4 slow queries run at a time (${slow.length} kinds: district grids over 24 h) | ${busy.length} | ${f(busy, 50)} | ${f(busy, 99)} | ${f(busy, 100)} | ${slowMs.length}, ${f(slowMs, 50)} / ${f(slowMs, 100)}, ${[...statuses].join(' ')} |`,
  );
}
