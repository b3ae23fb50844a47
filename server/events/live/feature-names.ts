import { captureRules, findLayer } from '../../../layers';
import type { Database } from '../../db/database';

/** Display names of the features whose alerts open events, keyed `layer|featureId` (for event titles). */
export async function loadFeatureNames(db: Database): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(captureRules().map((r) => r.layer))) {
    const layer = findLayer(id);
    if (!layer?.nameColumn) continue;
    try {
      const rows = await db.queryRows(
        `SELECT ${layer.idColumn} AS id, ${layer.nameColumn} AS name FROM ${layer.table}`,
      );
      for (const r of rows) names.set(`${id}|${String(r.id)}`, String(r.name));
    } catch {
      // a missing table leaves ids as names
    }
  }
  return names;
}
