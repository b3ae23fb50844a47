import type { Hono, MiddlewareHandler } from 'hono';
import { TrieRouter } from 'hono/router/trie-router';
import { secureHeaders } from 'hono/secure-headers';
import { isSpaPath } from './static/static-routes';

/**
 * The viewer's Content-Security-Policy: scripts only from our own origin — no inline scripts, no other origins.
 * Those scripts may compile WebAssembly (Cesium's decoders) and evaluate strings: Cesium's widgets bind their
 * templates through Knockout, which builds its binding functions with `new Function` (without 'unsafe-eval' the
 * globe never starts). Workers from our origin or blobs; data, images and tiles from anywhere over http(s), since a
 * user may add any 3D Tiles URL; no plugins, no framing by other sites.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'", 'https:', 'http:', 'data:', 'blob:'],
  imgSrc: ["'self'", 'https:', 'http:', 'data:', 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

/**
 * Security headers on every response: nosniff, the CSP above, `Referrer-Policy: no-referrer`, frame protection
 * (`X-Frame-Options: SAMEORIGIN` and `frame-ancestors 'self'`). Cross-origin reads of the API stay allowed (CORS).
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    crossOriginResourcePolicy: false,
    strictTransportSecurity: false,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'SAMEORIGIN',
  });
}

/** Path prefixes answered with CORS headers (and so OPTIONS preflights). */
const CORS_PATH = /^\/(api|ogc)(\/|$)/;

/**
 * The methods each path really answers, read from the app's routes on first use (after every route is mounted):
 * GET implies HEAD, CORS paths add OPTIONS; the viewer's catch-all GET counts only for paths it serves.
 */
export function createMethodTable(app: Hono): (path: string) => string[] {
  let router: TrieRouter<string> | null = null;
  let catchAll = false;
  const build = () => {
    const r = new TrieRouter<string>();
    for (const route of app.routes) {
      if (route.method === 'ALL') continue;
      if (route.path === '*' || route.path === '/*') {
        catchAll = catchAll || route.method === 'GET';
        continue;
      }
      r.add('ALL', route.path, route.method);
    }
    return r;
  };
  return (path) => {
    router ??= build();
    const methods = new Set(router.match('GET', path)[0].map(([m]) => m));
    if (catchAll && isSpaPath(path)) methods.add('GET');
    if (methods.has('GET')) methods.add('HEAD');
    if (methods.size > 0 && CORS_PATH.test(path)) methods.add('OPTIONS');
    const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  };
}

/**
 * CORS for any origin that advertises only the methods the path answers and only the request headers listed
 * (never an echo of `Access-Control-Request-Headers`). The headers are added to the finished response, as Hono's
 * `cors` would send them, but without touching `c.res` before the handler: that made Hono rebuild every response
 * as a full web `Response` with a streamed body instead of writing the handler's bytes in one go.
 */
export function corsOnly(
  methodsOf: (path: string) => string[],
  allowHeaders: string[],
  exposeHeaders: string[] = [],
): MiddlewareHandler {
  const allow = allowHeaders.join(',');
  const expose = exposeHeaders.join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({ 'Access-Control-Allow-Origin': '*' });
      if (expose) headers.set('Access-Control-Expose-Headers', expose);
      const methods = methodsOf(c.req.path).join(',');
      if (methods) headers.set('Access-Control-Allow-Methods', methods);
      if (allow) {
        headers.set('Access-Control-Allow-Headers', allow);
        headers.append('Vary', 'Access-Control-Request-Headers');
      }
      return new Response(null, { headers, status: 204, statusText: 'No Content' });
    }
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
    if (expose) c.res.headers.set('Access-Control-Expose-Headers', expose);
  };
}
