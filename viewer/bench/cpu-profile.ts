/** A V8 CPU profile as CDP's `Profiler.stop` returns it (the fields this module reads). */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The profile's nodes by id and each node's parent id (the root has none). */
function profileTree(p: CpuProfile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  return { byId, parent };
}

/** Time spent in one function: in its own code (`selfMs`) and with its callees (`totalMs`). */
export interface FunctionTime {
  name: string;
  /** Bundle file (last path segment) the function lives in, or `(native)`. */
  file: string;
  selfMs: number;
  totalMs: number;
}

/**
 * Self and inclusive time per function (name + file) of a CPU profile, largest inclusive first. A sample's
 * duration is the delta to the next sample; recursion counts a function once per sample. Idle, program and GC
 * nodes keep their V8 names (`(idle)`, `(program)`, `(garbage collector)`).
 */
export function functionTimes(p: CpuProfile): FunctionTime[] {
  const { byId, parent } = profileTree(p);
  const keyOf = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || '(anonymous)'}\t${f.url ? f.url.slice(f.url.lastIndexOf('/') + 1) : '(native)'}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = p.samples[i]!;
    const k = keyOf(leaf);
    self.set(k, (self.get(k) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const key = keyOf(id);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  return [...total.entries()]
    .map(([k, t]) => {
      const [name, file] = k.split('\t') as [string, string];
      return { name, file, selfMs: self.get(k) ?? 0, totalMs: t };
    })
    .sort((a, b) => b.totalMs - a.totalMs);
}

/** Prints the functions with most inclusive and most self time (skipping V8's root/idle/program nodes). */
export function printFunctionTimes(title: string, times: FunctionTime[], top = 15): void {
  const skip = new Set(['(root)', '(idle)', '(program)']);
  const shown = times.filter((t) => !skip.has(t.name));
  const line = (t: FunctionTime) =>
    `  ${t.totalMs.toFixed(0).padStart(7)} ms total ${t.selfMs.toFixed(0).padStart(7)} ms self  ${t.name}  [${t.file}]`;
  console.log(`\n${title}: by inclusive time`);
  console.log(shown.slice(0, top).map(line).join('\n'));
  console.log(`${title}: by self time`);
  console.log(
    [...shown]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map(line)
      .join('\n'),
  );
}

/**
 * The longest uninterrupted stretches (ms) during which a function was on the stack, per function name: consecutive
 * samples whose stack holds it count as one call (a task of ours that long blocks the main thread that long).
 */
export function longestRuns(p: CpuProfile, names: readonly string[]): Record<string, number> {
  const { byId, parent } = profileTree(p);
  const onStack = new Map<number, Set<string>>();
  const stackOf = (leaf: number) => {
    let s = onStack.get(leaf);
    if (!s) {
      s = new Set();
      for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
        const name = byId.get(id)!.callFrame.functionName;
        if (names.includes(name)) s.add(name);
      }
      onStack.set(leaf, s);
    }
    return s;
  };
  const best = Object.fromEntries(names.map((n) => [n, 0])) as Record<string, number>;
  const run = Object.fromEntries(names.map((n) => [n, 0])) as Record<string, number>;
  for (let i = 0; i < p.samples.length; i++) {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const s = stackOf(p.samples[i]!);
    for (const n of names) {
      run[n] = s.has(n) ? run[n]! + ms : 0;
      best[n] = Math.max(best[n]!, run[n]!);
    }
  }
  return best;
}
