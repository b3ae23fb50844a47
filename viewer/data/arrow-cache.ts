import { type ArrowPage, fetchArrowPage } from './api';

/**
 * A small LRU of Arrow responses by URL, so a camera that pans back or a clock that returns to a step reuses
 * what it already fetched. Requests in flight are shared: two callers of one URL make one request; a caller
 * that aborts only drops its own interest (the request is cancelled when nobody waits for it any more).
 */
const MAX_ENTRIES = 48;
const done = new Map<string, ArrowPage>();
const inflight = new Map<string, { promise: Promise<ArrowPage>; ac: AbortController; waiters: number }>();

/** Fetches `url` as Arrow through the cache (see the module comment). */
export function cachedArrowPage(url: string, signal?: AbortSignal): Promise<ArrowPage> {
  const hit = done.get(url);
  if (hit) {
    done.delete(url);
    done.set(url, hit);
    return Promise.resolve(hit);
  }
  let f = inflight.get(url);
  if (!f) {
    const ac = new AbortController();
    const promise = fetchArrowPage(url, ac.signal).then((page) => {
      done.set(url, page);
      while (done.size > MAX_ENTRIES) done.delete(done.keys().next().value as string);
      return page;
    });
    f = { promise, ac, waiters: 0 };
    const mine = f;
    promise.catch(() => {}).finally(() => inflight.get(url) === mine && inflight.delete(url));
    inflight.set(url, f);
  }
  const entry = f;
  entry.waiters++;
  return new Promise<ArrowPage>((resolve, reject) => {
    const onAbort = () => {
      entry.waiters--;
      if (entry.waiters === 0) {
        // Nobody waits any more: cancel, and forget it at once so a caller that comes back (a remount)
        // starts a fresh request instead of joining the aborted one.
        entry.ac.abort();
        if (inflight.get(url) === entry) inflight.delete(url);
      }
      reject(new DOMException('aborted', 'AbortError'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    entry.promise.then(
      (p) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(p);
      },
      (e) => {
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
