import { describe, expect, it } from 'vitest';
import { type CpuProfile, functionTimes, longestRuns } from './cpu-profile';

const frame = (functionName: string, url = 'http://x/assets/main.js') => ({
  functionName,
  url,
  lineNumber: 0,
});

describe('functionTimes', () => {
  // root → a → b → a (recursion), root → c; samples: b, a (inner), c, c, a (outer); deltas in µs
  const p: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 5] },
      { id: 2, callFrame: frame('a'), children: [3] },
      { id: 3, callFrame: frame('b'), children: [4] },
      { id: 4, callFrame: frame('a') },
      { id: 5, callFrame: frame('c', 'http://x/assets/widgets.js') },
    ],
    startTime: 0,
    samples: [3, 4, 5, 5, 2],
    // the first delta is from startTime to the first sample; sample i lasts timeDeltas[i + 1]
    timeDeltas: [100, 2000, 3000, 4000, 3000, 1000],
  };

  it('splits time into self and inclusive per function, counting recursion once per sample', () => {
    const t = Object.fromEntries(functionTimes(p).map((f) => [`${f.name}@${f.file}`, f]));
    // b: 2 ms own + 3 ms in the inner a it calls; a: 3 ms inner + 1 ms outer own, inclusive 2 + 3 + 1 = 6 ms
    // (the inner a's sample counted once, not twice)
    expect(t['b@main.js']).toMatchObject({ selfMs: 2, totalMs: 5 });
    expect(t['a@main.js']).toMatchObject({ selfMs: 4, totalMs: 6 });
    expect(t['c@widgets.js']).toMatchObject({ selfMs: 7, totalMs: 7 });
    expect(t['(root)@(native)']).toMatchObject({ selfMs: 0, totalMs: 13 });
  });

  it('sorts by inclusive time, largest first', () => {
    expect(functionTimes(p).map((f) => f.name)).toEqual(['(root)', 'c', 'a', 'b']);
  });

  it('finds the longest uninterrupted stretch with a function on the stack', () => {
    // samples: b (under a), the inner a (under b), c, c, the outer a: a and b are on the stack for 2 + 3 ms,
    // then c runs 4 + 3 ms, then a again for 1 ms (a separate run)
    expect(longestRuns(p, ['a', 'c', 'b', 'zzz'])).toEqual({ a: 5, c: 7, b: 5, zzz: 0 });
  });
});
