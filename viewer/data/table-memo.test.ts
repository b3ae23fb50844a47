import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { memoByTable } from './table-memo';

describe('memoByTable', () => {
  it('computes once per table, key and dependency', () => {
    const a = tableFromArrays({ x: Float64Array.from([1, 2]) });
    const b = tableFromArrays({ x: Float64Array.from([1, 2]) });
    const dep1 = {};
    const dep2 = {};
    let calls = 0;
    const f = () => ++calls;
    expect(memoByTable(a, 'k', dep1, f)).toBe(1);
    expect(memoByTable(a, 'k', dep1, f)).toBe(1);
    expect(memoByTable(a, 'other', dep1, f)).toBe(2);
    expect(memoByTable(b, 'k', dep1, f)).toBe(3); // an equal but different table is not the same
    expect(memoByTable(a, 'k', dep2, f)).toBe(4); // another frame recomputes…
    expect(memoByTable(a, 'k', dep2, f)).toBe(4);
    expect(memoByTable(a, 'k', dep1, f)).toBe(5); // …and replaces the entry
  });
});
