import { DISTRICT_CODE } from '../../layers/geometry-columns';
import type { LayerDefinition } from '../../layers/types';
import type { DistrictRow } from '../import/districts';
import { createDistrictCodeLookup } from '../import/districts';

/** How the build assigned `district_code`, recorded in the manifest (the server trusts the column only then). */
export interface DistrictCodesNote {
  column: typeof DISTRICT_CODE;
  rule: 'even-odd over all rings, boundary inside';
  /** Tables with the column. */
  tables: string[];
  /** Features claimed by more than one district (on a shared boundary); 0 for an exact `district=` by code. */
  ambiguous: number;
}

/**
 * Returns a row mapper that fills `district_code` from each row's `lon`/`lat` for layers whose feature columns
 * include it (fixed features: stations, gauges, pipes, cells, sites …), and the manifest note once done.
 */
export function createDistrictCoder(districts: DistrictRow[]): {
  rows: (layer: LayerDefinition, rows: Iterable<object>) => Iterable<object>;
  note: () => DistrictCodesNote;
} {
  const lookup = createDistrictCodeLookup(districts);
  const tables: string[] = [];
  return {
    rows(layer, rows) {
      if (!(DISTRICT_CODE in layer.columns)) return rows;
      tables.push(layer.table);
      return (function* () {
        for (const r of rows) {
          const { lon, lat } = r as { lon: number; lat: number };
          yield { ...r, [DISTRICT_CODE]: lookup.codeOf(lon, lat) };
        }
      })();
    },
    note: () => ({
      column: DISTRICT_CODE,
      rule: 'even-odd over all rings, boundary inside',
      tables,
      ambiguous: lookup.ambiguous(),
    }),
  };
}
