import { describe, expect, it } from 'vitest';
import { parsePolygonBody } from './polygon-body';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

const bad = { name: 'ApiError', code: 'bad_parameter', status: 400, parameter: 'polygon' };
const tooLarge = { name: 'ApiError', code: 'too_large', status: 413, parameter: 'polygon' };

// A 0.01° square near the Bund, closed, and the same ring left open.
const CLOSED = [
  [121.48, 31.23],
  [121.49, 31.23],
  [121.49, 31.24],
  [121.48, 31.24],
  [121.48, 31.23],
];
const OPEN = CLOSED.slice(0, 4);
const HOLE = [
  [121.484, 31.234],
  [121.484, 31.236],
  [121.486, 31.236],
  [121.486, 31.234],
  [121.484, 31.234],
];

/** A closed ring of `n` distinct vertices on a circle of `r` degrees around the Bund (n + 1 positions). */
function circle(n: number, r = 0.01): number[][] {
  const pts = Array.from({ length: n }, (_, i) => [
    121.49 + r * Math.cos((2 * Math.PI * i) / n),
    31.24 + r * Math.sin((2 * Math.PI * i) / n),
  ]);
  return [...pts, pts[0]!];
}

/** A closed square ring of `side` degrees with its south-west corner at (121, 31). */
const square = (side: number) => [
  [121, 31],
  [121 + side, 31],
  [121 + side, 31 + side],
  [121, 31 + side],
  [121, 31],
];

describe('parsePolygonBody', () => {
  it('names at most the first three problems of a bad geometry, each at its path', () => {
    // four bad positions: only the first three are listed
    const e = thrown(() =>
      parsePolygonBody({
        type: 'Polygon',
        coordinates: [
          [
            ['a', 1],
            [1, 'b'],
            [null, 2],
            [3, {}],
            [1, 1],
          ],
        ],
      }),
    );
    expect(e).toMatchObject(bad);
    expect((e as Error).message).toBe(
      'polygon must be a GeoJSON Polygon or MultiPolygon: ' +
        'coordinates.0.0.0 Invalid input: expected number, received string; ' +
        'coordinates.0.1.1 Invalid input: expected number, received string; ' +
        'coordinates.0.2.0 Invalid input: expected number, received null',
    );
  });

  it('reads { polygon }, a bare geometry and a Feature alike', () => {
    const geometry = { type: 'Polygon', coordinates: [CLOSED, HOLE] };
    const want = [[CLOSED, HOLE]];
    expect(parsePolygonBody({ polygon: geometry })).toEqual(want);
    expect(parsePolygonBody(geometry)).toEqual(want);
    expect(parsePolygonBody({ type: 'Feature', properties: {}, geometry })).toEqual(want);
  });

  it('reads a MultiPolygon as one entry per polygon', () => {
    const east = CLOSED.map(([x, y]) => [x! + 0.1, y!]);
    expect(parsePolygonBody({ type: 'MultiPolygon', coordinates: [[CLOSED], [east]] })).toEqual([
      [CLOSED],
      [east],
    ]);
  });

  it('closes open rings and drops heights', () => {
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [OPEN] })).toEqual([[CLOSED]]);
    const withZ = CLOSED.map(([x, y]) => [x!, y!, 12.5]);
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [withZ] })).toEqual([[CLOSED]]);
    // a ring open only in latitude is closed too
    const openLat = [...OPEN, [121.48, 31.231]];
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [openLat] })).toEqual([
      [[...openLat, [121.48, 31.23]]],
    ]);
  });

  it.each([
    ['null', null],
    ['a string', 'POLYGON((…))'],
    ['a Point', { type: 'Point', coordinates: [121.48, 31.23] }],
    ['a Feature without a polygon', { type: 'Feature', geometry: { type: 'LineString', coordinates: OPEN } }],
    ['no rings', { type: 'Polygon', coordinates: [] }],
    ['a ring of 3 positions', { type: 'Polygon', coordinates: [CLOSED.slice(0, 3)] }],
    ['a MultiPolygon without polygons', { type: 'MultiPolygon', coordinates: [] }],
    ['a MultiPolygon with an empty polygon', { type: 'MultiPolygon', coordinates: [[]] }],
    [
      'longitude past 180',
      {
        type: 'Polygon',
        coordinates: [
          [
            [180.5, 0],
            [180.5, 1],
            [179, 1],
            [180.5, 0],
          ],
        ],
      },
    ],
    [
      'longitude past -180',
      {
        type: 'Polygon',
        coordinates: [
          [
            [-180.5, 0],
            [-179, 0],
            [-179, 1],
            [-180.5, 0],
          ],
        ],
      },
    ],
    [
      'latitude past 90',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 90.5],
            [1, 89],
            [0, 89],
            [0, 90.5],
          ],
        ],
      },
    ],
    [
      'latitude past -90',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, -90.5],
            [1, -89],
            [0, -89],
            [0, -90.5],
          ],
        ],
      },
    ],
    [
      'a string coordinate',
      {
        type: 'Polygon',
        coordinates: [
          [
            ['121', 31],
            [122, 31],
            [122, 32],
            ['121', 31],
          ],
        ],
      },
    ],
    [
      'no area (all points on a line)',
      {
        type: 'Polygon',
        coordinates: [
          [
            [121, 31],
            [121.5, 31],
            [122, 31],
            [121, 31],
          ],
        ],
      },
    ],
  ])('rejects %s with 400', (_what, body) => {
    expect(thrown(() => parsePolygonBody(body))).toMatchObject(bad);
  });

  it('accepts the WGS84 edges themselves', () => {
    const edge = [
      [179, 89],
      [180, 89],
      [180, 90],
      [179, 89],
    ];
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [edge] })).toEqual([[edge]]);
    const west = [
      [-180, -90],
      [-179, -89],
      [-180, -89],
      [-180, -90],
    ];
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [west] })).toEqual([[west]]);
  });

  it('at most 20 000 vertices, counted after closing the rings', () => {
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [circle(19_999)] })[0]![0]).toHaveLength(20_000);
    expect(thrown(() => parsePolygonBody({ type: 'Polygon', coordinates: [circle(20_000)] }))).toMatchObject(
      tooLarge,
    );
    // 19 999 positions given open: closing makes 20 000 → still fine; the same with a hole of 5 → 413
    const open = circle(19_999).slice(0, -1);
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [open] })[0]![0]).toHaveLength(20_000);
    const hole = circle(4, 0.001);
    expect(thrown(() => parsePolygonBody({ type: 'Polygon', coordinates: [open, hole] }))).toMatchObject(
      tooLarge,
    );
  });

  it('at most 10 000 km²: 0.95° squares at 31° N pass (≈ 9 570 km²), 1° squares (≈ 10 600 km²) do not', () => {
    // 1° of latitude ≈ 111.2 km; of longitude at 31° N ≈ 111.2 × cos 31° ≈ 95.3 km.
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [square(0.95)] })).toEqual([[square(0.95)]]);
    expect(thrown(() => parsePolygonBody({ type: 'Polygon', coordinates: [square(1)] }))).toMatchObject(
      tooLarge,
    );
    // two 0.95° squares are 19 000 km² together
    const east = square(0.95).map(([x, y]) => [x! + 2, y!]);
    expect(
      thrown(() => parsePolygonBody({ type: 'MultiPolygon', coordinates: [[square(0.95)], [east]] })),
    ).toMatchObject(tooLarge);
  });

  it('closes a ring open only in longitude, and keeps holes inside MultiPolygons', () => {
    const openLon = [...OPEN.slice(0, 3), [121.481, 31.23]];
    expect(parsePolygonBody({ type: 'Polygon', coordinates: [openLon] })).toEqual([
      [[...openLon, [121.48, 31.23]]],
    ]);
    expect(parsePolygonBody({ type: 'MultiPolygon', coordinates: [[CLOSED, HOLE]] })).toEqual([
      [CLOSED, HOLE],
    ]);
  });

  it('says what is wrong in the message', () => {
    const msg = (body: unknown) => (thrown(() => parsePolygonBody(body)) as Error).message;
    expect(msg({ type: 'Polygon', coordinates: [CLOSED.slice(0, 3)] })).toBe(
      'polygon must be a GeoJSON Polygon or MultiPolygon: coordinates.0 a ring needs at least 4 positions',
    );
    expect(
      msg({
        type: 'Polygon',
        coordinates: [
          [
            [121, 31],
            [121.5, 31],
            [122, 31],
            [121, 31],
          ],
        ],
      }),
    ).toBe('polygon has no area');
    expect(msg({ type: 'Polygon', coordinates: [circle(20_000)] })).toBe(
      'polygon has 20001 vertices; at most 20000',
    );
    expect(msg({ type: 'Polygon', coordinates: [square(1)] })).toMatch(
      /^polygon covers 10[56]\d\d km²; at most 10000$/,
    );
  });
});
