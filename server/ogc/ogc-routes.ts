import { type Context, Hono } from 'hono';
import type { ServerContext } from '../context';
import { encodeFeatureCollection } from '../encode/geojson-chunked';
import { columnId, type FeatureIdOf, geoJsonFeatureChunks, joinedId } from '../encode/geojson-writer';
import { ApiError } from '../errors';
import { geometryRuleOf, streamBody } from '../respond';
import {
  describeOgcCollection,
  findOgcCollection,
  listOgcCollections,
  type OgcCollectionRef,
} from './ogc-collections';
import { parseOgcItemsQuery, queryOgcItem, queryOgcItems } from './ogc-items';
import { buildOpenApi, OGC_LIMITS } from './openapi';

/** Conformance classes this API implements (Part 1: core, GeoJSON, OpenAPI 3.0). */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

/** The public URL of a request inside the OGC API, from the configured base URL and never from `Host`. */
function publicUrlOf(ctx: ServerContext, c: Context): URL {
  const u = new URL(c.req.url);
  return new URL(`${ctx.publicBaseUrl}${u.pathname}${u.search}`);
}

function collectionOr404(id: string): OgcCollectionRef {
  const ref = findOgcCollection(id);
  if (!ref) throw new ApiError('not_found', `unknown collection "${id}"`, 'collectionId');
  return ref;
}

function idOf(ref: OgcCollectionRef): FeatureIdOf {
  const t = ref.layer.temporal;
  return ref.readings && t ? joinedId([t.key, t.time], '@') : columnId(ref.layer.idColumn);
}

/** Routes of OGC API Features Part 1 (landing, conformance, OpenAPI, collections, items, item) under `/ogc`. */
export function createOgcRoutes(ctx: ServerContext): Hono {
  const ogc = new Hono();
  const geo = (c: Context, body: unknown) =>
    c.body(JSON.stringify(body), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });

  ogc.get('/', (c) => {
    const base = `${ctx.publicBaseUrl}/ogc`;
    return c.json({
      title: 'City operations twin (一网统管) — OGC API Features',
      description: 'Layers of the Shanghai city-operations twin: features and time-stamped readings.',
      links: [
        { href: base, rel: 'self', type: 'application/json', title: 'This document' },
        {
          href: `${base}/api`,
          rel: 'service-desc',
          type: 'application/vnd.oai.openapi+json;version=3.0',
          title: 'OpenAPI 3.0',
        },
        { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance' },
        { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Collections' },
      ],
    });
  });
  ogc.get('/conformance', (c) => c.json({ conformsTo: CONFORMANCE }));
  ogc.get('/api', (c) =>
    c.body(
      JSON.stringify(
        buildOpenApi(
          `${ctx.publicBaseUrl}/ogc`,
          listOgcCollections().map((r) => r.id),
        ),
      ),
      200,
      {
        'Content-Type': 'application/vnd.oai.openapi+json;version=3.0',
      },
    ),
  );
  ogc.get('/collections', async (c) => {
    const base = `${ctx.publicBaseUrl}/ogc`;
    const cat = await ctx.catalog();
    return c.json({
      links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'Collections' }],
      collections: listOgcCollections().map((ref) =>
        describeOgcCollection(
          ref,
          cat.layers.find((l) => l.id === ref.layer.id),
          base,
        ),
      ),
    });
  });
  ogc.get('/collections/:id', async (c) => {
    const ref = collectionOr404(c.req.param('id'));
    const cat = await ctx.catalog();
    return c.json(
      describeOgcCollection(
        ref,
        cat.layers.find((l) => l.id === ref.layer.id),
        `${ctx.publicBaseUrl}/ogc`,
      ),
    );
  });
  ogc.get('/collections/:id/items', async (c) => {
    const ref = collectionOr404(c.req.param('id'));
    const q = parseOgcItemsQuery(c.req.query(), OGC_LIMITS.default, OGC_LIMITS.max);
    const result = await queryOgcItems(ctx, ref, q);
    const more = result.numRows > q.limit;
    const table = more ? result.slice(0, q.limit) : result;
    const self = publicUrlOf(ctx, c);
    const page = (offset: number) => {
      const u = new URL(self);
      u.searchParams.set('offset', String(offset));
      u.searchParams.set('limit', String(q.limit));
      return u.toString();
    };
    const links = [
      { href: self.toString(), rel: 'self', type: 'application/geo+json', title: 'This page' },
      {
        href: `${ctx.publicBaseUrl}/ogc/collections/${encodeURIComponent(ref.id)}`,
        rel: 'collection',
        type: 'application/json',
      },
    ];
    if (more)
      links.push({
        href: page(q.offset + q.limit),
        rel: 'next',
        type: 'application/geo+json',
        title: 'Next page',
      });
    if (q.offset > 0)
      links.push({
        href: page(Math.max(0, q.offset - q.limit)),
        rel: 'prev',
        type: 'application/geo+json',
        title: 'Previous page',
      });
    // Encoded in chunks under the request's deadline (members first, then the features).
    const parts = await encodeFeatureCollection(
      table,
      ref.readings ? 'point' : geometryRuleOf(ref.layer),
      idOf(ref),
      { timeStamp: new Date().toISOString(), numberReturned: table.numRows, links },
    );
    return c.body(streamBody(parts), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });
  });
  ogc.get('/collections/:id/items/:featureId', async (c) => {
    const ref = collectionOr404(c.req.param('id'));
    const featureId = c.req.param('featureId');
    const table = await queryOgcItem(ctx, ref, featureId);
    if (table.numRows === 0)
      throw new ApiError('not_found', `no item "${featureId}" in ${ref.id}`, 'featureId');
    // written by the same writer as the collection, so an item reads the same as in its page
    const [text] = geoJsonFeatureChunks(
      table.slice(0, 1),
      ref.readings ? 'point' : geometryRuleOf(ref.layer),
      idOf(ref),
    );
    const feature = JSON.parse(Buffer.from(text!).toString('utf8')) as Record<string, unknown>;
    const base = `${ctx.publicBaseUrl}/ogc`;
    return geo(c, {
      ...feature,
      links: [
        { href: publicUrlOf(ctx, c).toString(), rel: 'self', type: 'application/geo+json' },
        {
          href: `${base}/collections/${encodeURIComponent(ref.id)}`,
          rel: 'collection',
          type: 'application/json',
        },
      ],
    });
  });
  return ogc;
}
