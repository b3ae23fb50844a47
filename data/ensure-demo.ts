/** Builds the demo-scale data into out/ when it is missing or stale. (Filled in by the data build.) */
export async function ensureDemoData(_opts: { quiet?: boolean } = {}): Promise<void> {}
