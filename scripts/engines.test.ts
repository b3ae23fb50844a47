import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe('engines', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;

  it('the README names the same Node as package.json', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`Node ≥ ${oldest.replace(/\.0$/, '')}`);
  });

  it('every locked package accepts the oldest Node we name (a fresh install prints no EBADENGINE)', () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!path || !range) continue;
      if (!semver.satisfies(oldest, range, { includePrerelease: true })) refused.push(`${path} (${range})`);
    }
    expect(refused).toEqual([]);
  });

  it('this Node satisfies package.json', () => {
    expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
  });
});
