import { describe, expect, it } from 'vitest';
import { createFetchAhead, type TimeWindow } from './fetch-ahead';

/** A loader whose promises the test settles by hand, recording every call and abort. */
function manualLoader() {
  const calls: {
    w: TimeWindow;
    scope: string;
    signal: AbortSignal;
    resolve(v: string): void;
    reject(e: Error): void;
  }[] = [];
  const load = (w: TimeWindow, scope: string, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ w, scope, signal, resolve, reject });
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  return { calls, load };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createFetchAhead', () => {
  it('loads the window holding t once and returns it when it arrives', async () => {
    const { calls, load } = manualLoader();
    const loaded: number[] = [];
    const fa = createFetchAhead({ windowMs: 600_000, load, onLoad: (w) => loaded.push(w.from) });
    fa.setScope('trucks|bbox');
    expect(fa.at(1_000)).toBeNull();
    expect(fa.at(2_000)).toBeNull();
    expect(calls.map((c) => [c.w.from, c.w.to, c.scope])).toEqual([[0, 600_000, 'trucks|bbox']]);
    calls[0]!.resolve('w0');
    await tick();
    expect(loaded).toEqual([0]);
    expect(fa.at(3_000)).toMatchObject({ from: 0, to: 600_000, data: 'w0' });
    expect(calls).toHaveLength(1);
  });

  it('prefetches the next window once the clock passes prefetchAt, before it is needed', async () => {
    const { calls, load } = manualLoader();
    const fa = createFetchAhead({ windowMs: 1000, load, prefetchAt: 0.5, ahead: 2 });
    fa.setScope('s');
    fa.at(100);
    expect(calls.map((c) => c.w.from)).toEqual([0]);
    fa.at(600);
    expect(calls.map((c) => c.w.from)).toEqual([0, 1000, 2000]);
    for (const c of calls) c.resolve(`w${c.w.from}`);
    await tick();
    expect(fa.at(1100)?.data).toBe('w1000');
    expect(calls).toHaveLength(3);
  });

  it('aborts loads of another scope and keeps windows cached per scope', async () => {
    const { calls, load } = manualLoader();
    const fa = createFetchAhead({ windowMs: 1000, load });
    fa.setScope('a');
    fa.at(0);
    fa.setScope('b');
    expect(calls[0]!.signal.aborted).toBe(true);
    fa.at(0);
    calls[1]!.resolve('b0');
    await tick();
    expect(fa.at(10)?.data).toBe('b0');
    fa.setScope('a');
    expect(fa.at(10)).toBeNull();
    expect(calls[2]!.scope).toBe('a');
    calls[2]!.resolve('a0');
    await tick();
    fa.setScope('b');
    expect(fa.at(10)?.data).toBe('b0');
    expect(fa.cached()).toEqual(['a|0', 'b|0']);
  });

  it('aborts loads the clock left behind after a seek', () => {
    const { calls, load } = manualLoader();
    const fa = createFetchAhead({ windowMs: 1000, load });
    fa.setScope('s');
    fa.at(900);
    expect(calls.map((c) => c.w.from)).toEqual([0, 1000]);
    fa.at(50_000);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(true);
    expect(fa.pending()).toEqual(['s|50000']);
  });

  it('evicts the least recently used window beyond cacheSize', async () => {
    const { calls, load } = manualLoader();
    const fa = createFetchAhead({ windowMs: 10, load, cacheSize: 2, prefetchAt: 2 });
    fa.setScope('s');
    for (const t of [0, 10, 20]) {
      fa.at(t);
      calls[calls.length - 1]!.resolve(String(t));
      await tick();
    }
    expect(fa.cached()).toEqual(['s|10', 's|20']);
  });

  it('reports a failed load and does not retry it on every frame', async () => {
    const { calls, load } = manualLoader();
    const errors: string[] = [];
    const fa = createFetchAhead({ windowMs: 10, load, onError: (e) => errors.push(e.message) });
    fa.setScope('s');
    fa.at(0);
    calls[0]!.reject(new Error('500 boom'));
    await tick();
    fa.at(1);
    fa.at(2);
    expect(errors).toEqual(['500 boom']);
    expect(calls).toHaveLength(1);
  });
});
