import { describe, expect, it } from 'vitest';
import { createLayerStatusStore } from './layer-status-store';

describe('layer status store', () => {
  it('starts empty and keeps the same snapshot until a status changes', () => {
    const s = createLayerStatusStore();
    const empty = s.snapshot();
    expect(empty.size).toBe(0);
    expect(s.snapshot()).toBe(empty);
    s.set('roads', { state: 'loading' });
    const one = s.snapshot();
    expect(one).not.toBe(empty);
    expect(empty.size).toBe(0); // an old snapshot is not changed in place
    expect([...one]).toEqual([['roads', { state: 'loading' }]]);
    expect(s.snapshot()).toBe(one);
    s.set('roads', { state: 'ready', rows: 12 });
    s.set('pipes', { state: 'error', message: 'HTTP 500' });
    const three = s.snapshot();
    expect(one.get('roads')).toEqual({ state: 'loading' });
    expect([...three]).toEqual([
      ['roads', { state: 'ready', rows: 12 }],
      ['pipes', { state: 'error', message: 'HTTP 500' }],
    ]);
  });

  it('notifies each listener once per change, and no more after it unsubscribes', () => {
    const s = createLayerStatusStore();
    let a = 0;
    let b = 0;
    const offA = s.subscribe(() => a++);
    s.subscribe(() => b++);
    s.set('roads', { state: 'loading' });
    expect([a, b]).toEqual([1, 1]);
    s.set('pipes', { state: 'loading' });
    expect([a, b]).toEqual([2, 2]);
    offA();
    s.set('roads', { state: 'ready', rows: 3 });
    expect([a, b]).toEqual([2, 3]);
    expect(s.snapshot().get('roads')).toEqual({ state: 'ready', rows: 3 });
  });

  it('the same status twice (an equal object) changes nothing; a different field does', () => {
    const s = createLayerStatusStore();
    let calls = 0;
    s.subscribe(() => calls++);
    s.set('roads', { state: 'ready', rows: 3, truncated: true });
    const snap = s.snapshot();
    s.set('roads', { state: 'ready', rows: 3, truncated: true });
    expect(calls).toBe(1);
    expect(s.snapshot()).toBe(snap);
    s.set('roads', { state: 'ready', rows: 3, truncated: false });
    expect(calls).toBe(2);
    expect(s.snapshot()).not.toBe(snap);
    expect(s.snapshot().get('roads')).toEqual({ state: 'ready', rows: 3, truncated: false });
    // the same status under another id is a change
    s.set('pipes', { state: 'ready', rows: 3, truncated: false });
    expect(calls).toBe(3);
    expect(s.snapshot().size).toBe(2);
  });

  it('two stores do not share statuses', () => {
    const a = createLayerStatusStore();
    const b = createLayerStatusStore();
    a.set('roads', { state: 'idle' });
    expect(b.snapshot().size).toBe(0);
  });
});
