/**
 * `npm run bench [-- tiles|server|viewer …]`: runs each part's benchmark in its own process, one after another
 * (they compete for the same two cores otherwise). Each prints its own table with ratios against the baseline it
 * measures in the same run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const all = ['tiles', 'server', 'server/events', 'viewer', 'scenarios', 'wall'] as const;
/** Where each benchmark lives when not at `<name>/bench.ts` (the wall soak sits with the viewer). */
const SCRIPTS: Record<string, string> = { wall: 'viewer/wall-soak.ts' };
const asked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = asked.filter((a) => !(all as readonly string[]).includes(a));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${all.join(', ')}`);
  process.exit(2);
}
const chosen = asked.length > 0 ? asked : [...all];
let failed = 0;
for (const name of chosen) {
  const script = join(root, SCRIPTS[name] ?? join(name, 'bench.ts'));
  if (!existsSync(script)) {
    console.error(`[bench] ${name}: no ${name}/bench.ts, skipped`);
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', cwd: root });
  console.log(
    `[bench] ${name} finished in ${((performance.now() - started) / 1000).toFixed(1)} s (exit ${run.status})`,
  );
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
