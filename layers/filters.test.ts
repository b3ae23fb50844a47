import { describe, expect, it } from 'vitest';
import {
  COMPARISON_OPS,
  type ComparisonOp,
  FILTER_OP_SYMBOLS,
  FILTER_OPS,
  FILTER_PATTERN,
  isFilterOp,
  STYLE_COMPARISON,
} from './filters';

/** Each comparison's truth table for a = 1, 2, 3 against b = 2, written out by hand. */
const TRUTH: Record<ComparisonOp, boolean[]> = {
  eq: [false, true, false],
  ne: [true, false, true],
  lt: [true, false, false],
  le: [true, true, false],
  gt: [false, false, true],
  ge: [false, true, true],
};

/** What each on-screen sign means, by hand. */
const SIGN: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '≠': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '≤': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '≥': (a, b) => a >= b,
};

describe('filter vocabulary', () => {
  it('lists the comparisons (every op but in) in API order', () => {
    expect(COMPARISON_OPS).toEqual(['eq', 'ne', 'lt', 'le', 'gt', 'ge']);
    expect(FILTER_OPS).toEqual([...COMPARISON_OPS, 'in']);
  });

  it('3D Tiles style operators compare as each op means (evaluated as JavaScript)', () => {
    for (const op of COMPARISON_OPS) {
      const f = new Function('a', 'b', `return a ${STYLE_COMPARISON[op]} b;`) as (
        a: unknown,
        b: unknown,
      ) => boolean;
      expect({ op, got: [1, 2, 3].map((a) => f(a, 2)) }).toEqual({ op, got: TRUTH[op] });
    }
    // strict: a string never equals a number in a style expression
    expect(new Function('a', 'b', `return a ${STYLE_COMPARISON.eq} b;`)('2', 2)).toBe(false);
    expect(new Function('a', 'b', `return a ${STYLE_COMPARISON.ne} b;`)('2', 2)).toBe(true);
  });

  it('on-screen symbols read as each op means, and "in" shows ∈', () => {
    for (const op of COMPARISON_OPS) {
      const sign = SIGN[FILTER_OP_SYMBOLS[op]];
      expect({ op, got: [1, 2, 3].map((a) => sign?.(a, 2)) }).toEqual({ op, got: TRUTH[op] });
    }
    expect(FILTER_OP_SYMBOLS.in).toBe('∈');
  });

  it('recognises exactly the operators', () => {
    expect(FILTER_OPS.every(isFilterOp)).toBe(true);
    expect(['', 'like', 'EQ', 'in '].some(isFilterOp)).toBe(false);
  });

  it('splits col:op:value, keeping colons and newlines in the value', () => {
    expect(FILTER_PATTERN.exec('status:in:a|b')?.slice(1)).toEqual(['status', 'in', 'a|b']);
    expect(FILTER_PATTERN.exec('name:eq:a:b\nc')?.slice(1)).toEqual(['name', 'eq', 'a:b\nc']);
    expect(FILTER_PATTERN.exec('name:eqq:a')).toBeNull();
    expect(FILTER_PATTERN.exec('x name:eq:a')).toBeNull();
  });
});
