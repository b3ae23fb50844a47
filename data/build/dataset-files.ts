import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type Manifest, readManifest } from './manifest';

/** Size and a sampled hash of one file of a dataset, recorded in the manifest and checked at every start. */
export interface FileCheck {
  bytes: number;
  /** SHA-256 (hex) over the size and up to `SAMPLE_BLOCKS` blocks of `SAMPLE_BYTES` spread over the file. */
  sample: string;
}

/** Bytes per sampled block. */
export const SAMPLE_BYTES = 64 * 1024;
/** Blocks sampled per file: the first, the last and evenly spaced ones between (≤ 512 KiB read per file). */
export const SAMPLE_BLOCKS = 8;

/** Offsets of the sampled blocks of a file of `size` bytes. */
export function sampleOffsets(size: number): number[] {
  if (size <= SAMPLE_BYTES * SAMPLE_BLOCKS) return [0];
  const last = size - SAMPLE_BYTES;
  return Array.from({ length: SAMPLE_BLOCKS }, (_, i) => Math.round((last * i) / (SAMPLE_BLOCKS - 1)));
}

/** Size and sampled hash of a file: cheap whatever its size (the whole file when it is under 512 KiB). */
export async function fingerprintFile(path: string): Promise<FileCheck> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const hash = createHash('sha256').update(`${size}:`);
    const buf = Buffer.alloc(Math.min(size, SAMPLE_BYTES * SAMPLE_BLOCKS));
    for (const off of sampleOffsets(size)) {
      const want = size <= SAMPLE_BYTES * SAMPLE_BLOCKS ? size : SAMPLE_BYTES;
      const { bytesRead } = await fh.read(buf, 0, want, off);
      hash.update(buf.subarray(0, bytesRead));
    }
    return { bytes: size, sample: hash.digest('hex') };
  } finally {
    await fh.close();
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Fingerprints `twin.duckdb` and every Parquet file of a built dataset, keyed by path relative to `dir`. */
export async function fingerprintDataset(dir: string): Promise<Record<string, FileCheck>> {
  const files = [join(dir, 'twin.duckdb'), ...(await listFiles(join(dir, 'parquet')).catch(() => []))]
    .filter((f) => f.endsWith('.duckdb') || f.endsWith('.parquet'))
    .sort();
  const out: Record<string, FileCheck> = {};
  for (const f of files) out[relative(dir, f)] = await fingerprintFile(f);
  return out;
}

/** The command that rebuilds the dataset in `dir` as its manifest describes it. */
export function rebuildCommand(dir: string, manifest: Pick<Manifest, 'scale' | 'seed'> | null): string {
  const scale = manifest?.scale ?? 'demo';
  const seed = manifest?.seed !== undefined ? ` --seed ${manifest.seed}` : '';
  return `npm run data -- --scale ${scale}${seed} --out ${dir} --force`;
}

/** What is wrong with a dataset on disk, each problem naming its file; empty when it matches its manifest. */
export interface DatasetCheck {
  manifest: Manifest | null;
  problems: string[];
}

/**
 * Checks a dataset against its manifest: every recorded file present with its size and sampled hash, and the
 * Parquet files the tables name present. A manifest without `files` (built before they were recorded) can only
 * be checked for the presence of its files.
 */
export async function verifyDataset(dir: string): Promise<DatasetCheck> {
  const manifest = await readManifest(join(dir, 'manifest.json'));
  if (!manifest) return { manifest, problems: [`${join(dir, 'manifest.json')} is missing or unreadable`] };
  const problems: string[] = [];
  const expected = new Map<string, FileCheck | null>(Object.entries(manifest.files ?? {}));
  if (!expected.has('twin.duckdb')) expected.set('twin.duckdb', null);
  for (const t of Object.values(manifest.tables)) {
    const paths = t.parts?.length ? t.parts.map((p) => p.path) : t.parquet.includes('*') ? [] : [t.parquet];
    for (const p of paths) if (!expected.has(p)) expected.set(p, null);
  }
  for (const [rel, want] of expected) {
    const path = join(dir, rel);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) {
      problems.push(`${path} is missing`);
      continue;
    }
    if (!want) continue;
    if (size !== want.bytes) {
      problems.push(`${path} has ${size} bytes; the manifest says ${want.bytes}`);
      continue;
    }
    if ((await fingerprintFile(path)).sample !== want.sample)
      problems.push(`${path} does not match its manifest hash (damaged or changed)`);
  }
  return { manifest, problems };
}
