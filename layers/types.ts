/**
 * The layer contract's vocabulary: column types, geometry kinds, styles, legends and alerts.
 * Everything here is plain data so that server (query, validation, OGC metadata) and viewer (rendering,
 * legend, tooltips) derive from one definition. No project, UI, map, database or HTTP imports here.
 */

/** The two interface languages: Chinese first, English second. */
export type Lang = 'zh-CN' | 'en';

/** A bilingual string. */
export type Text = { 'zh-CN': string; en: string };

/**
 * Column types of the contract. Each maps to one DuckDB type and one Arrow type (see `column-types.ts`).
 * `timestamp` is UTC with microsecond precision. Geometry of lines is a flat `[lon, lat, lon, lat, …]` list
 * (`list<float64>`); geometry of polygons is a list of such rings (`list<list<float64>>`) following RFC 7946
 * winding: exterior rings counter-clockwise, holes clockwise, each hole following its exterior.
 */
export type ColumnType =
  | 'utf8'
  | 'bool'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  | 'timestamp'
  | 'list<float64>'
  | 'list<list<float64>>';

/** One column of a table: its type, bilingual label, unit and whether it may be null. */
export interface ColumnSpec {
  type: ColumnType;
  label: Text;
  /** Unit shown in tooltips and legends, e.g. `m³/s`, `cm`, `mm/h`. */
  unit?: string;
  nullable?: boolean;
  /** For categorical utf8 columns: the allowed values, with labels. Used for filters, legends and validation. */
  values?: Record<string, Text>;
}

/** An ordered map of column name to spec: the Arrow/DuckDB schema of a table, in column order. */
export type ColumnMap = Record<string, ColumnSpec>;

/**
 * How a layer's geometry is stored.
 * - `point`: `lon`, `lat` float64 columns.
 * - `line`: `path` list<float64> plus `xmin, ymin, xmax, ymax` (and `lon`, `lat` = a representative point).
 * - `polygon`: `rings` list<list<float64>> plus bbox columns (and `lon`, `lat` = a representative point).
 * - `cell`: a regular grid cell identified by `cell_id`, with centre `lon`, `lat` and `cell_size_m`.
 */
export type GeometryKind = 'point' | 'line' | 'polygon' | 'cell';

/** The groups shown in the layer catalog, in display order. */
export type LayerGroup = 'base' | 'drainage' | 'crowd' | 'construction' | 'emergency' | 'incidents';

/** A table of readings that change over time, keyed by feature and timestamp. */
export interface TemporalSpec {
  /** DuckDB table / Parquet dataset name. */
  table: string;
  /** Timestamp column (UTC, µs). */
  time: string;
  /** Column joining a reading to its feature (the feature table's id column). */
  key: string;
  /** Nominal interval between readings of one feature, in seconds (e.g. 10 for trucks, 300 for pumps). */
  cadenceSeconds: number;
  /**
   * True when every reading sits at its feature's fixed position (stations, gauges, cells, pipes), so a reading's
   * district is its feature's `district_code`; false or absent for moving things (trucks, teams).
   */
  fixedPosition?: boolean;
  /**
   * Latest-state snapshots for instants of moving things at city scale: every `everySeconds` (aligned to the
   * epoch) a row per key with its latest reading in `(s − lookbackSeconds, s]`, stored in `table` (columns:
   * `snapshot_ts` then the readings columns, ordered by snapshot time and `hkey`). The readings themselves are then
   * ordered by `everySeconds` time slot first, then `hkey`, so an instant `at=T` reads one snapshot and one slot.
   */
  snapshots?: { table: string; everySeconds: number; lookbackSeconds: number };
  /**
   * Columns of the readings table, in order. Every readings table carries `ts`, the key, `lon`, `lat`
   * (the feature's position at that time; for lines and polygons, their representative point) and `hkey`.
   */
  columns: ColumnMap;
  /** Reading columns that may be aggregated in time buckets, with the default aggregate. */
  measures: Record<string, 'avg' | 'max' | 'min' | 'sum' | 'last'>;
}

/** An RGBA colour, 0–255 each. */
export type Rgba = [number, number, number, number];

/** Colour by a fixed value, by category, or by numeric thresholds (`stops` ascending; first stop applies below). */
export type ColorRule =
  | { kind: 'constant'; color: Rgba }
  | { kind: 'category'; by: string; colors: Record<string, Rgba>; fallback: Rgba }
  | { kind: 'threshold'; by: string; stops: { value: number; color: Rgba }[] };

/** The fixed vocabulary of render kinds; the viewer maps each to one deck.gl (or Cesium) class in one place. */
export type RenderKind =
  | 'tiles3d'
  | 'scatterplot'
  | 'path'
  | 'column'
  | 'polygon'
  | 'heatmap'
  | 'hexagon'
  | 'grid'
  | 'trips'
  | 'icon';

/** Glyphs of the viewer's icon atlas (drawn on a badge in the layer's colour) for `icon` layers. */
export type IconGlyph = 'shelter' | 'team' | 'pump' | 'site';

/** Default style of a layer: plain data that scenarios and users can override (default < scenario < user). */
export interface StyleSpec {
  kind: RenderKind;
  color: ColorRule;
  /** Radius of points / columns in metres. */
  radiusMeters?: number;
  /** Minimum radius in pixels so small features stay visible on a 4K wall. */
  radiusMinPixels?: number;
  /** Width of paths in metres. */
  widthMeters?: number;
  widthMinPixels?: number;
  /** Column whose value scales extrusion height (columns) or weight (aggregations). */
  sizeBy?: string;
  /** Metres of extrusion per unit of `sizeBy`. */
  elevationScale?: number;
  /** Aggregation cell size in metres (hexagon/grid/heatmap). */
  cellSizeMeters?: number;
  /** Trail length in seconds for `trips`. */
  trailSeconds?: number;
  /** Glyph drawn on each point's badge (`icon` only; default `shelter`). */
  icon?: IconGlyph;
  opacity: number;
  /** Whether the layer is on when the viewer opens. */
  visible: boolean;
}

/** One legend row: a swatch colour and its bilingual label. */
export interface LegendEntry {
  color: Rgba;
  label: Text;
}

/** A layer's legend: a title (usually the coloured field and its unit) and rows. */
export interface Legend {
  title: Text;
  entries: LegendEntry[];
}

/** An alert rule: when a reading column crosses a value, the feature is flagged at that level. */
export interface AlertRule {
  column: string;
  op: '>=' | '>' | '<=' | '<' | '==';
  value: number | string | boolean;
  level: 'notice' | 'warning' | 'critical';
  label: Text;
}

/** Where a layer's data comes from, for credits and for the `synthetic` label. */
export interface Provenance {
  /** True for generated data: always shown to the user as synthetic. */
  synthetic: boolean;
  source: Text;
  licence?: string;
}

/** The full definition of one layer. */
export interface LayerDefinition {
  id: string;
  title: Text;
  description: Text;
  group: LayerGroup;
  geometry: GeometryKind;
  /** DuckDB table / Parquet dataset holding the features. */
  table: string;
  /** Where rows live: the telemetry database (default) or the event store (`/api/events`, not in `LAYERS`). */
  source?: 'telemetry' | 'events';
  /** Feature id column in `table`. */
  idColumn: string;
  /** Column holding the display name of a feature, if any. */
  nameColumn?: string;
  /** Columns of the feature table, in order. */
  columns: ColumnMap;
  temporal?: TemporalSpec;
  /** Columns (of features or readings) a client may filter on. Anything else is rejected. */
  filterable: string[];
  style: StyleSpec;
  /**
   * At city zoom only the features matching `where` are fetched (a network's backbone: trunk mains of thousands
   * of kilometres of pipes), and the layer says so with `label`. Absent: all features at every zoom.
   */
  overview?: { where: { column: string; op: 'ge' | 'gt' | 'eq'; value: string }; label: Text };
  legend: Legend;
  alerts: AlertRule[];
  provenance: Provenance;
}
