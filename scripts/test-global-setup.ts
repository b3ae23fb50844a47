/**
 * Vitest global setup: builds the demo data (DuckDB + Parquet), the demo tileset and the models into out/ when missing,
 * so tests that read them find them. Builds are skipped when their manifests are current.
 */
export default async function setup(): Promise<void> {
  const { ensureDemoData } = await import('../data/ensure-demo');
  await ensureDemoData({ quiet: true });
  const { ensureDemoTiles } = await import('../tiles/ensure-tiles');
  await ensureDemoTiles({ quiet: true });
  const { ensureModels } = await import('../tiles/models/ensure-models');
  await ensureModels({ quiet: true });
}
