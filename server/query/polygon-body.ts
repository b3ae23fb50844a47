import { area as turfArea } from '@turf/turf';
import { z } from 'zod';
import { ApiError, badParameter } from '../errors';
import { LIMITS } from './request-params';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4, 'a ring needs at least 4 positions');
const polygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring).min(1)).min(1),
});
const geometrySchema = z.discriminatedUnion('type', [polygonSchema, multiSchema]);

/**
 * Reads the polygon of a POST body (`{ "polygon": Polygon|MultiPolygon }`, a bare geometry, or a Feature) into a
 * list of polygons of rings of `[lon, lat]`; too many vertices or too large an area → 413, malformed → 400.
 */
export function parsePolygonBody(body: unknown): number[][][][] {
  const candidate =
    body && typeof body === 'object'
      ? 'polygon' in body
        ? (body as { polygon: unknown }).polygon
        : (body as { type?: unknown }).type === 'Feature'
          ? (body as { geometry: unknown }).geometry
          : body
      : body;
  const r = geometrySchema.safeParse(candidate);
  if (!r.success)
    throw badParameter(
      'polygon',
      `polygon must be a GeoJSON Polygon or MultiPolygon: ${r.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')} ${i.message}`)
        .join('; ')}`,
    );
  const polygons = (r.data.type === 'Polygon' ? [r.data.coordinates] : r.data.coordinates).map((rings) =>
    rings.map((rg) => {
      const pts = rg.map((p) => [p[0], p[1]]);
      const first = pts[0]!;
      const last = pts[pts.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) pts.push([first[0]!, first[1]!]);
      return pts;
    }),
  );
  const vertices = polygons.reduce((n, p) => n + p.reduce((m, rg) => m + rg.length, 0), 0);
  if (vertices > LIMITS.maxPolygonVertices)
    throw new ApiError(
      'too_large',
      `polygon has ${vertices} vertices; at most ${LIMITS.maxPolygonVertices}`,
      'polygon',
    );
  const km2 =
    turfArea({
      type: 'MultiPolygon',
      coordinates: polygons.map((p) => p.map((rg) => rg.map(([x, y]) => [x!, y!]))),
    }) / 1e6;
  if (!(km2 > 0)) throw badParameter('polygon', 'polygon has no area');
  if (km2 > LIMITS.maxPolygonAreaKm2)
    throw new ApiError(
      'too_large',
      `polygon covers ${km2.toFixed(0)} km²; at most ${LIMITS.maxPolygonAreaKm2}`,
      'polygon',
    );
  return polygons;
}
