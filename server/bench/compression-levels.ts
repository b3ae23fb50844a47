/**
 * Brotli and gzip levels on one real response body (plain and compact Arrow), printed by `server/bench.ts`: time and
 * size per level, so the level `compressBody` uses is chosen from figures measured in the same run.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { BROTLI_QUALITY, GZIP_LEVEL, INLINE_COMPRESS_MAX_BYTES } from '../encode/compress-body';
import { gzipInPieces } from '../encode/gzip-pieces';
import { percentile } from './measure-http';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Median milliseconds and output bytes of `runs` compressions. */
async function time(run: () => Promise<Buffer>, runs: number): Promise<{ ms: number; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs + 1; i++) {
    const t = performance.now();
    bytes = (await run()).byteLength;
    if (i > 0) ms.push(performance.now() - t);
  }
  return { ms: percentile(ms, 50), bytes };
}

/** Fetches `url` as plain and compact Arrow (identity) and prints a table of compression levels on both bodies. */
export async function benchCompressionLevels(url: string, name: string, runs = 7): Promise<void> {
  const body = async (u: string) =>
    new Uint8Array(await (await fetch(u, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer());
  const bodies = [
    ['plain Arrow', await body(url)],
    ['compact Arrow', await body(`${url}&encoding=compact`)],
  ] as const;
  const kb = (n: number) => `${(n / 1e3).toFixed(0)} kB`;
  console.log(
    `\n| compression of one body (${name}; in-process, thread pool, median of ${runs}) | level | ms | bytes | ratio |`,
  );
  console.log('|---|---|---|---|---|');
  for (const [label, b] of bodies) {
    for (const q of [1, 2, 3, 4, 5]) {
      const r = await time(
        () =>
          brotli(b, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: q,
              [constants.BROTLI_PARAM_SIZE_HINT]: b.byteLength,
            },
          }),
        runs,
      );
      console.log(
        `| ${label}, ${kb(b.byteLength)} | br ${q}${q === BROTLI_QUALITY ? ' (used)' : ''} | ${r.ms.toFixed(1)} | ${kb(r.bytes)} | ${(b.byteLength / r.bytes).toFixed(1)}× |`,
      );
    }
    const large = b.byteLength > INLINE_COMPRESS_MAX_BYTES;
    for (const level of [1, 6]) {
      const r = await time(() => gz(b, { level }), runs);
      console.log(
        `| ${label}, ${kb(b.byteLength)} | gzip ${level} in one pass${level === GZIP_LEVEL && !large ? ' (used)' : ''} | ${r.ms.toFixed(1)} | ${kb(r.bytes)} | ${(b.byteLength / r.bytes).toFixed(1)}× |`,
      );
    }
    // what compressBody does with a body this large: one piece per core, deflated at once (gzip-pieces.ts)
    const pieces = await time(async () => Buffer.from(await gzipInPieces([b], GZIP_LEVEL)), runs);
    console.log(
      `| ${label}, ${kb(b.byteLength)} | gzip ${GZIP_LEVEL} in pieces${large ? ' (used)' : ''} | ${pieces.ms.toFixed(1)} | ${kb(pieces.bytes)} | ${(b.byteLength / pieces.bytes).toFixed(1)}× |`,
    );
  }
}
