/** Paging limits of the OGC items endpoint (advertised in the OpenAPI document; GDAL reads them). */
export const OGC_LIMITS = { default: 100, max: 10_000 } as const;

/** Builds the OpenAPI 3.0 description of the OGC API Features endpoints under `base`. */
export function buildOpenApi(base: string, collectionIds: string[]) {
  const json = (description: string) => ({
    description,
    content: { 'application/json': { schema: { type: 'object' } } },
  });
  const geojson = (description: string) => ({
    description,
    content: { 'application/geo+json': { schema: { type: 'object' } } },
  });
  const error = { description: 'Error', content: { 'application/json': { schema: { type: 'object' } } } };
  return {
    openapi: '3.0.3',
    info: {
      title: 'City operations twin — OGC API Features',
      version: '1.0.0',
      description: 'Features and readings of the twin layers (一网统管). Part 1 Core, GeoJSON, CRS84.',
    },
    servers: [{ url: base }],
    paths: {
      '/': {
        get: {
          operationId: 'getLandingPage',
          summary: 'Landing page',
          responses: { 200: json('Landing page') },
        },
      },
      '/conformance': {
        get: {
          operationId: 'getConformance',
          summary: 'Conformance classes',
          responses: { 200: json('Conformance') },
        },
      },
      '/api': {
        get: { operationId: 'getApi', summary: 'This document', responses: { 200: json('OpenAPI 3.0') } },
      },
      '/collections': {
        get: {
          operationId: 'getCollections',
          summary: 'Collections',
          responses: { 200: json('Collections') },
        },
      },
      '/collections/{collectionId}': {
        get: {
          operationId: 'describeCollection',
          parameters: [{ $ref: '#/components/parameters/collectionId' }],
          responses: { 200: json('Collection'), 404: error },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          parameters: [
            { $ref: '#/components/parameters/collectionId' },
            { $ref: '#/components/parameters/limit' },
            { $ref: '#/components/parameters/offset' },
            { $ref: '#/components/parameters/bbox' },
            { $ref: '#/components/parameters/datetime' },
          ],
          responses: { 200: geojson('Features'), 400: error, 404: error },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          parameters: [
            { $ref: '#/components/parameters/collectionId' },
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: geojson('Feature'), 404: error },
        },
      },
    },
    components: {
      parameters: {
        collectionId: {
          name: 'collectionId',
          in: 'path',
          required: true,
          schema: { type: 'string', enum: collectionIds },
        },
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: { type: 'integer', minimum: 1, maximum: OGC_LIMITS.max, default: OGC_LIMITS.default },
        },
        offset: {
          name: 'offset',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 0, default: 0 },
        },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
        },
        datetime: {
          name: 'datetime',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: { type: 'string' },
        },
      },
    },
  };
}
