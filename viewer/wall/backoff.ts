/** Delay before retry number `attempt` (1, 2, …): doubling from `baseMs`, capped at `capMs`. */
export function backoffDelay(attempt: number, baseMs = 500, capMs = 15_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** True when a failed request means the server or network is unreachable (retry), not a bad request. */
export function isConnectionFailure(e: unknown): boolean {
  if (e instanceof DOMException && e.name === 'AbortError') return false;
  const status = (e as { status?: unknown })?.status;
  if (typeof status === 'number') return status >= 500 || status === 408 || status === 429;
  return true;
}
