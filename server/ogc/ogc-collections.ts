import type { LayerCatalogEntry, LayerDefinition } from '../../layers';
import { LAYERS } from '../../layers';

/** Suffix of the collections that expose a layer's readings table. */
export const READINGS_SUFFIX = '.readings';

/** A collection of the OGC API: a layer's features, or its readings. */
export interface OgcCollectionRef {
  id: string;
  layer: LayerDefinition;
  readings: boolean;
}

/** Lists every collection: one per layer, plus `{id}.readings` for layers with readings. */
export function listOgcCollections(): OgcCollectionRef[] {
  return LAYERS.flatMap((layer) => [
    { id: layer.id, layer, readings: false },
    ...(layer.temporal ? [{ id: `${layer.id}${READINGS_SUFFIX}`, layer, readings: true }] : []),
  ]);
}

/** Finds a collection by id. */
export function findOgcCollection(id: string): OgcCollectionRef | undefined {
  return listOgcCollections().find((c) => c.id === id);
}

/** The OGC collection document (id, title, extent, links) from the catalog entry of its layer. */
export function describeOgcCollection(
  ref: OgcCollectionRef,
  entry: LayerCatalogEntry | undefined,
  base: string,
) {
  const { layer } = ref;
  const title = ref.readings ? `${layer.title.en} — readings` : layer.title.en;
  const itemsHref = `${base}/collections/${encodeURIComponent(ref.id)}/items`;
  return {
    id: ref.id,
    title,
    description: `${ref.readings ? `${layer.title['zh-CN']}（读数）` : layer.title['zh-CN']} · ${layer.description.en}${
      layer.provenance.synthetic ? ' (synthetic data)' : ''
    }`,
    itemType: 'feature',
    crs: ['http://www.opengis.net/def/crs/OGC/1.3/CRS84'],
    extent: {
      spatial: {
        bbox: [entry?.extent ?? [-180, -90, 180, 90]],
        crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
      },
      ...(ref.readings && entry?.timeRange
        ? {
            temporal: {
              interval: [entry.timeRange],
              trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian',
            },
          }
        : {}),
    },
    links: [
      {
        href: `${base}/collections/${encodeURIComponent(ref.id)}`,
        rel: 'self',
        type: 'application/json',
        title,
      },
      { href: itemsHref, rel: 'items', type: 'application/geo+json', title: `${title} (GeoJSON)` },
    ],
  };
}
