/** Builds the demo tileset into out/ when it is missing or stale. (Filled in by the tiles build.) */
export async function ensureDemoTiles(_opts: { quiet?: boolean } = {}): Promise<void> {}
