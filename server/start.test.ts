import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './start';
import { buildFixture, type Fixture } from './test-support/fixture-db';

let fx: Fixture;
beforeAll(async () => {
  fx = await buildFixture();
});
afterAll(() => fx.remove());

describe('startServer', () => {
  it('listens on 127.0.0.1, answers over real HTTP, and closes', async () => {
    const server = await startServer({ port: 0, dataDir: fx.dir, log: false, cesiumDir: null });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const arrow = await fetch(`${server.url}/api/layers/pump-stations/features?limit=5`);
    expect(arrow.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(arrow.headers.get('x-truncated')).toBe('true');
    await server.close();
    const refused = await fetch(`${server.url}/health`).then(
      () => null,
      (e: Error & { cause?: { code?: string } }) => e.cause?.code,
    );
    // refused on a new connection, or the kept-alive socket closed by the server: either way no server answers
    expect(['ECONNREFUSED', 'UND_ERR_SOCKET']).toContain(refused);
  });

  it('rejects a port in use', async () => {
    const a = await startServer({ port: 0, dataDir: fx.dir, log: false, cesiumDir: null });
    await expect(
      startServer({ port: a.port, dataDir: fx.dir, log: false, cesiumDir: null }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await a.close();
  });
});
