import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * For a test file or block: returns `folder(manifest)`, which makes a temporary data folder holding `manifest` as
 * manifest.json (none for undefined; a string is written as it is, JSON otherwise). The folders are removed after
 * the tests of the file or block that called this.
 */
export function manifestFolders(prefix: string): (manifest: unknown) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return (manifest) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    if (manifest !== undefined)
      writeFileSync(
        join(dir, 'manifest.json'),
        typeof manifest === 'string' ? manifest : JSON.stringify(manifest),
      );
    return dir;
  };
}
