import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from '../../app';
import { fixedClock } from '../../events/ops-clock';
import { eventsClient } from '../../events/test-support/events-client';

let twin: TwinApp;
beforeAll(async () => {
  twin = await createApp({
    dataDir: '/nonexistent-twin-dir',
    log: false,
    cesiumDir: null,
    events: { db: ':memory:', clock: fixedClock(Date.parse('2013-09-13T10:00:00+08:00')), sweepMs: 0 },
  });
});
afterAll(async () => twin.close());

/** Reads SSE blocks from a response body until `want` returns a value. */
async function readUntil<T>(res: Response, want: (event: string, data: string) => T | undefined): Promise<T> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buf += dec.decode(value, { stream: true });
    for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const got = want(/^event: (.*)$/m.exec(block)?.[1] ?? '', /^data: (.*)$/m.exec(block)?.[1] ?? '');
      if (got !== undefined) {
        await reader.cancel();
        return got;
      }
    }
  }
}

describe('GET /api/events/stream', () => {
  it('sends new and changed events and alerts to every open stream within a second', async () => {
    const api = eventsClient(twin.app);
    const id = await api.eventIn('reported');
    const open = async () => {
      const res = await twin.app.request('/api/events/stream');
      expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
      return res;
    };
    const [s1, s2] = [await open(), await open()];
    const seen = (res: Response) =>
      readUntil(res, (ev, data) => {
        if (ev !== 'event') return undefined;
        const e = JSON.parse(data) as { id: string; state: string };
        return e.id === id && e.state === 'dispatched' ? performance.now() : undefined;
      });
    const [p1, p2] = [seen(s1), seen(s2)];
    const sent = performance.now();
    const res = await api.act(await api.login('dispatcher'), id, {
      action: 'dispatch',
      team: 'roads:黄浦区',
    });
    expect(res.status).toBe(200);
    const [t1, t2] = await Promise.all([p1, p2]);
    expect(Math.max(t1, t2) - sent).toBeLessThan(1000);

    const s3 = await open();
    const alert = readUntil(s3, (ev, data) =>
      ev === 'alert' ? (JSON.parse(data) as { layer: string }) : undefined,
    );
    await twin.events.service.store.publish({
      type: 'alert',
      alert: { layer: 'waterlogging-points', featureId: 'wl-003' },
    });
    expect(await alert).toEqual({ layer: 'waterlogging-points', featureId: 'wl-003' });
  });
});
